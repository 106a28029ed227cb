package org.assistantapi.api.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.assistantapi.core.AvailableVoice;
import org.assistantapi.core.SpeechService;

/** {@code GET /v1/audio/voices}: every voice the workers can speak. */
final class VoicesHandler {

    private final SpeechService speech;

    VoicesHandler(SpeechService speech) {
        this.speech = speech;
    }

    void voices(ServerRequest req, ServerResponse res) {
        List<Map<String, Object>> voices = speech.voices().stream().map(VoicesHandler::describe).toList();
        JsonResponses.send(res, Status.OK_200, Map.of("object", "list", "data", voices, "default", speech.defaultVoice()));
    }

    private static Map<String, Object> describe(AvailableVoice voice) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", voice.id());
        entry.put("engine", voice.engine());
        entry.put("language", voice.language());
        entry.put("sample_rate", voice.sampleRate());
        entry.put("speakers", voice.speakerCount());
        entry.put("speaker_ids", voice.speakers());
        return entry;
    }
}
