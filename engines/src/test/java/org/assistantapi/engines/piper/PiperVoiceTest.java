package org.assistantapi.engines.piper;

import static org.assistantapi.engines.piper.TestVoices.MULTI;
import static org.assistantapi.engines.piper.TestVoices.SINGLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.Synthesis;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Voice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on real espeak-ng and ONNX Runtime, read back from the test voices' tones. */
class PiperVoiceTest {

    private static final int SILENCE_22K = 4410;
    private static final int SILENCE_16K = 3200;

    @TempDir
    static Path edited;

    private static PiperEngine engine;
    private static Voice single;
    private static Voice multi;

    @BeforeAll
    static void load() throws Exception {
        TestVoices.copy(SINGLE, edited, "text", c -> c.put("phoneme_type", "text"));
        TestVoices.copy(SINGLE, edited, "slow", c -> ((ObjectNode) c.get("inference")).put("length_scale", 1.5));
        TestVoices.copy(SINGLE, edited, "quiet", c -> ((ObjectNode) c.get("inference")).put("noise_scale", 0.001));
        TestVoices.copy(SINGLE, edited, "french", c -> {
            ((ObjectNode) c.get("espeak")).put("voice", "fr");
            c.putObject("phoneme_map").putArray("ð").add("d");
        });
        engine = new PiperEngine(PiperSettings.of(List.of(TestVoices.DIR, edited)));
        single = engine.load(SINGLE);
        multi = engine.load(MULTI);
    }

    @AfterAll
    static void close() {
        single.close();
        multi.close();
        engine.close();
    }

    @Test
    void speaksOneSentencePerCallWithPiperIdsAndSilenceAfterEach() throws Exception {
        Synthesis synthesis = single.synthesize("Hello, world! How are you today? I'm fine.", SynthesisOptions.DEFAULT);
        for (String phonemes : List.of("həlˈoʊ, wˈɜːld!", "hˌaʊ ɑːɹ juː tədˈeɪ?", "aɪm fˈaɪn.")) {
            assertTrue(synthesis.hasNext());
            TestVoices.Spoken spoken = TestVoices.Spoken.next(synthesis);
            assertTrue(spoken.spoke());
            assertEquals(2, spoken.chunks().size(), "the sentence, then its silence");
            assertEquals(toneIds(phonemes, 0), TestVoices.decode(spoken.speech(), 1024, 2, 1), phonemes);
            assertTrue(spoken.peak() >= 32766, "peak normalized to full scale: " + spoken.peak());
            short[] silence = spoken.chunks().get(1);
            assertEquals(SILENCE_22K, silence.length);
            assertTrue(isSilent(silence));
        }
        assertFalse(synthesis.hasNext());
        assertFalse(TestVoices.Spoken.next(synthesis).spoke());
    }

    @Test
    void speedDividesTheVoiceLengthScale() throws Exception {
        assertSpeaks(single, "Hi.", new SynthesisOptions(2.0, null), "hˈaɪ.", 512, 0);
        assertSpeaks(single, "Hi.", new SynthesisOptions(0.5, null), "hˈaɪ.", 2048, 0);
        try (Voice slow = engine.load("slow")) {
            assertSpeaks(slow, "Hi.", SynthesisOptions.DEFAULT, "hˈaɪ.", 1536, 0);
            assertSpeaks(slow, "Hi.", new SynthesisOptions(2.0, null), "hˈaɪ.", 768, 0);
        }
    }

    @Test
    void speakerNameOrNumberSelectsTheModelSpeaker() throws Exception {
        assertSpeaks(multi, "Hi.", SynthesisOptions.DEFAULT, "hˈaɪ.", 1024, 0);
        assertSpeaks(multi, "Hi.", new SynthesisOptions(1.0, "bob"), "hˈaɪ.", 1024, 1);
        assertSpeaks(multi, "Hi.", new SynthesisOptions(1.0, "2"), "hˈaɪ.", 1024, 2);
        for (String bad : List.of("dave", "3", "-1")) {
            EngineException e = assertThrows(EngineException.class, () -> multi.synthesize("Hi.", new SynthesisOptions(1.0, bad)));
            assertEquals(EngineException.INVALID_SPEAKER, e.code());
        }
        assertEquals(EngineException.INVALID_SPEAKER, assertThrows(EngineException.class,
                () -> single.synthesize("Hi.", new SynthesisOptions(1.0, "bob"))).code());
    }

