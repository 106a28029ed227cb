package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incremental sessions over HTTP with real workers. The Piper tone voice makes the same audio for
 * the same text every time, so a session's audio can be held sample for sample against one-shot
 * renderings of its segments: every sentence present, in order, nothing mixed in.
 */
class SessionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VOICE = "en_US-tones-medium";
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(config("workers:\n  count: 2\nsessions:\n  max: 4\n  idle_timeout_seconds: 2\n"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String config(String yaml) {
        return yaml + "voices:\n  dirs: [\"" + RunningServer.repo().resolve("engines/src/test/voices") + "\"]\n";
    }

    /** Issue 13, item 6: simultaneous creates with one key never open more sessions than the key may hold. */
    @Test
    void simultaneousCreatesStayWithinTheLimitPerKey() throws Exception {
        String key = "sk-sessions-race-0123456789";
        try (RunningServer racing = RunningServer.start(config("workers:\n  count: 1\n"
                + "sessions:\n  max_per_key: 16\nauth:\n  api_keys: [" + key + "]\n"))) {
            HttpRequest create = HttpRequest.newBuilder(racing.uri("/v1/audio/speech/sessions"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"voice\":\"" + VOICE + "\",\"response_format\":\"pcm\"}"))
                    .build();
            java.util.List<CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 150; i++) {
                answers.add(racing.http().sendAsync(create, HttpResponse.BodyHandlers.ofString()));
            }
            int created = 0;
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                if (response.statusCode() == 201) {
                    created++;
                } else {
                    assertEquals(429, response.statusCode(), response.body());
                    assertEquals("too_many_sessions", JSON.readTree(response.body()).path("error").path("code").asText());
                }
            }
            assertEquals(16, created, "sessions opened by 150 simultaneous creates with a limit of 16 per key");
        }
    }

    /** The satellite's flow: audio of the first sentence plays before the second is even written. */
    @Test
    void audioStartsWhileTextIsStillComing() throws Exception {
        String id = create(server, VOICE, "wav");
        Reader reader = Reader.open(server, id);
        append(server, id, "The weather", false);
        append(server, id, " today is", false);
        Thread.sleep(300);
        assertEquals(0, reader.received(), "nothing is spoken before a flush");
        append(server, id, " sunny.", true);
        reader.awaitAtLeast(oneShot(server, "The weather today is sunny.").length * 2L, Duration.ofSeconds(10));
        append(server, id, "It will rain", false);
        append(server, id, " tomorrow.", false);
        close(server, id);
        Wav session = Wav.parse(reader.finish());
        assertArrayEquals(concat(oneShot(server, "The weather today is sunny."), oneShot(server, "It will rain tomorrow.")),
                session.samples());
    }

    @Test
    void parallelSessionsNeverMixTheirAudio() throws Exception {
        String first = create(server, "en_US-tonesmulti-low:alice", "wav");
        String second = create(server, "en_US-tonesmulti-low:bob", "wav");
        Reader firstReader = Reader.open(server, first);
        Reader secondReader = Reader.open(server, second);
        for (String sentence : new String[] {"One two three.", "Four five six.", "Seven eight."}) {
            append(server, first, sentence, true);
            append(server, second, sentence, true);
        }
        close(server, first);
        close(server, second);
        short[] alice = Wav.parse(firstReader.finish()).samples();
        short[] bob = Wav.parse(secondReader.finish()).samples();
        String text = "One two three. Four five six. Seven eight.";
        assertEquals(oneShot(server, "en_US-tonesmulti-low:alice", text).length, alice.length);
        assertTrue(!Arrays.equals(alice, bob), "the speakers differ");
        assertArrayEquals(concat(oneShot(server, "en_US-tonesmulti-low:alice", "One two three."),
                oneShot(server, "en_US-tonesmulti-low:alice", "Four five six."),
                oneShot(server, "en_US-tonesmulti-low:alice", "Seven eight.")), alice);
        assertArrayEquals(concat(oneShot(server, "en_US-tonesmulti-low:bob", "One two three."),
                oneShot(server, "en_US-tonesmulti-low:bob", "Four five six."),
                oneShot(server, "en_US-tonesmulti-low:bob", "Seven eight.")), bob);
    }

    @Test
    void killingTheWorkerMidSessionLosesNoText() throws Exception {
        String id = create(server, VOICE, "wav");
        Reader reader = Reader.open(server, id);
        short[] first = oneShot(server, "The garage door is open.");
        append(server, id, "The garage door is open.", true);
        reader.awaitAtLeast(44 + first.length * 2L, Duration.ofSeconds(10));
        long victim = workerWithStream(server);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();
        append(server, id, "Shall I close it?", true);
        append(server, id, "Closing it now.", true);
        close(server, id);
        Wav session = Wav.parse(reader.finish());
        assertArrayEquals(concat(first, oneShot(server, "Shall I close it?"), oneShot(server, "Closing it now.")),
                session.samples());
    }

    /** A worker that dies while a new session's job starts on it costs the client nothing: it opens on the other. */
    @Test
    void aWorkerDyingWhileASessionOpensLeavesItToAnother() throws Exception {
        try (RunningServer own = RunningServer.start(config("workers:\n  count: 2\n"))) {
            String id = WorkerDeathBeforeStart.during(own, () -> create(own, VOICE, "wav"));
            Reader reader = Reader.open(own, id);
            append(own, id, "The garage door is open.", true);
            close(own, id);
            assertArrayEquals(oneShot(own, "The garage door is open."), Wav.parse(reader.finish()).samples());
        }
    }

    @Test
    void cancelEndsTheAudioAtOnceAndForgetsTheSession() throws Exception {
        String id = create(server, "espeak:en-us", "pcm");
        Reader reader = Reader.open(server, id);
        append(server, id, "This is a long answer. ".repeat(40), true);
        reader.awaitAtLeast(1, Duration.ofSeconds(10));
        assertEquals(200, post(server, "/v1/audio/speech/sessions/" + id + "/cancel", "{}").statusCode());
        reader.finishWithin(Duration.ofSeconds(3));
        SpeechErrorsIT.assertOpenAiError(post(server, "/v1/audio/speech/sessions/" + id + "/append", "{\"text\":\"hi\"}"),
                404, "session_not_found", null);
    }

    @Test
    void refusals() throws Exception {
        SpeechErrorsIT.assertOpenAiError(post(server, "/v1/audio/speech/sessions/nope/append", "{\"text\":\"hi\"}"),
                404, "session_not_found", null);
        SpeechErrorsIT.assertOpenAiError(post(server, "/v1/audio/speech/sessions", "{\"voice\":\"nobody\"}"),
                400, "voice_not_found", "voice");
        String id = create(server, VOICE, "mp3");
        Reader reader = Reader.open(server, id);
        append(server, id, "Hello.", true);
        reader.awaitAtLeast(1, Duration.ofSeconds(10));
        HttpResponse<byte[]> second = server.http().send(HttpRequest.newBuilder(server.uri("/v1/audio/speech/sessions/" + id + "/audio"))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        SpeechErrorsIT.assertOpenAiError(second, 409, "reader_busy", null);
        close(server, id);
        SpeechErrorsIT.assertOpenAiError(post(server, "/v1/audio/speech/sessions/" + id + "/append", "{\"text\":\"late\"}"),
                409, "session_closed", null);
        reader.finish();
    }

    @Test
    void idleSessionsExpireAndTheLimitHolds() throws Exception {
        String idle = create(server, VOICE, "pcm");
        Thread.sleep(3500);
        SpeechErrorsIT.assertOpenAiError(post(server, "/v1/audio/speech/sessions/" + idle + "/append", "{\"text\":\"hi\"}"),
                404, "session_not_found", null);
        String[] open = {create(server, VOICE, "pcm"), create(server, VOICE, "pcm"), create(server, VOICE, "pcm"),
                create(server, VOICE, "pcm")};
        HttpResponse<byte[]> refused = post(server, "/v1/audio/speech/sessions", "{\"voice\":\"" + VOICE + "\"}");
        SpeechErrorsIT.assertOpenAiError(refused, 429, "too_many_sessions", null);
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        for (String id : open) {
            assertEquals(200, post(server, "/v1/audio/speech/sessions/" + id + "/cancel", "{}").statusCode());
        }
    }

    /**
     * Issue 13, item 7: a reader that connects and never reads ends its session at the idle
     * timeout (2 s here), as a reader that never connects does.
     */
    @Test
    void aReaderThatNeverReadsEndsTheSession() throws Exception {
        String id = create(server, VOICE, "pcm");
        try (java.net.Socket stalled = new java.net.Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", server.port));
            stalled.getOutputStream().write(("GET /v1/audio/speech/sessions/" + id + "/audio HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String text = java.nio.file.Files.readString(RunningServer.texts().resolve("long.txt"));
            append(server, id, text.repeat(6).substring(0, 16_000), true); // minutes of audio: more than the socket buffers hold
            long deadline = System.nanoTime() + 30_000_000_000L;
            int status = 0;
            while (System.nanoTime() < deadline && status != 404) {
                Thread.sleep(500);
                status = post(server, "/v1/audio/speech/sessions/" + id + "/append", "{\"text\":\"x\",\"flush\":false}")
                        .statusCode();
            }
            assertEquals(404, status, "the session of a reader that never reads has ended");
        }
    }

    /** The pid of a worker that holds a stream. */
    static long workerWithStream(RunningServer server) throws Exception {
        for (JsonNode worker : JSON.readTree(server.get("/health").body()).get("workers")) {
            if (worker.get("streams").intValue() > 0) {
                return worker.get("pid").longValue();
            }
        }
        throw new AssertionError("no worker has a stream");
    }

    static String create(RunningServer server, String voice, String format) throws Exception {
        HttpResponse<byte[]> created = post(server, "/v1/audio/speech/sessions",
                "{\"voice\":\"" + voice + "\",\"response_format\":\"" + format + "\"}");
        assertEquals(201, created.statusCode(), new String(created.body()));
        JsonNode body = JSON.readTree(created.body());
        assertTrue(body.get("id").textValue().matches("[a-z0-9-]{1,32}\\.[A-Za-z0-9_-]{22}"),
                "<instance id>.<128 random bits, base64url>: " + body.get("id").textValue());
        assertEquals("/v1/audio/speech/sessions/" + body.get("id").textValue() + "/audio", body.get("audio_url").textValue());
        return body.get("id").textValue();
    }

    static void append(RunningServer server, String id, String text, boolean flush) throws Exception {
        HttpResponse<byte[]> response = post(server, "/v1/audio/speech/sessions/" + id + "/append",
                JSON.writeValueAsString(java.util.Map.of("text", text, "flush", flush)));
        assertEquals(200, response.statusCode(), new String(response.body()));
    }

    static void close(RunningServer server, String id) throws Exception {
        assertEquals(200, post(server, "/v1/audio/speech/sessions/" + id + "/close", "{}").statusCode());
    }

    static HttpResponse<byte[]> post(RunningServer server, String path, String json) throws Exception {
        return server.postJson(path, json);
    }

    private static short[] oneShot(RunningServer server, String text) throws Exception {
        return oneShot(server, VOICE, text);
    }

    private static short[] oneShot(RunningServer server, String voice, String text) throws Exception {
        HttpResponse<byte[]> response = server.postJson("/v1/audio/speech",
                "{\"input\":\"" + text + "\",\"voice\":\"" + voice + "\",\"response_format\":\"wav\"}");
        assertEquals(200, response.statusCode());
        return Wav.parse(response.body()).samples();
    }

    private static short[] concat(short[]... parts) {
        short[] all = new short[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** A session's audio reader on its own thread, as a satellite's player would be. */
    private static final class Reader {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<Void> done;

        private Reader(CompletableFuture<HttpResponse<InputStream>> response) {
            done = response.thenAcceptAsync(r -> {
                assertEquals(200, r.statusCode());
                byte[] buffer = new byte[4096];
                try (InputStream body = r.body()) {
                    for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, Executors.newVirtualThreadPerTaskExecutor());
        }

        /**
         * Opens the audio asynchronously, as a satellite's player does: the response's headers
         * come with its first audio, which may be before or after the first append.
         */
        static Reader open(RunningServer server, String id) {
            return new Reader(server.http().sendAsync(
                    HttpRequest.newBuilder(server.uri("/v1/audio/speech/sessions/" + id + "/audio")).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        }

        long received() {
            synchronized (bytes) {
                return bytes.size();
            }
        }

        void awaitAtLeast(long count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received() < count) {
                assertTrue(System.nanoTime() < deadline, "only " + received() + " of " + count + " bytes arrived");
                Thread.sleep(20);
            }
        }

        byte[] finish() throws Exception {
            done.get(30, TimeUnit.SECONDS);
            synchronized (bytes) {
                return bytes.toByteArray();
            }
        }

        void finishWithin(Duration timeout) throws Exception {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
