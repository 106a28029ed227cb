package org.assistantapi.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An error in OpenAI's shape, {@code {"error":{"message","type","param","code"}}}, with its status.
 * Thrown by handlers and written by the routing's error handler, so every failure looks the same.
 */
public final class OpenAiError extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Status status;
    private final String type;
    private final String param;
    private final String code;

    public OpenAiError(Status status, String type, String param, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** A 400 for a bad request field. */
    public static OpenAiError invalid(String param, String code, String message) {
        return new OpenAiError(Status.BAD_REQUEST_400, "invalid_request_error", param, code, message);
    }

    public Status status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Writes this error as the whole response. */
    public void send(ServerResponse response) {
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        if (status == Status.TOO_MANY_REQUESTS_429) {
            response.header(HeaderNames.RETRY_AFTER, "1");
        }
        if (status == Status.UNAUTHORIZED_401) {
            response.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        response.send(body());
    }

    /** The JSON body, {@code {"error":{...}}}. */
    byte[] body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        try {
            return JSON.writeValueAsBytes(Map.of("error", error));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an error body could not be written", e);
        }
    }

    /** An exception's message up to its first line break ("" for none): the rest is often a dump. */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
