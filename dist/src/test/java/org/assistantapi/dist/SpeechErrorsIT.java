package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad request gets its 4xx and OpenAI's error body; the server stays healthy. */
class SpeechErrorsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start("workers:\n  count: 1\nlimits:\n  max_input_chars: 100\n");
    }

    @AfterAll
    static void stop() throws Exception {
        assertEquals(200, server.get("/health").statusCode(), "healthy after every bad request");
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "malformed JSON         | {\"input\": \"hi\"                                        | 400 | invalid_json            | ",
            "trailing garbage       | {\"input\": \"hi\"} x                                     | 400 | invalid_json            | ",
            "not an object          | [\"hi\"]                                                | 400 | invalid_json            | ",
            "missing input          | {\"voice\": \"espeak:en-us\"}                           | 400 | missing_required_parameter | input",
            "empty input            | {\"input\": \"\"}                                        | 400 | invalid_input           | input",
            "blank input            | {\"input\": \"   \"}                                     | 400 | invalid_input           | input",
            "input not a string     | {\"input\": 42}                                         | 400 | invalid_type            | input",
            "unknown voice          | {\"input\": \"hi\", \"voice\": \"nobody\"}                | 400 | voice_not_found         | voice",
            "unknown speaker        | {\"input\": \"hi\", \"voice\": \"espeak:en-us:7\"}        | 400 | invalid_speaker         | voice",
            "unsupported format     | {\"input\": \"hi\", \"response_format\": \"ogg\"}         | 400 | unsupported_format      | response_format",
            "speed too high         | {\"input\": \"hi\", \"speed\": 4.5}                      | 400 | invalid_speed           | speed",
            "speed too low          | {\"input\": \"hi\", \"speed\": 0.1}                      | 400 | invalid_speed           | speed",
            "speed not a number     | {\"input\": \"hi\", \"speed\": \"fast\"}                 | 400 | invalid_type            | speed",
            "huge speed             | {\"input\": \"hi\", \"speed\": 1e400}                    | 400 | invalid_speed           | speed",
            "bad sample rate        | {\"input\": \"hi\", \"response_format\": \"mp3\", \"sample_rate\": 12345} | 400 | unsupported_sample_rate | sample_rate",
    })
    void badSpeechRequests(String name, String body, int status, String code, String param) throws Exception {
        HttpResponse<byte[]> response = server.postJson("/v1/audio/speech", body);
        assertOpenAiError(response, status, code, param);
    }

    @org.junit.jupiter.api.Test
    void inputOverTheLimit() throws Exception {
        HttpResponse<byte[]> response = server.postJson("/v1/audio/speech", "{\"input\": \"" + "a".repeat(101) + "\"}");
        assertOpenAiError(response, 400, "input_too_long", "input");
    }

    @org.junit.jupiter.api.Test
    void wrongContentType() throws Exception {
        HttpResponse<byte[]> response = server.http().send(HttpRequest.newBuilder(server.uri("/v1/audio/speech"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\": \"hi\"}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertOpenAiError(response, 415, "unsupported_media_type", null);
    }

    @org.junit.jupiter.api.Test
    void wrongMethodAndUnknownRoute() throws Exception {
        HttpResponse<byte[]> get = server.http().send(HttpRequest.newBuilder(server.uri("/v1/audio/speech")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertOpenAiError(get, 405, "method_not_allowed", null);
        HttpResponse<byte[]> missing = server.http().send(HttpRequest.newBuilder(server.uri("/v1/nothing")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertOpenAiError(missing, 404, "not_found", null);
    }

    static void assertOpenAiError(HttpResponse<byte[]> response, int status, String code, String param) throws Exception {
        String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), text);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), text);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertTrue(error != null && error.isObject(), text);
        assertTrue(error.get("message").isTextual() && !error.get("message").textValue().isBlank(), text);
        assertTrue(error.get("type").isTextual(), text);
        assertTrue(error.has("param") && error.has("code"), text);
        assertEquals(code, error.get("code").textValue(), text);
        if (param == null || param.isBlank()) {
            assertTrue(error.get("param").isNull(), text);
        } else {
            assertEquals(param, error.get("param").textValue(), text);
        }
        assertFalse(text.contains("Exception"), "no stack traces in errors: " + text);
    }
}
