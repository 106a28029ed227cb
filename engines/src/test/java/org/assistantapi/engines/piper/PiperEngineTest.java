package org.assistantapi.engines.piper;

import static org.assistantapi.engines.piper.TestVoices.MULTI;
import static org.assistantapi.engines.piper.TestVoices.SINGLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Voice;
import org.assistantapi.engines.VoiceInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery from the voice JSON alone, and broken voices that must not stop the engine. */
class PiperEngineTest {

    @Test
    void listsVoicesFromTheirJson() {
        PiperEngine engine = new PiperEngine(PiperSettings.of(List.of(TestVoices.DIR, Path.of("/nonexistent"))));
        assertEquals(List.of(
                new VoiceInfo(SINGLE, "piper", "en-us", 22050, 1, Map.of()),
                new VoiceInfo(MULTI, "piper", "en-us", 16000, 3, Map.of("alice", 0, "bob", 1, "carol", 2))),
                engine.voices());
    }

    @Test
    void brokenVoicesAreSkippedWithTheirReasonWhileOthersServe(@TempDir Path dir) throws Exception {
        TestVoices.copy(SINGLE, dir, "good", config -> { });
        TestVoices.copy(SINGLE, dir, "corrupt", config -> { });
        Files.write(dir.resolve("corrupt.onnx"), new byte[] {1, 2, 3, 4});
        TestVoices.copy(SINGLE, dir, "no-json", config -> { });
        Files.delete(dir.resolve("no-json.onnx.json"));
        TestVoices.copy(SINGLE, dir, "no-ids", config -> config.remove("phoneme_id_map"));
        TestVoices.copy(SINGLE, dir, "bad-json", config -> { });
        Files.writeString(dir.resolve("bad-json.onnx.json"), "{\"audio\": ");

        PiperEngine engine = new PiperEngine(PiperSettings.of(List.of(dir)));

        assertEquals(List.of("corrupt", "good"), engine.voices().stream().map(VoiceInfo::id).toList(),
                "a corrupt model is only found out when loaded");
        assertUnavailable(engine, "corrupt", "not an ONNX model");
        assertUnavailable(engine, "no-json", "no no-json.onnx.json");
        assertUnavailable(engine, "no-ids", "phoneme_id_map is missing");
        assertUnavailable(engine, "bad-json", "bad-json.onnx.json");
        assertEquals(EngineException.VOICE_NOT_FOUND,
                assertThrows(EngineException.class, () -> engine.load("absent")).code());
        try (Voice good = engine.load("good")) {
            assertTrue(TestVoices.Spoken.next(good.synthesize("Still here.", SynthesisOptions.DEFAULT)).spoke());
        }
    }

    @Test
    void theFirstDirectoryWinsForAnId(@TempDir Path first) throws Exception {
        TestVoices.copy(MULTI, first, SINGLE, config -> config.putObject("language").put("code", "en_GB"));
        PiperEngine engine = new PiperEngine(PiperSettings.of(List.of(first, TestVoices.DIR)));
        assertEquals(List.of("en-gb", "en-us"), engine.voices().stream().map(VoiceInfo::language).toList());
    }

    private static void assertUnavailable(PiperEngine engine, String id, String reason) {
        EngineException e = assertThrows(EngineException.class, () -> engine.load(id));
        assertEquals(EngineException.VOICE_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
