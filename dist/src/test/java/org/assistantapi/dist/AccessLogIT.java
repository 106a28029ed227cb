package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access log cannot be forged (issue 13, item 8): a path, voice or format carrying line
 * breaks, NUL, spaces, U+2028 or a bidirectional override is written escaped, on its own line, one
 * field per token; a voice is logged only once core has accepted it.
 */
class AccessLogIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} [0-9a-f]{8} [A-Z]+ \\S+"
            + " status=\\d{3}( cut_off)? voice=\\S+ format=\\S+ bytes=\\d+ ttfb_ms=(-|\\d+) ms=\\d+");
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start("workers:\n  count: 1\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void clientTextCannotForgeOrBreakALine() throws Exception {
        String forged = "/x%0A2099-01-01%2000:00:00.000%20abcd1234%20GET%20/FORGED%20status=200%20voice=-";
        get(forged);
        get("/a%0Db%00c%E2%80%A8d%E2%80%AEe%5C");
        String badVoice = JSON.createObjectNode().put("input", "Hi.").put("voice", "x\nFORGED status=200").toString();
        assertEquals(400, server.postJson("/v1/audio/speech", badVoice).statusCode());
        String good = JSON.createObjectNode().put("input", "Hi.").put("voice", "espeak:en-us").put("response_format", "wav").toString();
        assertEquals(200, server.postJson("/v1/audio/speech", good).statusCode());

        String log = awaitLog("format=wav");
        for (char c : new char[] {'\r', '\0', '\u2028', '\u202e', '\t'}) {
            assertEquals(-1, log.indexOf(c), "a raw U+" + Integer.toHexString(c) + " in the log");
        }
        List<String> lines = log.lines().toList();
        for (String line : lines) {
            assertTrue(LINE.matcher(line).matches(), "not one well-formed line: " + line);
        }
        assertTrue(lines.stream().anyMatch(line -> line.contains(
                " GET /x\\x0A2099-01-01\\x2000:00:00.000\\x20abcd1234\\x20GET\\x20/FORGED\\x20status=200\\x20voice=- status=404 ")),
                log);
        assertTrue(log.contains(" GET /a\\x0Db\\x00c\\x{2028}d\\x{202E}e\\\\ status="), log);
        assertTrue(log.contains("POST /v1/audio/speech status=400 voice=- format=- "), "a refused voice is not logged: " + log);
        assertTrue(log.contains("POST /v1/audio/speech status=200 voice=espeak:en-us format=wav "), log);
        assertFalse(log.contains("FORGED status"), log);
    }

    private static void get(String rawPath) throws Exception {
        try (RawHttp http = new RawHttp(server.port)) {
            RawHttp.Response response = http.send("GET " + rawPath + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertTrue(response.status() >= 400 && response.status() < 500, response.status() + " " + response.body());
        }
    }

    /** The access log once it holds {@code marker} (a streamed response is logged when it ends). */
    private static String awaitLog(String marker) throws Exception {
        Path file = server.dir.resolve("logs/access.0.log");
        long deadline = System.nanoTime() + 10_000_000_000L;
        String log = "";
        while (System.nanoTime() < deadline && !log.contains(marker)) {
            Thread.sleep(100);
            log = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
        return log;
    }
}
