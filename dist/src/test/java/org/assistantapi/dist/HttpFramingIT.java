package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile HTTP/1.1 framing over raw sockets (issue 13, items 2 and 9): request bodies the server
 * will not read are refused from their headers with a 4xx in OpenAI's shape and the connection
 * closed, so an endless chunk line, trailer or declared length costs the server nothing; a
 * client's {@code Connection: close} is honoured; the server's heap is bounded.
 */
class HttpFramingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-framing-0123456789";
    private static final long ATTACK_BYTES = 256L << 20;
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start("workers:\n  count: 1\nauth:\n  api_keys: [" + KEY + "]\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /**
     * Four connections at once, without a key, each sending a chunk extension or a trailer line
     * that never ends (Helidon 4.4 buffered such a line until OutOfMemoryError, ~2 GB per
     * connection): each is refused at its headers and closed before it has sent 256 MiB, the
     * server's memory does not grow with what was sent, and it goes on serving.
     */
    @Test
    void endlessChunkLinesAreRefusedBeforeTheyAreRead() throws Exception {
        long residentBefore = residentBytes();
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'a');
        try (ExecutorService attackers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?>[] attacks = new Future<?>[4];
            for (int i = 0; i < attacks.length; i++) {
                String start = i % 2 == 0 ? "1;e=" : "0\r\nX-Trailer: ";
                attacks[i] = attackers.submit(() -> {
                    try (RawHttp http = new RawHttp(server.port)) {
                        RawHttp.Response response = http.send(post("/v1/models", "Transfer-Encoding: chunked\r\n") + start).read();
                        assertRefused(response, 411, "length_required");
                        long sent = http.writeUntilRefused(block, ATTACK_BYTES);
                        assertTrue(sent < ATTACK_BYTES, "the server read all of " + sent + " bytes of one line");
                    }
                    return null;
                });
            }
            for (Future<?> attack : attacks) {
                attack.get();
            }
        }
        long grown = residentBytes() - residentBefore;
        assertTrue(grown < 128L << 20, "the server grew by " + (grown >> 20) + " MiB");
        assertServing();
    }

    /** A declared length is not drained after a refusal (here 401): the connection closes instead. */
    @Test
    void anUnreadBodyIsNotDrained() throws Exception {
        try (RawHttp http = new RawHttp(server.port)) {
            RawHttp.Response response = http.send(post("/v1/models", "Content-Length: 10000000000\r\n")).read();
            assertEquals(401, response.status(), response.body());
            assertTrue(response.closes(), response.headers().toString());
            byte[] block = new byte[64 * 1024];
            assertTrue(http.writeUntilRefused(block, ATTACK_BYTES) < ATTACK_BYTES, "the body was drained");
        }
        assertServing();
    }

    @Test
    void ambiguousLengthsAreRefusedAndTheConnectionClosed() throws Exception {
        String body = "{\"input\":\"Hi.\"}";
        assertRefusedAndClosed(post("/v1/audio/speech", "Content-Length: 15\r\nContent-Length: 50\r\n"), body,
                400, "invalid_content_length");
        assertRefusedAndClosed(post("/v1/audio/speech", "Content-Length: +15\r\n"), body, 400, "invalid_content_length");
        assertRefusedAndClosed(post("/v1/audio/speech", "Content-Length: 15\r\nTransfer-Encoding: chunked\r\n"),
                "f\r\n" + body + "\r\n0\r\n\r\n", 400, "invalid_framing");
    }

    /**
     * Every chunked body is refused unread (411, closed), whatever it holds: the coding's name in
     * capitals, chunk data followed by junk instead of CRLF, a chunk size that is no number (was a
     * 500 with Java's exception text), and 20,000 trailer lines (were answered twice).
     */
    @Test
    void chunkedBodiesAreRefusedUnreadWhateverTheyHold() throws Exception {
        String json = "{\"input\":\"Hi.\"}";
        String chunk = Integer.toHexString(json.length()) + "\r\n" + json;
        String chunked = post("/v1/audio/speech", "Transfer-Encoding: chunked\r\n");
        assertRefusedAndClosed(post("/v1/audio/speech", "Transfer-Encoding: CHUNKED\r\n"), chunk + "\r\n0\r\n\r\n",
                411, "length_required");
        assertRefusedAndClosed(chunked, chunk + "XX0\r\n\r\n", 411, "length_required");
        assertRefusedAndClosed(chunked, "zz\r\n" + json + "\r\n0\r\n\r\n", 411, "length_required");
        assertRefusedAndClosed(chunked, chunk + "\r\n0\r\n" + "X-Trailer: x\r\n".repeat(20_000) + "\r\n",
                411, "length_required");
        assertServing();
    }

    /** {@code Connection: close} (in any case, among other options) ends the connection after the response. */
    @Test
    void connectionCloseIsHonoured() throws Exception {
        for (String option : new String[] {"close", "Close", "keep-alive, close"}) {
            try (RawHttp http = new RawHttp(server.port)) {
                String health = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: " + option + "\r\n\r\n";
                RawHttp.Response response = http.send(health + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertEquals(200, response.status());
                assertTrue(response.closes(), option + ": " + response.headers());
                assertTrue(http.closedByServer(), option + ": a second request was served");
            }
        }
    }

    /** Without it, a connection serves one request after another (and stays open). */
    @Test
    void keepAliveStillServesSeveralRequests() throws Exception {
        try (RawHttp http = new RawHttp(server.port)) {
            String models = "GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY + "\r\n\r\n";
            String speech = "{\"input\":\"Hi.\",\"voice\":\"no-such-voice\"}";
            http.send(models + post("/v1/audio/speech", "Authorization: Bearer " + KEY + "\r\nContent-Length: "
                    + speech.length() + "\r\n") + speech + models);
            assertEquals(200, http.read().status());
            RawHttp.Response refused = http.read();
            assertEquals(400, refused.status(), refused.body());
            assertFalse(refused.closes(), "a refusal whose body was read keeps the connection");
            assertEquals(200, http.read().status());
            assertFalse(http.closedByServer());
        }
    }

    @Test
    void theServerHeapIsBoundedByDefault() throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(server.process.pid()), "VM.flags").redirectErrorStream(true).start();
        String flags = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, jcmd.waitFor(), flags);
        assertTrue(flags.contains("-XX:MaxHeapSize=1073741824"), flags);
    }

    private static String post(String path, String headers) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + headers + "\r\n";
    }

    /**
     * Sends the head, expects the refusal, then sends the body (which may meet a connection
     * already closed) and expects the connection to end without another response.
     */
    private static void assertRefusedAndClosed(String head, String body, int status, String code) throws Exception {
        try (RawHttp http = new RawHttp(server.port)) {
            assertRefused(http.send(head).read(), status, code);
            try {
                http.send(body);
            } catch (IOException e) {
                // closed already
            }
            assertTrue(http.closedByServer(), "the connection stays open after " + head + body);
        }
    }

    private static void assertRefused(RawHttp.Response response, int status, String code) throws Exception {
        assertEquals(status, response.status(), response.body());
        assertTrue(response.closes(), response.headers().toString());
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertEquals(code, error.path("code").asText(), response.body());
        assertFalse(response.body().contains("Exception") || response.body().contains("java."), response.body());
    }

    private static void assertServing() throws Exception {
        try (RawHttp http = new RawHttp(server.port)) {
            RawHttp.Response models = http.send("GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY
                    + "\r\n\r\n").read();
            assertEquals(200, models.status(), models.body());
        }
    }

    /** The server JVM's resident set (the launcher execs java, so the process is the JVM). */
    private static long residentBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + server.process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }
}
