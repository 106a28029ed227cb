package org.assistantapi.api.http;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.assistantapi.core.VoiceChoice;

/** {@code GET /v1/models}: OpenAI's speech models and any configured ones, in OpenAI's list shape. */
final class ModelsHandler {

    private final List<Map<String, Object>> models;

    ModelsHandler(VoiceChoice voiceChoice) {
        Set<String> names = new LinkedHashSet<>(VoiceChoice.OPENAI_MODELS);
        names.addAll(voiceChoice.models().keySet());
        models = names.stream().map(ModelsHandler::describe).toList();
    }

    void models(ServerRequest req, ServerResponse res) {
        JsonResponses.send(res, Status.OK_200, Map.of("object", "list", "data", models));
    }

    private static Map<String, Object> describe(String name) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", name);
        model.put("object", "model");
        model.put("created", 0);
        model.put("owned_by", "assistant-api");
        return model;
    }
}
