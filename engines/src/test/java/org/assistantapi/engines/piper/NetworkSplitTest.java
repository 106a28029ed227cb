package org.assistantapi.engines.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Voice;
import org.assistantapi.engines.piper.RealisticVoices.Quality;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Splitting a voice's network at load (on the realistic x_low voice, Piper's own architecture) into
 * front, flow and decoder, and decoding in windows: with the noise scales at 0, any windows joined
 * give the whole network's samples within 1e-4. Networks that are not Piper's run whole; files that are no network are
 * refused without stopping the other voices.
 */
class NetworkSplitTest {

    private static final float TOLERANCE = 1e-4f;
    private static final PiperModel.Scales QUIET = new PiperModel.Scales(0f, 1f, 0f);

    private static Path dir;
    private static PiperModel model;
    private static PiperModel whole;
    private static long[] ids;

    @BeforeAll
    static void load() throws Exception {
        dir = RealisticVoices.directory(Quality.X_LOW);
        PiperVoiceConfig config = PiperVoiceConfig.read(dir.resolve(Quality.X_LOW.voiceId() + ".onnx.json"));
        PhonemeIdMapper mapper = new PhonemeIdMapper("x_low", config.phonemeIdMap());
        // "Turn on the kitchen lights, please." as espeak-ng's en-us phonemes.
        ids = mapper.toIds("tˈɜːn ˌɑːn ðə kˈɪtʃən lˈaɪts, plˈiːz.");
        model = PiperModel.load(dir.resolve(Quality.X_LOW.voiceId() + ".onnx"), false, SessionTuning.threads(1), mapper.probe());
        whole = PiperModel.load(dir.resolve(Quality.X_LOW.voiceId() + ".onnx"), false, 1);
    }

    @AfterAll
    static void close() {
        model.close();
        whole.close();
    }

    @Test
    void splitsPiperNetworkWithTheReceptiveFieldsOfItsFlowAndDecoder() {
        SplitNetwork split = model.split().orElseThrow();
        assertEquals(256, split.field().hop(), "8 · 8 · 4 upsampling");
        // conv_pre ±3, the first upsampling and its resblocks (kernel 7, dilations 3 and 12) ~7, the rest < 2.
        int context = split.field().contextFrames();
        assertTrue(context >= 10 && context <= 16, context + " frames");
        // 4 couplings of 4 convolutions with kernel 5: 4 · 4 · 2 = 32 frames.
        assertEquals(1, split.flowField().hop());
        assertEquals(32, split.flowField().contextFrames());
    }

    @Test
    void windowsJoinedEqualTheWholeNetworkForEveryWindowSize() throws Exception {
        float[] expected = floats(whole.infer(ids, QUIET, -1));
        SplitNetwork split = model.split().orElseThrow();
        SplitNetwork.Front front = split.front(ids, QUIET, -1);
        assertEquals(expected.length, front.frames() * 256);
        for (DecoderWindows windows : List.of(new DecoderWindows(1, 3), new DecoderWindows(5, 16),
                new DecoderWindows(16, 40), new DecoderWindows(front.frames(), 1))) {
            float[] joined = new float[0];
            for (DecoderWindows.Window window : windows.plan(front.frames())) {
                float[] audio = split.decode(front, window.start(), window.end(), -1);
                int at = joined.length;
                joined = Arrays.copyOf(joined, at + audio.length);
                System.arraycopy(audio, 0, joined, at, audio.length);
            }
            assertEquals(expected.length, joined.length, windows.toString());
            for (int i = 0; i < expected.length; i++) {
                if (Math.abs(expected[i] - joined[i]) > TOLERANCE) {
                    throw new AssertionError(windows + ": sample " + i + " is " + joined[i] + ", whole " + expected[i]);
                }
            }
        }
    }

    @Test
    void durationsAddUpToTheFrames() throws Exception {
        SplitNetwork.Front front = model.split().orElseThrow().front(ids, QUIET, -1);
        assertEquals(ids.length, front.durations().length);
        double sum = 0;
        for (float d : front.durations()) {
            assertEquals(Math.ceil(d), d, "whole frames");
            sum += d;
        }
        assertEquals(front.frames(), sum);
    }

    @Test
    void toneVoicesAreNotPiperNetworksAndRunWhole() throws Exception {
        try (PiperModel tones = PiperModel.load(TestVoices.DIR.resolve(TestVoices.SINGLE + ".onnx"), false, SessionTuning.threads(1),
                new long[] {1, 0, 20, 0, 2})) {
            assertTrue(tones.split().isEmpty());
        }
        try (PiperEngine engine = new PiperEngine(PiperSettings.of(List.of(TestVoices.DIR)));
             PiperVoice voice = (PiperVoice) engine.load(TestVoices.SINGLE)) {
            assertFalse(voice.windowed());
        }
    }

    @Test
    void filesThatAreNoNetworkAreRefusedAndTheOtherVoicesStillLoad(@TempDir Path voices) throws Exception {
        byte[] random = new byte[4096];
        new Random(15).nextBytes(random);
        TestVoices.copy(TestVoices.SINGLE, voices, "random", c -> { });
        Files.write(voices.resolve("random.onnx"), random);
        Path realistic = dir.resolve(Quality.X_LOW.voiceId() + ".onnx");
        Files.copy(dir.resolve(Quality.X_LOW.voiceId() + ".onnx.json"), voices.resolve("truncated.onnx.json"));
        Files.write(voices.resolve("truncated.onnx"), Arrays.copyOf(Files.readAllBytes(realistic), 1_000_000));
        Files.copy(realistic, voices.resolve("whole.onnx"));
        Files.copy(dir.resolve(Quality.X_LOW.voiceId() + ".onnx.json"), voices.resolve("whole.onnx.json"));
        try (PiperEngine engine = new PiperEngine(PiperSettings.of(List.of(voices)))) {
            for (String broken : List.of("random", "truncated")) {
                EngineException e = assertThrows(EngineException.class, () -> engine.load(broken));
                assertEquals(EngineException.VOICE_UNAVAILABLE, e.code());
                assertTrue(e.getMessage().contains("not an ONNX model"), e.getMessage());
            }
            try (Voice voice = engine.load("whole")) {
                assertTrue(((PiperVoice) voice).windowed());
                assertTrue(voice.synthesize("Hello.", SynthesisOptions.DEFAULT).hasNext());
            }
        }
    }

    private static float[] floats(FloatBuffer buffer) {
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }
}
