package org.assistantapi.engines.piper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.Synthesis;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.WordTiming;
import org.assistantapi.engines.piper.RealisticVoices.Quality;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Synthesis#interrupt()} on the realistic x_low voice, split (decoder windows) and whole
 * (a sentence per inference): a call interrupted while its runs are in progress speaks nothing, and the calls after it speak
 * exactly the audio and words of a text never interrupted (the noise scales are 0, so every run of
 * the text draws the same audio). An interrupt between calls changes nothing.
 */
class PiperInterruptTest {

    private static final String TEXT = "Turn on the kitchen lights, please. The living room stays dark until the news is "
            + "over, and the hall light goes off at ten, unless somebody is still awake downstairs.";

    /** What the calls of one synthesis spoke. */
    private record Spoken(byte[] pcm, List<WordTiming> words, int interruptedCalls) {
    }

    @ParameterizedTest(name = "windowed: {0}")
    @ValueSource(booleans = {true, false})
    void anInterruptedCallSpeaksNothingAndTheNextSpeaksItsPart(boolean windowed, @TempDir Path voices) throws Exception {
        String id = RealisticVoices.copyWithoutNoise(Quality.X_LOW, voices, "noise_scale", "noise_w");
        PiperSettings defaults = PiperSettings.of(List.of(voices));
        // Piece budgets too large to cut a sentence: a voice that runs whole cuts its pieces by its
        // measured cost, which differs from run to run, and differently cut pieces sound different.
        PiperSettings settings = new PiperSettings(defaults.voiceDirs(), defaults.sentenceSilence(), 1,
                windowed ? defaults.firstWindow() : Duration.ZERO, defaults.window(), Duration.ofHours(1),
                Duration.ofHours(1), defaults.graphOptimization());
        try (PiperEngine engine = new PiperEngine(settings);
             PiperVoice voice = (PiperVoice) engine.load(id)) {
            assertEquals(windowed, voice.windowed());
            Spoken plain = speak(voice.synthesize(TEXT, SynthesisOptions.DEFAULT), false);
            Spoken interrupted = speak(voice.synthesize(TEXT, SynthesisOptions.DEFAULT), true);
            assertTrue(interrupted.interruptedCalls() > 0, "no call was interrupted");
            assertEquals(plain.words(), interrupted.words());
            assertArrayEquals(plain.pcm(), interrupted.pcm());
        }
    }

    /**
     * Speaks the text a call at a time. With interrupts, each call runs while another thread keeps
     * interrupting it, then the next call runs after an interrupt that came between calls.
     */
    private static Spoken speak(PiperSynthesis synthesis, boolean interrupts) throws Exception {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        List<WordTiming> words = new ArrayList<>();
        int[] samples = {0};
        PcmSink sink = new PcmSink() {
            @Override
            public boolean accept(short[] audio, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    pcm.write(audio[i] & 0xff);
                    pcm.write(audio[i] >> 8 & 0xff);
                }
                samples[0] += length;
                return true;
            }

            @Override
            public void word(WordTiming word) {
                words.add(word);
            }
        };
        int interruptedCalls = 0;
        while (synthesis.hasNext()) {
            if (interrupts) {
                int before = samples[0];
                AtomicBoolean calling = new AtomicBoolean(true);
                Thread interrupter = Thread.ofPlatform().start(() -> {
                    while (calling.get()) {
                        synthesis.interrupt();
                        Thread.onSpinWait();
                    }
                });
                synthesis.speakNext(sink);
                calling.set(false);
                interrupter.join();
                if (samples[0] == before) {
                    interruptedCalls++;
                }
                synthesis.interrupt(); // between calls: no effect on the next
                int beforePlain = samples[0];
                if (synthesis.speakNext(sink)) {
                    assertTrue(samples[0] > beforePlain, "a call after an interrupt between calls spoke nothing");
                }
            } else {
                synthesis.speakNext(sink);
            }
        }
        return new Spoken(pcm.toByteArray(), words, interruptedCalls);
    }
}
