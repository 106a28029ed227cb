package org.assistantapi.engines.piper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.piper.RealisticVoices.Quality;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated realistic voices against properties computed by hand: Piper's parameter count for
 * its hyperparameters, output shape (whole hops of 256 samples), finite audio in [-1, 1], about
 * 25 ms per phoneme id, and the length scaling that ceil(duration · length_scale) allows. Uses the
 * x_low voice only (the cheapest); the medium one differs only in its hyperparameters.
 */
class RealisticVoicesTest {

    private static final int HOP = 256;
    private static final int X_LOW_RATE = 16000;
    /** Piper's en_US medium voices (e.g. lessac) have exactly this many parameters. */
    private static final long PIPER_MEDIUM_PARAMETERS = 15_650_459L;

    private static Path dir;

    @BeforeAll
    static void generate() throws Exception {
        dir = RealisticVoices.directory(Quality.X_LOW);
    }

    @Test
    void hasPiperParameterCountForItsHyperparameters() throws Exception {
        assertEquals(PIPER_MEDIUM_PARAMETERS, vitsParameters(192, 192, 768), "the formula itself, on Piper's medium");
        JsonNode config = new ObjectMapper().readTree(dir.resolve(Quality.X_LOW.voiceId() + ".onnx.json").toFile());
        long parameters = config.get("realistic").get("parameters").longValue();
        assertEquals(vitsParameters(96, 96, 384), parameters);
        assertTrue(Files.size(dir.resolve(Quality.X_LOW.voiceId() + ".onnx")) > 4 * parameters, "float32 weights");
        assertEquals(X_LOW_RATE, config.get("audio").get("sample_rate").intValue());
        assertTrue(config.get("phoneme_id_map").size() > 150, "espeak's phoneme map");
    }

    @Test
    void outputIsWholeHopsOfFiniteAudioAtAboutTwentyFiveMillisecondsPerId() throws Exception {
        long[] ids = ids(40);
        try (PiperModel model = PiperModel.load(dir.resolve(Quality.X_LOW.voiceId() + ".onnx"), false, 1)) {
            float[] audio = array(model.infer(ids, new PiperModel.Scales(0.667f, 1f, 0.8f), -1));
            assertEquals(0, audio.length % HOP, "whole decoder frames");
            for (float sample : audio) {
                assertTrue(Float.isFinite(sample) && Math.abs(sample) <= 1f, "tanh output: " + sample);
            }
            double msPerId = 1000.0 * audio.length / X_LOW_RATE / ids.length;
            assertTrue(msPerId > 15 && msPerId < 40, msPerId + " ms per id");
        }
    }

    @Test
    void lengthScaleScalesDurationsBeforeTheirCeiling() throws Exception {
        long[] ids = ids(40);
        try (PiperModel model = PiperModel.load(dir.resolve(Quality.X_LOW.voiceId() + ".onnx"), false, 1)) {
            // Noise scales 0: the durations are the same in every run, so only length_scale differs.
            float[] normal = array(model.infer(ids, new PiperModel.Scales(0f, 1f, 0f), -1));
            float[] again = array(model.infer(ids, new PiperModel.Scales(0f, 1f, 0f), -1));
            float[] slow = array(model.infer(ids, new PiperModel.Scales(0f, 2f, 0f), -1));
            assertArrayEquals(normal, again, "deterministic without noise");
            // Per id ceil(2w) is 2·ceil(w) or one less: frames(2) is in [2F - N, 2F].
            long frames = normal.length / HOP;
            long slowFrames = slow.length / HOP;
            assertTrue(slowFrames <= 2 * frames && slowFrames >= 2 * frames - ids.length,
                    frames + " frames at length_scale 1, " + slowFrames + " at 2");
        }
    }

