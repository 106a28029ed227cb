package org.assistantapi.engines.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.Synthesis;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.WordTiming;
import org.assistantapi.engines.piper.RealisticVoices.Quality;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A windowed voice's leading piece ({@link PiperVoice#cut}), on the realistic
 * x_low voice with its noise scales at 0: a long sentence begun in a call whose budget not even the
 * first window fits (another listener is dry) opens with a few words of its own, and the rest
 * follows joined without a click; begun with a looser budget, or short, it is decoded as before.
 */
class PiperLeadTest {

    private static final String SENTENCE = "The living room stays dark until the news is over, and the hall light "
            + "goes off at ten, unless somebody is still awake downstairs.";
    private static final String SHORT = "The hall light goes off at ten.";

    @TempDir
    static Path voices;
    private static PiperEngine engine;
    private static PiperVoice voice;

    @BeforeAll
    static void load() throws Exception {
        String id = RealisticVoices.copyWithoutNoise(Quality.X_LOW, voices, "noise_scale", "noise_w");
        engine = new PiperEngine(PiperSettings.of(List.of(voices)));
        voice = (PiperVoice) engine.load(id);
        assertTrue(voice.windowed());
    }

    @AfterAll
    static void close() {
        voice.close();
        engine.close();
    }

    @Test
    void aSentenceBegunWhileAnotherListenerIsDryOpensWithAFewWordsAndJoinsWithoutAClick() throws Exception {
        Calls whole = speak(SENTENCE, Synthesis.NO_BUDGET);
        Calls led = speak(SENTENCE, Duration.ZERO);

        List<String> wordsOfFirst = led.wordsOfCall().getFirst();
        assertTrue(!wordsOfFirst.isEmpty() && wordsOfFirst.size() <= 7,
                "the lead is a few words: " + wordsOfFirst);
        assertEquals(whole.words(), led.words(), "every word is spoken once, in order");
        assertEquals(List.of(whole.words()), whole.wordsOfCall().stream().filter(w -> !w.isEmpty()).toList(),
                "without the lead the first call has every word of the sentence");

        // Rendered in two pieces the sentence's durations differ a little, never by much.
        double ratio = led.samples().length / (double) whole.samples().length;
        assertTrue(ratio > 0.85 && ratio < 1.15, "led " + led.samples().length + ", whole " + whole.samples().length);
        List<Long> starts = led.wordStarts();
        for (int i = 1; i < starts.size(); i++) {
            assertTrue(starts.get(i) >= starts.get(i - 1) && starts.get(i) < led.samples().length,
                    "word " + i + " starts at sample " + starts.get(i) + " of " + led.samples().length + ": " + starts);
        }
        int join = led.samplesBeforeCall(indexOfSecondPiece(led));
        assertTrue(starts.get(wordsOfFirst.size()) >= join, "the rest's first word starts in the rest's audio");
        int ownLargest = largestStep(whole.samples(), 1, whole.samples().length);
        int atJoin = largestStep(led.samples(), Math.max(1, join - 8), Math.min(led.samples().length, join + 8));
        assertTrue(atJoin <= ownLargest, "step " + atJoin + " at the join (sample " + join + "), the whole sentence's largest "
                + ownLargest);
    }

    @Test
    void aLooserBudgetOrAShortSentenceIsDecodedAsBefore() throws Exception {
        Calls whole = speak(SENTENCE, Synthesis.NO_BUDGET);
        // A budget the first window fits: windows may shrink, the sentence is one piece.
        Calls loose = speak(SENTENCE, Duration.ofMillis(500));
        assertEquals(whole.words(), loose.wordsOfCall().getFirst());
        Calls shortWhole = speak(SHORT, Synthesis.NO_BUDGET);
        Calls shortLed = speak(SHORT, Duration.ZERO);
        assertEquals(shortWhole.words(), shortLed.wordsOfCall().getFirst());
        // Its windows may be cut smaller, which moves samples by the decoder's float rounding only.
        assertEquals(shortWhole.samples().length, shortLed.samples().length);
        for (int i = 0; i < shortWhole.samples().length; i++) {
            assertTrue(Math.abs(shortWhole.samples()[i] - shortLed.samples()[i]) <= 4, "sample " + i + " differs");
        }
    }

    /** The first call whose words begin after the lead's: the rest's first window. */
    private static int indexOfSecondPiece(Calls calls) {
        for (int i = 1; i < calls.wordsOfCall().size(); i++) {
            if (!calls.wordsOfCall().get(i).isEmpty()) {
                return i;
            }
        }
        throw new AssertionError("the sentence was spoken in one piece: " + calls.wordsOfCall());
    }

    /** What each call of one synthesis spoke. */
    private record Calls(short[] samples, List<List<String>> wordsOfCall, List<Integer> samplesOfCall,
                         List<Long> wordStarts) {

        List<String> words() {
            return wordsOfCall.stream().flatMap(List::stream).toList();
        }

        int samplesBeforeCall(int call) {
            return samplesOfCall.subList(0, call).stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Speaks a text a call at a time, every call with {@code budget}. */
    private static Calls speak(String text, Duration budget) throws Exception {
        List<Short> samples = new ArrayList<>();
        List<List<String>> wordsOfCall = new ArrayList<>();
        List<Long> wordStarts = new ArrayList<>(); // in the text's audio: a word's timing counts from its call's
        List<Integer> samplesOfCall = new ArrayList<>();
        PiperSynthesis synthesis = voice.synthesize(text, SynthesisOptions.DEFAULT);
        while (synthesis.hasNext()) {
            List<String> words = new ArrayList<>();
            int before = samples.size();
            synthesis.speakNext(new PcmSink() {
                @Override
                public boolean accept(short[] audio, int offset, int length) {
                    for (int i = offset; i < offset + length; i++) {
                        samples.add(audio[i]);
                    }
                    return true;
                }

                @Override
                public void word(WordTiming word) {
                    words.add(word.text());
                    wordStarts.add(before + word.startSample());
                }
            }, budget);
            wordsOfCall.add(words);
            samplesOfCall.add(samples.size() - before);
        }
        short[] pcm = new short[samples.size()];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = samples.get(i);
        }
        return new Calls(pcm, wordsOfCall, samplesOfCall, wordStarts);
    }

    /** The largest step between neighbouring samples in {@code [from, to)}. */
    private static int largestStep(short[] samples, int from, int to) {
        int largest = 0;
        for (int i = Math.max(1, from); i < to; i++) {
            largest = Math.max(largest, Math.abs(samples[i] - samples[i - 1]));
        }
        return largest;
    }
}
