package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Texts that crash libespeak-ng 1.51 (issue 13, item 1), against the real server: the guard makes
 * them speakable by every engine; and a worker that dies by a crash signal while its engine reads a
 * text gets that text refused from then on (400 {@code input_crashed_engine}), never replayed.
 *
 * <p>No input is left that crashes a worker, so the second part sends the worker SIGABRT (what
 * glibc's "stack smashing detected" raises) while its engine is on the text: the server sees
 * exactly what a native crash looks like. No test hook exists in the shipped code.
 */
class CrashingInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ESPEAK = "espeak:en-us";
    /** The shapes that crashed libespeak-ng 1.51 (see LongWords), each well past its threshold. */
    private static final List<String> CRASHERS = List.of("x." + "9".repeat(168), "E." + "9".repeat(400),
            "A." + "9".repeat(200), "e." + "1".repeat(300), "a.".repeat(120), "a.a. ".repeat(60), "a.a.? ".repeat(60),
            "x." + "é".repeat(120), "x." + "日".repeat(80), "U.S." + "a".repeat(300));
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(SessionsIT.config("workers:\n  count: 2\n"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void textsThatCrashedEspeakAreSpokenByEveryEngineAndNoWorkerDies() throws Exception {
        // Another test of this class kills a worker on purpose: start once its replacement is up.
        awaitHealth(h -> h.get("workers_up").intValue() == 2, Duration.ofSeconds(30));
        Set<Long> workersBefore = workerPids();
        int restartsBefore = health().get("worker_restarts").intValue();
        for (String voice : List.of(ESPEAK, "espeak:de", "espeak:ar", "en_US-tones-medium")) {
            for (String text : CRASHERS) {
                HttpResponse<byte[]> response = speak(voice, text);
                assertEquals(200, response.statusCode(), voice + " <- " + text + ": " + new String(response.body()));
                assertTrue(Wav.parse(response.body()).samples().length > 0, voice + " <- " + text);
            }
        }
        // The attack as it was run: the same text over and over, beside a normal client.
        for (int i = 0; i < 10; i++) {
            assertEquals(200, speak(ESPEAK, CRASHERS.getFirst()).statusCode());
            assertEquals(200, speak(ESPEAK, "The kitchen light is on.").statusCode());
        }
        assertEquals(workersBefore, workerPids(), "no worker died");
        assertEquals(restartsBefore, health().get("worker_restarts").intValue(), "no worker restarted");
    }

    @Test
    void aTextThatCrashedAWorkerIsRefusedAndNeverReachesAnother() throws Exception {
        String text = longText() + " One-shot edition.";
        HttpResponse<InputStream> first = open(text);
        first.body().readNBytes(2048); // the engine is on this text; the reader now stops, the job waits
        int restartsBefore = health().get("worker_restarts").intValue();
        crash(workerWithStream());
        assertTrue(!WorkerPoolIT.drain(first.body()), "the stream the crash cut off does not end as if complete");

        for (int i = 0; i < 6; i++) {
            SpeechErrorsIT.assertOpenAiError(speak(ESPEAK, text), 400, "input_crashed_engine", "input");
        }
        JsonNode health = awaitHealth(h -> h.get("workers_up").intValue() == 2, Duration.ofSeconds(20));
        assertEquals(restartsBefore + 1, health.get("worker_restarts").intValue(), "one crash, one restart: " + health);
        assertEquals(200, speak(ESPEAK, "Still here.").statusCode());
    }

    @Test
    void aSessionSkipsTheSegmentThatCrashedItsWorkerAndGoesOn() throws Exception {
        String id = SessionsIT.create(server, ESPEAK, "pcm");
        // The audio's headers leave with its first audio: open it before appending, as a player does.
        CompletableFuture<HttpResponse<InputStream>> opened = server.http().sendAsync(HttpRequest.newBuilder(
                server.uri("/v1/audio/speech/sessions/" + id + "/audio")).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        String crasher = longText() + " Session edition.";
        SessionsIT.append(server, id, crasher, true);
        HttpResponse<InputStream> audio = opened.get(30, TimeUnit.SECONDS);
        assertEquals(200, audio.statusCode());
        byte[] before = audio.body().readNBytes(4096);
        crash(workerWithStream());

        SessionsIT.append(server, id, "The rest of the session.", true);
        SessionsIT.close(server, id);
        CompletableFuture<Long> rest = CompletableFuture.supplyAsync(() -> count(audio.body()));
        double seconds = (before.length + rest.get(60, TimeUnit.SECONDS)) / 2.0 / 22050;
        // long.txt takes minutes to say: only what was heard before the crash, and the last segment, is here.
        assertTrue(seconds > 1 && seconds < 40, "the crashing segment is not spoken again: " + seconds + " s");

        String other = SessionsIT.create(server, ESPEAK, "pcm");
        SpeechErrorsIT.assertOpenAiError(SessionsIT.post(server, "/v1/audio/speech/sessions/" + other + "/append",
                JSON.writeValueAsString(Map.of("text", crasher, "flush", true))), 400, "input_crashed_engine", "input");
        SessionsIT.append(server, other, "Another text is fine.", true);
        assertEquals(200, SessionsIT.post(server, "/v1/audio/speech/sessions/" + other + "/cancel", "{}").statusCode());
    }

    /** What glibc does on "stack smashing detected": abort(), i.e. SIGABRT. */
    private static void crash(long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-ABRT", Long.toString(pid)).inheritIO().start().waitFor());
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    }

    private static String longText() throws IOException {
        return Files.readString(RunningServer.texts().resolve("long.txt")).strip().replace("\n", " ");
    }

    private static HttpResponse<byte[]> speak(String voice, String text) throws Exception {
        return server.postJson("/v1/audio/speech",
                JSON.writeValueAsString(Map.of("input", text, "voice", voice, "response_format", "wav")));
    }

    private static HttpResponse<InputStream> open(String text) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(server.uri("/v1/audio/speech"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("input", text, "voice", ESPEAK, "response_format", "pcm")))).build();
        HttpResponse<InputStream> response = server.http().send(post, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        return response;
    }

    private static long workerWithStream() throws Exception {
        JsonNode health = awaitHealth(h -> h.get("streams").intValue() == 1, Duration.ofSeconds(10));
        for (JsonNode worker : health.get("workers")) {
            if (worker.get("streams").intValue() > 0) {
                return worker.get("pid").longValue();
            }
        }
        throw new AssertionError("no worker has a stream: " + health);
    }

    private static Set<Long> workerPids() {
        return server.workers().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static JsonNode health() throws Exception {
        return WorkerPoolIT.health(server);
    }

    private static JsonNode awaitHealth(Predicate<JsonNode> condition, Duration timeout) throws Exception {
        return WorkerPoolIT.awaitHealth(server, condition, timeout);
    }

    private static long count(InputStream body) {
        try (body) {
            return body.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
