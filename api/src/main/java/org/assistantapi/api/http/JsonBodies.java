package org.assistantapi.api.http;

import java.io.IOException;
import java.io.InputStream;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads a request's JSON object body, strictly, within a size limit. */
final class JsonBodies {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private final long maxBytes;

    JsonBodies(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The body as a JSON object, or an {@link OpenAiError} saying what is wrong with it. */
    ObjectNode readObject(ServerRequest request) {
        String contentType = request.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new OpenAiError(Status.UNSUPPORTED_MEDIA_TYPE_415, "invalid_request_error", null,
                    "unsupported_media_type", "Content-Type must be application/json, got '" + contentType + "'");
        }
        byte[] body = readLimited(request);
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw OpenAiError.invalid(null, "invalid_json", "the body is not valid JSON: " + OpenAiError.firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw OpenAiError.invalid(null, "invalid_json", "the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * Reads at most the limit and one byte more: a declared length over the limit is refused before
     * reading, a chunked body once it passes the limit.
     */
    private byte[] readLimited(ServerRequest request) {
        if (request.headers().contentLength().orElse(0) > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw OpenAiError.invalid(null, "invalid_body", "the body could not be read to its end");
        }
    }

    private OpenAiError tooLarge() {
        return new OpenAiError(Status.REQUEST_ENTITY_TOO_LARGE_413, "invalid_request_error", null,
                "request_too_large", "the body is larger than " + maxBytes + " bytes");
    }
}
