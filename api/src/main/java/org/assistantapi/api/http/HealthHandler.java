package org.assistantapi.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.assistantapi.core.PoolHealth;
import org.assistantapi.core.SpeechService;

/** {@code GET /health}: 200 once the workers are ready, 503 until then; the body says how they are. */
final class HealthHandler implements Handler {

    private final SpeechService speech;

    HealthHandler(SpeechService speech) {
        this.speech = speech;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        PoolHealth health = speech.health();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.ready() ? "ok" : health.workersUp() > 0 ? "degraded" : "starting");
        body.put("workers_up", health.workersUp());
        body.put("workers_expected", health.workersExpected());
        body.put("worker_restarts", health.restarts());
        body.put("workers_crash_looping", health.crashLooping());
        body.put("streams", health.streams());
        body.put("voices", speech.voices().size());
        JsonResponses.send(res, health.workersUp() > 0 ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, body);
    }
}
