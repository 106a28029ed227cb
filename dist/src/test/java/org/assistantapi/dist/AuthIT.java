package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys: OpenAI's 401 without a good one, sessions private to their key, keys never logged. */
class AuthIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KITCHEN = "sk-kitchen-4f1b2c9e7d";
    private static final String GARAGE = "sk-garage-8a3e5f0c21";
    private static final String FROM_FILE = "sk-from-file-6d2b9a";
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        Path keyFile = Files.createFile(ScratchFiles.directory("auth").resolve("keys.txt"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, "# the satellites\n" + FROM_FILE + "\n\n");
        server = RunningServer.start("workers:\n  count: 1\nsessions:\n  max_per_key: 2\n"
                + "auth:\n  api_keys: [" + KITCHEN + ", " + GARAGE + "]\n  api_key_file: " + keyFile + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aRequestWithoutAKeyIsRefusedAsOpenAiDoes() throws Exception {
        HttpResponse<String> response = send(null, "GET", "/v1/audio/voices", null);
        assertUnauthorized(response, "missing_api_key");
        assertUnauthorized(send("Basic a2l0Y2hlbg==", "GET", "/v1/models", null), "missing_api_key");
        assertUnauthorized(send("Bearer", "GET", "/v1/models", null), "missing_api_key");
    }

    @Test
    void aWrongKeyIsRefused() throws Exception {
        assertUnauthorized(send("Bearer sk-kitchen-4f1b2c9e7e", "POST", "/v1/audio/speech",
                "{\"input\":\"Hello.\",\"voice\":\"espeak:en-us\"}"), "invalid_api_key");
        assertUnauthorized(send("Bearer " + KITCHEN + "x", "GET", "/v1/models", null), "invalid_api_key");
        assertUnauthorized(send("Bearer " + GARAGE + " " + KITCHEN, "GET", "/no/such/route", null), "invalid_api_key");
    }

    @Test
    void everyConfiguredKeyIsLetIn() throws Exception {
        for (String key : new String[] {KITCHEN, GARAGE, FROM_FILE}) {
            assertEquals(200, send("Bearer " + key, "GET", "/v1/models", null).statusCode(), key);
        }
        assertEquals(200, send("bearer " + KITCHEN, "GET", "/v1/models", null).statusCode(), "scheme is case-insensitive");
        HttpResponse<String> speech = send("Bearer " + KITCHEN, "POST", "/v1/audio/speech",
                "{\"input\":\"Hello.\",\"voice\":\"espeak:en-us\",\"response_format\":\"wav\"}");
        assertEquals(200, speech.statusCode());
    }

    @Test
    void healthIsOpenByDefault() throws Exception {
        assertEquals(200, send(null, "GET", "/health", null).statusCode());
        assertEquals(200, send(null, "GET", "/health/ready", null).statusCode());
    }

    /** Worker process ids and loaded voices are for key holders; an open probe gets the counts. */
    @Test
    void healthDetailsNeedAKey() throws Exception {
        for (String path : new String[] {"/health", "/health/ready"}) {
            for (String authorization : new String[] {null, "Bearer sk-wrong", "Basic " + KITCHEN}) {
                HttpResponse<String> open = send(authorization, "GET", path, null);
                assertEquals(200, open.statusCode());
                JsonNode body = JSON.readTree(open.body());
                assertTrue(body.has("workers_up") && !body.has("workers"), authorization + " " + path + ": " + open.body());
                assertTrue(!open.body().contains("pid") && !open.body().contains("loaded_voices"), open.body());
            }
            JsonNode keyed = JSON.readTree(send("Bearer " + KITCHEN, "GET", path, null).body());
            assertTrue(keyed.get("workers").get(0).has("pid"), keyed.toString());
            assertTrue(keyed.get("workers").get(0).has("loaded_voices"), keyed.toString());
        }
    }

    @Test
    void aSessionBelongsToTheKeyThatOpenedIt() throws Exception {
        String id = openSession(KITCHEN);
        String base = "/v1/audio/speech/sessions/" + id;
        for (String[] call : new String[][] {
                {"POST", base + "/append", "{\"text\":\"Hello.\"}"}, {"GET", base + "/audio", null},
                {"POST", base + "/close", null}, {"POST", base + "/cancel", null}}) {
            HttpResponse<String> other = send("Bearer " + GARAGE, call[0], call[1], call[2]);
            assertEquals(404, other.statusCode(), call[1] + ": " + other.body());
            assertEquals("session_not_found", JSON.readTree(other.body()).path("error").path("code").asText());
        }
        assertEquals(200, send("Bearer " + KITCHEN, "POST", base + "/append", "{\"text\":\"Hello.\"}").statusCode());
        assertEquals(200, send("Bearer " + KITCHEN, "POST", base + "/cancel", null).statusCode());
    }

    @Test
    void aKeyMayHoldSessionsMaxPerKey() throws Exception {
        String first = openSession(FROM_FILE);
        String second = openSession(FROM_FILE);
        HttpResponse<String> third = send("Bearer " + FROM_FILE, "POST", "/v1/audio/speech/sessions", "{\"voice\":\"espeak:en-us\"}");
        assertEquals(429, third.statusCode(), third.body());
        assertEquals("too_many_sessions", JSON.readTree(third.body()).path("error").path("code").asText());
        assertTrue(third.headers().firstValue("Retry-After").isPresent());
        String other = openSession(GARAGE);
        for (String id : new String[] {first, second}) {
            assertEquals(200, send("Bearer " + FROM_FILE, "POST", "/v1/audio/speech/sessions/" + id + "/cancel", null).statusCode());
        }
        assertEquals(200, send("Bearer " + GARAGE, "POST", "/v1/audio/speech/sessions/" + other + "/cancel", null).statusCode());
    }

    @Test
    void keysNeverReachTheLogs() throws Exception {
        send("Bearer " + KITCHEN, "GET", "/v1/models", null);
        send("Bearer wrong-key-in-the-log-test", "GET", "/v1/models", null);
        Thread.sleep(500); // the file handler flushes each record; leave it a moment
        try (Stream<Path> files = Files.walk(server.dir.resolve("logs"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String log = Files.readString(file, StandardCharsets.UTF_8);
                for (String secret : new String[] {KITCHEN, GARAGE, FROM_FILE, "wrong-key-in-the-log-test"}) {
                    assertFalse(log.contains(secret), file + " holds a key");
                }
            }
        }
        assertFalse(String.join("\n", server.output).contains(KITCHEN));
    }

    @Test
    void aKeyFileOthersCanReadStopsStartup() throws Exception {
        Path dir = ScratchFiles.directory("auth");
        Path keyFile = Files.writeString(dir.resolve("keys.txt"), FROM_FILE + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "auth:\n  api_key_file: " + keyFile + "\n");
        Process process = new ProcessBuilder(RunningServer.home().resolve("bin/assistant-api").toString(),
                "serve", "--config", config.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("chmod 600"), output);
        assertFalse(output.contains(FROM_FILE), output);
    }

    private static String openSession(String key) throws Exception {
        HttpResponse<String> created = send("Bearer " + key, "POST", "/v1/audio/speech/sessions", "{\"voice\":\"espeak:en-us\"}");
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body()).get("id").asText();
    }

    private static void assertUnauthorized(HttpResponse<String> response, String code) throws Exception {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null));
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertEquals("invalid_request_error", error.get("type").asText());
        assertEquals(code, error.get("code").asText());
        assertTrue(error.has("param") && error.has("message"), response.body());
    }

    static HttpResponse<String> send(String authorization, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return server.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
