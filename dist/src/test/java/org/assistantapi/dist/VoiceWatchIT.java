package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/**
 * Voices added, replaced and removed in a running server's voice directory: offered (or not)
 * without a restart, while long streams, one speaking an untouched voice and one speaking the voice
 * that is replaced and then removed, are held open and must still finish whole.
 */
class VoiceWatchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEST_VOICES = RunningServer.repo().resolve("engines/src/test/voices");
    /** 22050 Hz, one speaker. */
    private static final String TONES = "en_US-tones-medium";
    /** 16000 Hz, three speakers. */
    private static final String MULTI = "en_US-tonesmulti-low";
    private static final Duration APPEAR_WITHIN = Duration.ofSeconds(30);

    @Test
    void voicesComeAndGoWhileStreamsSpeakOn() throws Exception {
        Path voices = ScratchFiles.directory("voices");
        install(TONES, voices, "steady");
        install(MULTI, voices, "victim");
        int wyomingPort = RunningServer.freePort();
        String text = Files.readString(RunningServer.texts().resolve("long.txt")).strip();
        try (RunningServer server = RunningServer.start("workers:\n  count: 2\n"
                + "voices:\n  default: steady\n  dirs: [\"" + voices + "\"]\n"
                + "models:\n  tts-added: added\n"
                + "streams:\n  buffer_frames: 4\n  client_stall_timeout_seconds: 600\n"
                // Sentences whole: pieces are cut by the voice's measured cost, which varies with
                // the machine's load, so two renderings cut differently differ by a few samples.
                + "scheduling:\n  piece_budget_ms: 60000\n  first_piece_budget_ms: 60000\n"
                + "wyoming:\n  enabled: true\n  port: " + wyomingPort + "\n")) {
            int steadyLength = Wav.parse(speak(server, "steady", text).body()).samples().length;
            int victimLength = Wav.parse(speak(server, "victim", text).body()).samples().length;

            try (InputStream steady = startStream(server, "steady", text);
                 InputStream victim = startStream(server, "victim", text)) {
                // a voice whose JSON is still being written is not offered
                Files.copy(TEST_VOICES.resolve(TONES + ".onnx"), voices.resolve("added.onnx"));
                String json = Files.readString(TEST_VOICES.resolve(TONES + ".onnx.json"));
                Files.writeString(voices.resolve("added.onnx.json"), json.substring(0, json.length() / 2));
                Thread.sleep(3000); // several looks, past the settling time
                assertFalse(voiceIds(server).contains("added"), "half a voice is not offered");

                Files.writeString(voices.resolve("added.onnx.json"), json);
                await(server, ids -> ids.contains("added"), "the completed voice is offered");
                // both workers speak it (two streams at once go to different workers), by id and by a model mapping
                try (InputStream first = startStream(server, "added", "First.");
                     InputStream second = startStream(server, "added", "Second.")) {
                    assertTrue(first.readAllBytes().length > 1000);
                    assertTrue(second.readAllBytes().length > 1000);
                }
                HttpResponse<byte[]> mapped = server.postJson("/v1/audio/speech",
                        "{\"model\":\"tts-added\",\"voice\":\"alloy\",\"input\":\"Mapped.\",\"response_format\":\"wav\"}");
                assertEquals(200, mapped.statusCode(), new String(mapped.body(), StandardCharsets.UTF_8));
                assertTrue(wyomingVoices(wyomingPort).contains("added"), "in Wyoming's info");

                // replaced: new requests get the new files (22050 Hz instead of 16000)
                install(TONES, voices, "victim");
                await(server, ids -> sampleRate(server, "victim") == 22050, "the replaced voice is described anew");
                assertEquals(22050, Wav.parse(speak(server, "victim", "Anew.").body()).sampleRate());

                // removed: no new requests
                Files.delete(voices.resolve("victim.onnx"));
                Files.delete(voices.resolve("victim.onnx.json"));
                await(server, ids -> !ids.contains("victim"), "the removed voice is no longer offered");
                HttpResponse<byte[]> gone = speak(server, "victim", "Gone?");
                assertEquals(400, gone.statusCode());
                assertTrue(new String(gone.body(), StandardCharsets.UTF_8).contains("voice_not_found"));

                // the streams held open all along finish whole
                assertEquals(steadyLength, Wav.parse(steady.readAllBytes()).samples().length, "the untouched voice's stream");
                Wav old = Wav.parse(victim.readAllBytes());
                assertEquals(16000, old.sampleRate(), "the removed voice's stream kept its old files");
                assertEquals(victimLength, old.samples().length, "and finished whole");
            }
            String log = Files.readString(server.dir.resolve("logs/assistant-api.0.log"));
            assertEquals(1, count(log, "voice added added"), "each change logged once");
            assertEquals(1, count(log, "voice victim replaced"));
            assertEquals(1, count(log, "voice victim removed"));
        }
    }

    private static void install(String testVoice, Path voices, String id) throws Exception {
        // written aside and renamed in, as voices download does
        for (String suffix : List.of(".onnx", ".onnx.json")) {
            Path part = voices.resolve("." + id + suffix + ".part");
            Files.copy(TEST_VOICES.resolve(testVoice + suffix), part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, voices.resolve(id + suffix), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String request(String voice, String text) throws Exception {
        return JSON.writeValueAsString(Map.of("model", "tts-1", "voice", voice, "input", text, "response_format", "wav"));
    }

    private static HttpResponse<byte[]> speak(RunningServer server, String voice, String text) throws Exception {
        return server.postJson("/v1/audio/speech", request(voice, text));
    }

    /** A streaming response whose first bytes have arrived; the rest waits until it is read. */
    private static InputStream startStream(RunningServer server, String voice, String text) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(server.uri("/v1/audio/speech"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request(voice, text))).build();
        HttpResponse<InputStream> response = server.http().send(post, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static List<String> voiceIds(RunningServer server) throws Exception {
        return JSON.readTree(server.get("/v1/audio/voices").body()).path("data").findValuesAsText("id");
    }

    private static int sampleRate(RunningServer server, String id) {
        try {
            for (JsonNode voice : JSON.readTree(server.get("/v1/audio/voices").body()).path("data")) {
                if (voice.path("id").asText().equals(id)) {
                    return voice.path("sample_rate").asInt();
                }
            }
            return 0;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(RunningServer server, Predicate<List<String>> condition, String what) throws Exception {
        long deadline = System.nanoTime() + APPEAR_WITHIN.toNanos();
        while (!condition.test(voiceIds(server))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + APPEAR_WITHIN.toSeconds() + " s; voices " + voiceIds(server));
            }
            Thread.sleep(200);
        }
    }

    private static List<String> wyomingVoices(int port) throws Exception {
        try (WyomingClient client = new WyomingClient(port)) {
            client.send("describe", Map.of());
            return client.expect("info").data().path("tts").get(0).path("voices").findValuesAsText("name");
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