    @Test
    void textVoicesSpeakTheTextsOwnDecomposedCodePointsAsOneSentence() throws Exception {
        try (Voice text = engine.load("text")) {
            // "Ç" decomposes to "C" + U+0327; the upper-case letters are not in the map and are skipped.
            assertSpeaks(text, "Ça va. Bob.", SynthesisOptions.DEFAULT, "C\u0327a va. Bob.", 1024, 0);
        }
    }

    /** Issue 13: 4,000 characters in one "sentence" ran out of memory in one inference. */
    @Test
    void aSentenceOverTheHardBoundIsSpokenInBoundedPiecesWithTheSilenceOnlyAfterTheLast() throws Exception {
        try (Voice text = engine.load("text")) {
            Synthesis synthesis = text.synthesize("abcdefghij".repeat(400), SynthesisOptions.DEFAULT);
            int pieces = 0;
            long samples = 0;
            while (synthesis.hasNext()) {
                TestVoices.Spoken spoken = TestVoices.Spoken.next(synthesis);
                pieces++;
                samples += spoken.speech().length;
                assertTrue(spoken.speech().length <= (2 * PiperVoice.MAX_PIECE_PHONEMES + 3) * 1024, "bounded piece");
                assertEquals(synthesis.hasNext() ? 1 : 2, spoken.chunks().size(), "silence only after the sentence");
            }
            // At least this many; more when the machine is slow enough to make the budget bind first.
            assertTrue(pieces >= 4000 / PiperVoice.MAX_PIECE_PHONEMES, pieces + " pieces");
            assertTrue(samples >= 2 * 4000 * 1024L, "every phoneme spoken: " + samples);
        }
    }

    @Test
    void rawPhonemesJoinTheSentenceAroundThem() throws Exception {
        Synthesis synthesis = single.synthesize("Say [[ hɛloʊ ]] now. Bye.", SynthesisOptions.DEFAULT);
        assertEquals(toneIds("sˈeɪ hɛloʊ nˈaʊ.", 0), decode(TestVoices.Spoken.next(synthesis), 1024));
        assertEquals(toneIds("bˈaɪ.", 0), decode(TestVoices.Spoken.next(synthesis), 1024));
        assertFalse(synthesis.hasNext());
    }

    @Test
    void languageFlagsAreDroppedAndThePhonemeMapApplied() throws Exception {
        try (Voice french = engine.load("french")) {
            // espeak-ng gives "(en)ðə(fr)" for "the"; the voice maps ð to d; ɛ̃ is ɛ + U+0303.
            assertSpeaks(french, "Hello my friend, the boss.", SynthesisOptions.DEFAULT,
                    "ɛlˈo mˈi fʁiˈɛ̃d, də bˈɔs.", 1024, 0);
        }
    }

    @Test
    void quietModelsAreAmplifiedAtMostHundredfold() throws Exception {
        try (Voice quiet = engine.load("quiet")) {
            int peak = TestVoices.Spoken.next(quiet.synthesize("Hi.", SynthesisOptions.DEFAULT)).peak();
            assertTrue(peak > 3200 && peak <= 3277, "0.001 × 32767 / 0.01: " + peak);
        }
    }

    @Test
    void aSinkThatStopsGetsNoSilence() throws Exception {
        Synthesis synthesis = single.synthesize("One. Two.", SynthesisOptions.DEFAULT);
        TestVoices.Spoken stopped = TestVoices.Spoken.next(synthesis, false);
        assertEquals(1, stopped.chunks().size());
        assertTrue(synthesis.hasNext());
    }

    private static void assertSpeaks(Voice voice, String text, SynthesisOptions options, String phonemes,
                                     int blockLength, int speaker) throws Exception {
        Synthesis synthesis = voice.synthesize(text, options);
        TestVoices.Spoken spoken = TestVoices.Spoken.next(synthesis);
        int stride = voice.info().speakerCount() > 1 ? 3 : 2;
        assertEquals(toneIds(phonemes, speaker),
                TestVoices.decode(spoken.speech(), blockLength, stride, voice.info().speakerCount()), text);
        assertEquals(voice.info().sampleRate() == 16000 ? SILENCE_16K : SILENCE_22K, spoken.chunks().get(1).length);
        assertFalse(synthesis.hasNext());
    }

    private static List<TestVoices.Tone> decode(TestVoices.Spoken spoken, int blockLength) {
        return TestVoices.decode(spoken.speech(), blockLength, 2, 1);
    }

    private static List<TestVoices.Tone> toneIds(String phonemes, int speaker) throws Exception {
        return TestVoices.expectedIds(phonemes).stream().map(id -> new TestVoices.Tone(id, speaker)).toList();
    }

    private static boolean isSilent(short[] samples) {
        short[] zeros = new short[samples.length];
        return Arrays.equals(samples, zeros);
    }
}