    @Test
    void speaksThroughThePiperEngineAtSpeechLength() throws Exception {
        // Budgets no sentence here reaches: one call speaks the whole sentence, in windows.
        PiperSettings whole = PiperSettings.of(List.of(dir)).withPieceBudgets(Duration.ofMinutes(1), Duration.ofMinutes(1));
        try (PiperEngine engine = new PiperEngine(whole);
             PiperVoice voice = (PiperVoice) engine.load(Quality.X_LOW.voiceId())) {
            assertEquals(X_LOW_RATE, voice.info().sampleRate());
            PiperSynthesis synthesis = voice.synthesize("Turn on the kitchen lights, please.", SynthesisOptions.DEFAULT);
            List<short[]> chunks = new ArrayList<>();
            PcmSink sink = (pcm, offset, length) -> chunks.add(Arrays.copyOfRange(pcm, offset, offset + length));
            // Decoder windows, one per call: a first window of 250 ms (16 frames of 256 samples), the rest, then the silence.
            SentenceTimings first = synthesis.speakNextTimed(sink);
            assertTrue(voice.windowed());
            assertEquals(16 * HOP, first.samples());
            assertEquals(List.of(16 * HOP), chunks.stream().map(c -> c.length).toList());
            SentenceTimings rest = synthesis.speakNextTimed(sink);
            assertEquals(0, rest.ids());
            assertFalse(synthesis.hasNext());
            int speech = first.samples() + rest.samples();
            assertEquals(speech + X_LOW_RATE / 5, chunks.stream().mapToInt(c -> c.length).sum());
            double msPerId = 1000.0 * speech / X_LOW_RATE / first.ids();
            assertTrue(msPerId > 15 && msPerId < 40, msPerId + " ms per id");
        }
    }

    @Test
    void aBudgetKeepsLaterWindowsToTheSecondWindowsSize() throws Exception {
        try (PiperEngine engine = new PiperEngine(PiperSettings.of(List.of(dir)));
             PiperVoice voice = (PiperVoice) engine.load(Quality.X_LOW.voiceId())) {
            // About 6 s: unbounded, its windows would be 16, 64 and ~300 frames.
            PiperSynthesis synthesis = voice.synthesize("Turn on the kitchen lights, please, and tell me what the weather"
                    + " will be like tomorrow morning on the way to work.", SynthesisOptions.DEFAULT);
            List<Integer> calls = new ArrayList<>();
            while (synthesis.hasNext()) {
                int[] samples = {0};
                synthesis.speakNext((pcm, offset, length) -> {
                    samples[0] += length;
                    return true;
                }, Duration.ZERO);
                calls.add(samples[0]);
            }
            int silence = X_LOW_RATE / 5;
            assertTrue(calls.size() >= 5, "calls " + calls);
            calls.set(calls.size() - 1, calls.getLast() - silence); // the sentence silence follows the last window
            assertEquals(16 * HOP, calls.getFirst());
            assertTrue(calls.stream().allMatch(samples -> samples > 0 && samples <= 4 * 16 * HOP), "calls " + calls);
        }
    }

    /** Ids as phonemized speech has them: Piper's pad (0) between phonemes, start (1) and end (2). */
    private static long[] ids(int count) {
        return LongStream.range(0, count).map(i -> i == 0 ? 1 : i == count - 1 ? 2 : i % 2 == 1 ? 0 : 14 + i % 40)
                .toArray();
    }

    private static float[] array(FloatBuffer buffer) {
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    /** Parameters of Piper's VITS inference network (single speaker, resblock "2", 256 symbols). */
    private static long vitsParameters(int hidden, int inter, int filter) {
        int halfHead = hidden / 2;
        // Attention (q, k, v, out; relative keys and values over 2·4+1 positions), feed-forward, 2 norms.
        long encoderLayer = 4 * conv(hidden, hidden, 1) + 2 * 9L * halfHead
                + conv(hidden, filter, 3) + conv(filter, hidden, 3) + 2 * 2L * hidden;
        long encoder = 256L * hidden + 6 * encoderLayer + conv(hidden, 2 * inter, 1);
        long dds = 3 * (conv(1, hidden, 3) + conv(hidden, hidden, 1) + 2 * 2L * hidden);
        long splineFlow = conv(1, hidden, 1) + dds + conv(hidden, 29, 1);
        long durations = 2 * conv(hidden, hidden, 1) + dds + 3 * splineFlow + 4;
        long coupling = conv(inter / 2, hidden, 1) + 4 * conv(hidden, 2 * hidden, 5) + 3 * conv(hidden, 2 * hidden, 1)
                + conv(hidden, hidden, 1) + conv(hidden, inter / 2, 1);
        long decoder = conv(inter, 256, 7) + 32 * 7;
        int[] kernels = {16, 16, 8};
        for (int i = 0; i < 3; i++) {
            int in = 256 >> i;
            int out = in / 2;
            decoder += (long) in * out * kernels[i] + out;
            for (int k : new int[] {3, 5, 7}) {
                decoder += 2 * conv(out, out, k);
            }
        }
        return encoder + durations + 4 * coupling + decoder;
    }

    /** A 1-D convolution's weights and biases; {@code in} = 1 for a depthwise one. */
    private static long conv(int in, int out, int kernel) {
        return (long) in * out * kernel + out;
    }
}
