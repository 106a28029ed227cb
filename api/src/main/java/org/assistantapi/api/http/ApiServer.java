package org.assistantapi.api.http;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import org.assistantapi.api.config.ServerConfig;
import org.assistantapi.core.SpeechService;

/** The HTTP server: every route in one place, every error in OpenAI's shape. */
public final class ApiServer {

    private ApiServer() {
    }

    public static WebServer start(ServerConfig config, SpeechService speech) {
        return WebServer.builder()
                .host(config.host())
                .port(config.port())
                .maxPayloadSize(config.maxBodyBytes())
                // Main stops the server (after draining for this long) before the workers.
                .shutdownGracePeriod(config.shutdownGrace())
                .shutdownHook(false)
                .routing(routing -> routes(routing, config, speech))
                .build()
                .start();
    }

    static void routes(HttpRouting.Builder routing, ServerConfig config, SpeechService speech) {
        JsonBodies bodies = new JsonBodies(config.maxBodyBytes());
        VoicesHandler voices = new VoicesHandler(speech);
        HealthHandler health = new HealthHandler(speech);
        SessionHandlers sessions = new SessionHandlers(speech.sessions(), bodies);
        routing.addFilter(new AccessLogFilter())
                .post("/v1/audio/speech", new SpeechHandler(speech, bodies))
                .get("/v1/audio/voices", voices::voices)
                .get("/v1/models", new ModelsHandler(config.core().voiceChoice())::models)
                .post("/v1/audio/prewarm", new PrewarmHandler(speech, bodies, config.core().prewarmVoices()))
                .post(SessionHandlers.BASE, sessions::create)
                .get(SessionHandlers.BASE + "/{id}/audio", sessions::audio)
                .post(SessionHandlers.BASE + "/{id}/append", sessions::append)
                .post(SessionHandlers.BASE + "/{id}/close", sessions::close)
                .post(SessionHandlers.BASE + "/{id}/cancel", sessions::cancel)
                .get("/health", health::health)
                .get("/health/ready", health::ready)
                .any("/v1/audio/speech", (req, res) -> methodNotAllowed())
                .any((req, res) -> {
                    throw new OpenAiError(Status.NOT_FOUND_404, "invalid_request_error", null, "not_found",
                            "no route for " + req.prologue().method().text() + " " + req.path().path());
                })
                .error(OpenAiError.class, (req, res, error) -> error.send(res));
    }

    private static void methodNotAllowed() {
        throw new OpenAiError(Status.METHOD_NOT_ALLOWED_405, "invalid_request_error", null, "method_not_allowed",
                "this endpoint takes POST");
    }
}
