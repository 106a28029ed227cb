package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The worker pool under faults and misbehaving clients: real server, real worker processes. */
class WorkerPoolIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String longText() throws IOException {
        return Files.readString(RunningServer.texts().resolve("long.txt")).strip()
                .replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
    }

    private static HttpResponse<InputStream> open(RunningServer server, String text) throws Exception {
        return open(server, text, "pcm");
    }

    private static HttpResponse<InputStream> open(RunningServer server, String text, String format) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(server.uri("/v1/audio/speech"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"" + text
                        + "\",\"voice\":\"espeak:en-us\",\"response_format\":\"" + format + "\"}")).build();
        HttpResponse<InputStream> response = server.http().send(post, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        return response;
    }

    static JsonNode health(RunningServer server) throws Exception {
        return JSON.readTree(server.get("/health").body());
    }

    static JsonNode awaitHealth(RunningServer server, Predicate<JsonNode> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode health = health(server);
        while (!condition.test(health)) {
            assertTrue(System.nanoTime() < deadline, "health never got there: " + health);
            Thread.sleep(100);
            health = health(server);
        }
        return health;
    }

    /** Reads the rest of a response; true when it ended cleanly, false when it was cut off. */
    static boolean drain(InputStream body) {
        try (body) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void killingOneWorkerCutsOffOnlyItsStreamAndThePoolRecovers() throws Exception {
        try (RunningServer server = RunningServer.start("workers:\n  count: 2\n")) {
            String text = longText();
            HttpResponse<InputStream> first = open(server, text);
            first.body().readNBytes(1024);
            HttpResponse<InputStream> second = open(server, text);
            second.body().readNBytes(1024);
            JsonNode health = awaitHealth(server, h -> h.get("streams").intValue() == 2, Duration.ofSeconds(10));
            for (JsonNode worker : health.get("workers")) {
                assertEquals(1, worker.get("streams").intValue(), "one stream on each worker: " + health);
            }
            long victim = health.get("workers").get(0).get("pid").longValue();
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();

            CompletableFuture<Boolean> firstClean = CompletableFuture.supplyAsync(() -> drain(first.body()));
            CompletableFuture<Boolean> secondClean = CompletableFuture.supplyAsync(() -> drain(second.body()));
            List<Boolean> outcomes = List.of(firstClean.get(60, TimeUnit.SECONDS), secondClean.get(60, TimeUnit.SECONDS));
            assertEquals(1, outcomes.stream().filter(clean -> clean).count(), "one stream cut off, one complete: " + outcomes);

            JsonNode recovered = awaitHealth(server, h -> h.get("workers_up").intValue() == 2, Duration.ofSeconds(15));
            assertTrue(recovered.get("worker_restarts").intValue() >= 1, recovered.toString());
            assertEquals(200, server.postJson("/v1/audio/speech", "{\"input\":\"Back again.\",\"response_format\":\"wav\"}").statusCode());
        }
    }

    /**
     * A worker that dies while a request's job starts on it, before any byte was sent, costs the
     * client nothing (the Piper tone voice speaks the same samples on any worker).
     */
    @Test
    void aWorkerDyingBeforeARequestStartsLeavesItToAnother() throws Exception {
        try (RunningServer server = RunningServer.start(SessionsIT.config("workers:\n  count: 2\n"))) {
            String json = "{\"input\":\"The kitchen lights are on.\",\"voice\":\"en_US-tones-medium\",\"response_format\":\"wav\"}";
            HttpResponse<byte[]> spoken = WorkerDeathBeforeStart.during(server, () -> server.postJson("/v1/audio/speech", json));
            assertEquals(200, spoken.statusCode(), new String(spoken.body()));
            HttpResponse<byte[]> again = server.postJson("/v1/audio/speech", json);
            assertArrayEquals(Wav.parse(again.body()).samples(), Wav.parse(spoken.body()).samples());
        }
    }

    @Test
    void aClientThatReadsNothingDoesNotDelayAnotherOnTheSameWorker() throws Exception {
        try (RunningServer server = RunningServer.start("workers:\n  count: 1\n")) {
            List<Long> before = timesToFirstByte(server, 5);
            HttpResponse<InputStream> stalled = open(server, longText()); // read nothing from it
            List<Long> during = new ArrayList<>();
            long stalledSince = System.nanoTime();
            while (System.nanoTime() - stalledSince < TimeUnit.SECONDS.toNanos(10)) {
                during.addAll(timesToFirstByte(server, 1));
                Thread.sleep(500);
            }
            awaitHealth(server, h -> h.get("streams").intValue() == 1, Duration.ofSeconds(1)); // still open, unread
            stalled.body().close();
            long medianBefore = median(before);
            long medianDuring = median(during);
            assertTrue(medianDuring <= 3 * medianBefore + 50,
                    "time to first byte " + medianBefore + " ms before, " + medianDuring + " ms beside a stalled client");
        }
    }

    @Test
    void aClientThatDisconnectsFreesItsWorker() throws Exception {
        try (RunningServer server = RunningServer.start("workers:\n  count: 1\n")) {
            HttpResponse<InputStream> response = open(server, longText());
            response.body().readNBytes(4096);
            awaitHealth(server, h -> h.get("workers").get(0).get("active_jobs").intValue() == 1, Duration.ofSeconds(10));
            response.body().close();
            awaitHealth(server, h -> h.get("streams").intValue() == 0
                    && h.get("workers").get(0).get("active_jobs").intValue() == 0, Duration.ofSeconds(10));
        }
    }

    /**
     * Issue 13: closing an aac job on a disconnect waited, under the job's lock, for ffmpeg's pump
     * thread, which needed that lock; after ~19 abandoned requests the worker hung until the
     * heartbeat killed it. Every abandoned job must end and the worker must live on.
     */
    @Test
    void manyAbandonedAacRequestsNeverHangTheWorker() throws Exception {
        try (RunningServer server = RunningServer.start("workers:\n  count: 1\n  heartbeat_timeout_seconds: 5\n")) {
            long pid = health(server).get("workers").get(0).get("pid").longValue();
            String text = longText();
            for (int i = 0; i < 40; i++) {
                HttpResponse<InputStream> response = open(server, text, "aac");
                response.body().readNBytes(1024);
                response.body().close();
                awaitHealth(server, h -> h.get("streams").intValue() == 0
                        && h.get("workers").get(0).get("active_jobs").intValue() == 0, Duration.ofSeconds(20));
            }
            JsonNode after = health(server);
            assertEquals(0, after.get("worker_restarts").intValue(), after.toString());
            assertEquals(pid, after.get("workers").get(0).get("pid").longValue());
            HttpResponse<byte[]> whole = server.postJson("/v1/audio/speech",
                    "{\"input\":\"Still here.\",\"voice\":\"espeak:en-us\",\"response_format\":\"aac\"}");
            assertEquals(200, whole.statusCode());
            assertTrue(Ffmpeg.decode(whole.body(), "aac").samples().length > 0, "the worker still encodes aac");
        }
    }

    @Test
    void aStalledClientsJobIsCancelledAfterTheTimeout() throws Exception {
        try (RunningServer server = RunningServer.start("workers:\n  count: 1\nstreams:\n  client_stall_timeout_seconds: 2\n")) {
            // The job has started (200), and without a reader it cannot finish (it runs out of credit):
            // only the stall timeout can end it. Heartbeats (every 3 s) are too slow to see it running.
            HttpResponse<InputStream> stalled = open(server, longText());
            awaitHealth(server, h -> h.get("streams").intValue() == 0
                    && h.get("workers").get(0).get("active_jobs").intValue() == 0, Duration.ofSeconds(15));
            assertTrue(!drain(stalled.body()), "the stalled response is cut off, not ended cleanly");
        }
    }

    @Test
    void aHungWorkerIsKilledAndReplaced() throws Exception {
        try (RunningServer server = RunningServer.start("workers:\n  count: 1\n  heartbeat_timeout_seconds: 3\n")) {
            long hung = health(server).get("workers").get(0).get("pid").longValue();
            WorkerDeathBeforeStart.signal("-STOP", hung);
            JsonNode recovered = awaitHealth(server, h -> h.get("worker_restarts").intValue() >= 1
                    && h.get("workers_up").intValue() == 1, Duration.ofSeconds(20));
            assertNotEquals(hung, recovered.get("workers").get(0).get("pid").longValue());
            assertTrue(ProcessHandle.of(hung).map(p -> !p.isAlive()).orElse(true), "the hung worker is gone");
        }
    }

    @Test
    void aCrashLoopShowsInHealth() throws Exception {
        // An option the JVM does not know makes every worker exit at once, as a broken install would.
        try (RunningServer server = RunningServer.startListening(
                "workers:\n  count: 1\n  jvm_options: [\"-XX:+NoSuchOptionForTheTest\"]\n")) {
            JsonNode health = awaitHealth(server, h -> h.get("workers_crash_looping").intValue() == 1, Duration.ofSeconds(20));
            assertEquals(0, health.get("workers_up").intValue());
            assertEquals(503, server.get("/health").statusCode());
            assertEquals(503, server.get("/health/ready").statusCode());
            HttpResponse<byte[]> speech = server.postJson("/v1/audio/speech", "{\"input\":\"Hello.\"}");
            SpeechErrorsIT.assertOpenAiError(speech, 503, "not_ready", null);
        }
    }

    @Test
    void prewarmLoadsVoicesIntoEveryWorker() throws Exception {
        String voices = RunningServer.repo().resolve("engines/src/test/voices").toString();
        try (RunningServer server = RunningServer.start("workers:\n  count: 2\nvoices:\n  dirs: [\"" + voices + "\"]\n")) {
            HttpResponse<byte[]> unknown = server.postJson("/v1/audio/prewarm", "{\"voices\":[\"nobody\"]}");
            SpeechErrorsIT.assertOpenAiError(unknown, 400, "voice_not_found", "voice");

            HttpResponse<byte[]> prewarm = server.postJson("/v1/audio/prewarm", "{\"voices\":[\"en_US-tonesmulti-low\"]}");
            assertEquals(200, prewarm.statusCode(), new String(prewarm.body()));
            JsonNode result = JSON.readTree(prewarm.body()).get("voices").get(0);
            assertTrue(result.get("ready").booleanValue(), result.toString());
            assertEquals(2, result.get("workers").intValue());
            for (JsonNode worker : health(server).get("workers")) {
                assertTrue(worker.get("loaded_voices").toString().contains("en_US-tonesmulti-low"), worker.toString());
            }
            // Every worker has the voice, so whichever takes the request loads nothing (load time is
            // measured side by side in benchmarks, not asserted here: this machine is shared).
            timeToFirstByte(server, "en_US-tonesmulti-low");
        }
    }

    private static List<Long> timesToFirstByte(RunningServer server, int count) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(timeToFirstByte(server, "espeak:en-us"));
        }
        return times;
    }

    /** Milliseconds from a short request to its first byte (the rest is read too). */
    static long timeToFirstByte(RunningServer server, String voice) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(server.uri("/v1/audio/speech"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"input\":\"Turning on the lights.\",\"voice\":\"" + voice + "\",\"response_format\":\"pcm\"}")).build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = server.http().send(post, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            body.read();
            long millis = (System.nanoTime() - started) / 1_000_000;
            body.transferTo(java.io.OutputStream.nullOutputStream());
            return millis;
        }
    }

    static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
