package org.assistantapi.api.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import com.fasterxml.jackson.databind.JsonNode;

import org.assistantapi.core.PrewarmResult;
import org.assistantapi.core.SpeechException;
import org.assistantapi.core.SpeechService;

/**
 * {@code POST /v1/audio/prewarm} with {@code {"voices": [...]}}: loads the voices into every
 * worker and answers when they are ready, with each voice's load time.
 */
final class PrewarmHandler implements Handler {

    private final SpeechService speech;
    private final JsonBodies bodies;
    private final List<String> configured;

    PrewarmHandler(SpeechService speech, JsonBodies bodies, List<String> configured) {
        this.speech = speech;
        this.bodies = bodies;
        this.configured = configured;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        List<String> voices = voices(bodies.readObject(req).get("voices"));
        List<PrewarmResult> results;
        try {
            results = speech.prewarm(voices);
        } catch (SpeechException e) {
            throw SpeechErrors.toHttp(e);
        }
        boolean allReady = results.stream().allMatch(PrewarmResult::ready);
        JsonResponses.send(res, allReady ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503,
                Map.of("voices", results.stream().map(PrewarmHandler::describe).toList()));
    }

    /** The voices asked for; none means the configured {@code voices.prewarm} list. */
    private List<String> voices(JsonNode node) {
        if (node == null || node.isNull()) {
            return configured;
        }
        if (!node.isArray()) {
            throw OpenAiError.invalid("voices", "invalid_type", "'voices' must be a list of voice ids");
        }
        List<String> voices = new ArrayList<>();
        for (JsonNode voice : node) {
            if (!voice.isTextual() || voice.textValue().isBlank()) {
                throw OpenAiError.invalid("voices", "invalid_type", "'voices' must be a list of voice ids");
            }
            voices.add(voice.textValue());
        }
        return voices;
    }

    private static Map<String, Object> describe(PrewarmResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("voice", result.voice());
        body.put("ready", result.ready());
        body.put("millis", result.millis());
        body.put("workers", result.workers());
        if (result.error() != null) {
            body.put("error", result.error());
        }
        return body;
    }
}
