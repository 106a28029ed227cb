package org.assistantapi.engines.piper;

import static org.assistantapi.engines.piper.TestVoices.MULTI;
import static org.assistantapi.engines.piper.TestVoices.SINGLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.file.StandardCopyOption;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Voice;
import org.assistantapi.engines.VoiceChanges;
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
    void everyGraphOptimizationLevelSpeaksTheSameAudio() throws Exception {
        List<short[]> expected = null;
        for (GraphOptimization level : GraphOptimization.values()) {
            PiperSettings settings = PiperSettings.of(List.of(TestVoices.DIR)).withSessions(1, level);
            try (PiperEngine engine = new PiperEngine(settings); Voice voice = engine.load(SINGLE)) {
                List<short[]> chunks = TestVoices.Spoken.next(voice.synthesize("Hello there.", SynthesisOptions.DEFAULT))
                        .chunks();
                assertFalse(chunks.isEmpty(), level.name());
                if (expected == null) {
                    expected = chunks;
                } else {
                    assertEquals(expected.size(), chunks.size(), level.name());
                    for (int i = 0; i < chunks.size(); i++) {
                        assertTrue(Arrays.equals(expected.get(i), chunks.get(i)), level + ", chunk " + i);
                    }
                }
            }
        }
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

    @Test
    void aVoiceCopiedInWhileRunningIsOfferedOnceItsFilesSettleAndRead(@TempDir Path dir) throws Exception {
        PiperEngine engine = new PiperEngine(PiperSettings.of(List.of(dir)));
        assertEquals(List.of(), engine.voices());

        Files.copy(TestVoices.DIR.resolve(SINGLE + ".onnx"), dir.resolve("late.onnx"));
        assertEquals(VoiceChanges.NONE, engine.refresh(), "half a voice (no JSON yet) is nothing");
        Files.writeString(dir.resolve("late.onnx.json"), "{\"audio\": {\"sample_rate\"");
        VoiceChanges first = engine.refresh();
        assertTrue(first.settling() && !first.any(), "just written: wait until the files stop changing");
        VoiceChanges broken = refreshUntilSettled(engine);
        assertEquals(Set.of(), broken.added(), "a JSON cut short is not offered");
        assertEquals(List.of(), engine.voices());
        assertEquals(VoiceChanges.NONE, engine.refresh(), "nor looked at again while it stays so");

        Files.copy(TestVoices.DIR.resolve(SINGLE + ".onnx.json"), dir.resolve("late.onnx.json"), StandardCopyOption.REPLACE_EXISTING);
        assertEquals(Set.of("late"), refreshUntilSettled(engine).added());
        assertEquals(List.of("late"), engine.voices().stream().map(VoiceInfo::id).toList());
        String revision = engine.revision("late");
        try (Voice late = engine.load("late")) {
            assertTrue(TestVoices.Spoken.next(late.synthesize("Here now.", SynthesisOptions.DEFAULT)).spoke());
        }

        TestVoices.copy(MULTI, dir, "next", config -> { });
        Files.delete(dir.resolve("late.onnx.json"));
        TestVoices.copy(MULTI, dir, "late", config -> { }, StandardCopyOption.REPLACE_EXISTING);
        VoiceChanges changed = refreshUntilSettled(engine);
        assertEquals(Set.of("next"), changed.added());
        assertEquals(Set.of("late"), changed.replaced());
        assertTrue(!engine.revision("late").equals(revision), "a replaced voice has a new revision");
        assertEquals(16000, engine.voices().getFirst().sampleRate(), "the new files' description");

        Files.delete(dir.resolve("next.onnx"));
        assertEquals(Set.of("next"), engine.refresh().removed(), "a removed voice goes at once");
        assertEquals(EngineException.VOICE_NOT_FOUND, assertThrows(EngineException.class, () -> engine.load("next")).code());
    }

    @Test
    void aCorruptModelCopiedInWhileRunningIsNeverOffered(@TempDir Path dir) throws Exception {
        PiperEngine engine = new PiperEngine(PiperSettings.of(List.of(dir)));
        TestVoices.copy(SINGLE, dir, "corrupt", config -> { });
        Files.write(dir.resolve("corrupt.onnx"), new byte[] {1, 2, 3, 4});
        assertFalse(refreshUntilSettled(engine).any(), "ONNX Runtime cannot open it");
        assertUnavailable(engine, "corrupt", "not an ONNX model");
    }

    /** Looks until no voice is still being written (a bounded wait, a second or two). */
    private static VoiceChanges refreshUntilSettled(PiperEngine engine) throws InterruptedException {
        VoiceChanges all = VoiceChanges.NONE;
        for (int i = 0; i < 200; i++) {
            VoiceChanges changes = engine.refresh();
            all = all.and(changes);
            if (!changes.settling()) {
                return all;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the voice files never settled");
    }

    private static void assertUnavailable(PiperEngine engine, String id, String reason) {
        EngineException e = assertThrows(EngineException.class, () -> engine.load(id));
        assertEquals(EngineException.VOICE_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
