package org.assistantapi.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.assistantapi.core.PoolHealth;
import org.assistantapi.core.SpeechService;
import org.assistantapi.core.WorkerStatus;

/**
 * {@code GET /health}: 200 while at least one worker serves (503 before), with the pool's state;
 * {@code GET /health/ready}: 200 only when every worker is up and none is crash-looping. When API
 * keys are configured, the per-worker details (process ids, loaded voices) are shown only to a
 * request with a valid key: an open probe learns the counts, not the machine's processes.
 */
final class HealthHandler {

    private final SpeechService speech;
    private final boolean detailsNeedKey;

    /** @param detailsNeedKey API keys are configured: per-worker details only for a caller with one */
    HealthHandler(SpeechService speech, boolean detailsNeedKey) {
        this.speech = speech;
        this.detailsNeedKey = detailsNeedKey;
    }

    void health(ServerRequest req, ServerResponse res) {
        PoolHealth health = speech.health();
        JsonResponses.send(res, health.workersUp() > 0 ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, describe(health, req));
    }

    void ready(ServerRequest req, ServerResponse res) {
        PoolHealth health = speech.health();
        JsonResponses.send(res, health.ready() ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, describe(health, req));
    }

    private Map<String, Object> describe(PoolHealth health, ServerRequest req) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.ready() ? "ok" : health.workersUp() > 0 ? "degraded" : "starting");
        body.put("workers_up", health.workersUp());
        body.put("workers_expected", health.workersExpected());
        body.put("worker_restarts", health.restarts());
        body.put("workers_crash_looping", health.crashLooping());
        body.put("streams", health.streams());
        body.put("jobs_queued", health.queued());
        body.put("voices", speech.voices().size());
        if (!detailsNeedKey || req.context().get(Caller.class).isPresent()) {
            body.put("workers", health.workers().stream().map(HealthHandler::describe).toList());
        }
        return body;
    }

    private static Map<String, Object> describe(WorkerStatus worker) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", worker.id());
        body.put("pid", worker.pid());
        body.put("ready", worker.ready());
        body.put("streams", worker.streams());
        body.put("active_jobs", worker.activeJobs());
        body.put("loaded_voices", worker.loadedVoices());
        body.put("uptime_seconds", worker.uptimeSeconds());
        return body;
    }
}
