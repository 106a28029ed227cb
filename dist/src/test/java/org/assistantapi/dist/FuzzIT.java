package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 1,200 hostile requests (seeded, so a failure replays) to every endpoint. Nothing may be a
 * 5xx; every refusal is a 4xx in OpenAI's error shape; every 200 is audio that decodes; the
 * workers neither die nor wedge, and the server ends healthy with no stream left open.
 */
class FuzzIT {

    private static final long SEED = 8;
    /** Bounded by count, not time: a busy machine makes the run slower, never weaker. */
    private static final int REQUESTS = 1200;
    private static final int CLIENTS = 8;
    /** Only a guard against a hang: the requests take seconds on a quiet machine. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningServer server;
    private static FuzzRequests fuzz;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(SessionsIT.config("workers:\n  count: 2\n"));
        fuzz = new FuzzRequests(SEED, Files.readString(RunningServer.texts().resolve("tricky.txt")));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void hostileRequestsAreRefusedCleanlyAndNothingBreaks() throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    while (sent.incrementAndGet() <= REQUESTS) {
                        FuzzRequests.Request request;
                        synchronized (fuzz) {
                            request = fuzz.next();
                        }
                        try {
                            HttpResponse<byte[]> response = send(request);
                            check(request, response, failures);
                            if (response.statusCode() == 201) { // a session: give its place back
                                cancel(JSON.readTree(response.body()).get("id").asText());
                            }
                        } catch (IOException e) {
                            failures.add(request + " -> " + e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " failures");
        assertHealthyAndIdle();
    }

    /** Valid requests with the hardest texts: each is audio (a parsable WAV with samples) or a clean 4xx. */
    @Test
    void hardTextsGiveAudioOrAClean4xx() throws Exception {
        List<String> failures = new ArrayList<>();
        int audio = 0;
        for (int i = 0; i < 120; i++) {
            String format = i % 3 == 0 ? "pcm" : "wav";
            FuzzRequests.Request request = fuzz.speech(format);
            HttpResponse<byte[]> response = send(request);
            check(request, response, failures);
            if (response.statusCode() == 200) {
                audio++;
                try {
                    if (format.equals("pcm")) {
                        assertEquals(0, response.body().length % 2, "pcm is whole 16-bit samples");
                    } else {
                        assertTrue(Wav.parse(response.body()).samples().length >= 0);
                    }
                } catch (RuntimeException | AssertionError e) {
                    failures.add(request + " -> 200 but not audio: " + e);
                }
            }
        }
        assertTrue(audio >= 40, "most hard texts are spoken: " + audio);
        assertEquals(List.of(), failures);
        assertHealthyAndIdle();
    }

    /** Sessions fed hostile appends still end as one valid stream; bogus ids are 404 on every route. */
    @Test
    void sessionsSurviveHostileAppends() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            String id = SessionsIT.create(server, s % 2 == 0 ? "espeak:en-us" : "en_US-tonesmulti-low:bob", "wav");
            var reader = server.http().sendAsync(HttpRequest.newBuilder(server.uri(FuzzRequests.SESSIONS + "/" + id + "/audio")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            for (int a = 0; a < 15; a++) {
                byte[] body;
                synchronized (fuzz) {
                    body = fuzz.appendBody();
                }
                FuzzRequests.Request append = new FuzzRequests.Request("POST", FuzzRequests.SESSIONS + "/" + id + "/append",
                        "application/json", body);
                HttpResponse<byte[]> response = send(append);
                if (response.statusCode() != 400 || !code(response).equals("pending_text_limit")) {
                    check(append, response, failures);
                }
            }
            assertEquals(200, send(new FuzzRequests.Request("POST", FuzzRequests.SESSIONS + "/" + id + "/close", null, null)).statusCode());
            HttpResponse<byte[]> audio = reader.get(60, TimeUnit.SECONDS);
            assertEquals(200, audio.statusCode());
            Wav.parse(audio.body());
        }
        for (String route : new String[] {"/append", "/close", "/cancel", "/audio"}) {
            for (int i = 0; i < 10; i++) {
                String id;
                synchronized (fuzz) {
                    id = fuzz.bogusSessionId();
                }
                String method = route.equals("/audio") ? "GET" : "POST";
                FuzzRequests.Request request = new FuzzRequests.Request(method, FuzzRequests.SESSIONS + "/" + id + route,
                        "application/json", method.equals("GET") ? null : "{\"text\":\"hi\"}".getBytes());
                HttpResponse<byte[]> response = send(request);
                check(request, response, failures);
                if (response.statusCode() != 404 && response.statusCode() != 414) { // 414: a 5000-character id
                    failures.add(response.statusCode() + ", not 404 <- " + request);
                }
            }
        }
        assertEquals(List.of(), failures);
        assertHealthyAndIdle();
    }

    private static HttpResponse<byte[]> send(FuzzRequests.Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + request.path()))
                .timeout(Duration.ofSeconds(60))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        return server.http().send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** No 5xx; a refusal is OpenAI's error shape; a 200 has a body. */
    private static void check(FuzzRequests.Request request, HttpResponse<byte[]> response, List<String> failures) {
        int status = response.statusCode();
        String what = status + " " + new String(response.body(), 0, Math.min(200, response.body().length)) + " <- " + request;
        if (status >= 500) {
            failures.add(what);
        } else if (status >= 400) {
            try {
                JsonNode error = JSON.readTree(response.body()).get("error");
                if (error == null || !error.path("message").isTextual() || !error.path("type").isTextual()
                        || !error.has("param") || !error.has("code")) {
                    failures.add("not OpenAI's shape: " + what);
                }
            } catch (IOException e) {
                failures.add("not JSON: " + what);
            }
        } else if (status != 200 && status != 201) {
            failures.add("unexpected: " + what);
        }
    }

    private static void cancel(String id) throws IOException, InterruptedException {
        HttpResponse<byte[]> cancelled = send(new FuzzRequests.Request("POST", FuzzRequests.SESSIONS + "/" + id + "/cancel", null, null));
        assertEquals(200, cancelled.statusCode(), "cancel " + id);
    }

    private static String code(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body()).path("error").path("code").asText();
        } catch (IOException e) {
            return "";
        }
    }

    /** Every worker up and never restarted, no stream left open. */
    private static void assertHealthyAndIdle() throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        JsonNode health = null;
        while (System.nanoTime() < deadline) {
            health = JSON.readTree(server.get("/health").body());
            if (health.get("streams").intValue() == 0) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("ok", health.get("status").asText(), health.toString());
        assertEquals(0, health.get("worker_restarts").intValue(), "no worker died: " + health);
        assertEquals(0, health.get("streams").intValue(), "no stream left open: " + health);
    }
}
