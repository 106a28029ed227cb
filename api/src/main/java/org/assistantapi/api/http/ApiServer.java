package org.assistantapi.api.http;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import org.assistantapi.api.config.AuthSettings;
import org.assistantapi.api.config.HttpLimits;
import org.assistantapi.api.config.ServerConfig;
import org.assistantapi.core.SpeechService;

/** The HTTP server: every route in one place, every error in OpenAI's shape. */
public final class ApiServer {

    private ApiServer() {
    }

    private static final Logger LOG = Logger.getLogger(ApiServer.class.getName());

    /** {@code log}: where requests are counted (its metrics, if on, are served at {@code /metrics}). */
    public static WebServer start(ServerConfig config, SpeechService speech, SynthesisLog log) {
        if (config.auth().apiKeys().isEmpty()) {
            LOG.warning("no API keys configured (auth.api_keys, auth.api_key_file): anyone who can reach "
                    + config.host() + " may use the server");
        }
        HttpLimits limits = config.limits();
        return WebServer.builder()
                .host(config.host())
                .port(config.port())
                // No limit here: Helidon would refuse a large body with an empty 413; JsonBodies
                // refuses it in OpenAI's shape, reading at most the limit and one byte.
                .maxPayloadSize(-1)
                .idleConnectionTimeout(limits.idleTimeout())
                .idleConnectionPeriod(checkPeriod(limits.idleTimeout()))
                // TCP_NODELAY: audio goes out in small chunks as it is made; with Nagle's algorithm a
                // chunk waits for the ACK of the one before, which a client on a kept-alive
                // connection delays by up to 40 ms (measured: +40 ms on every first audio).
                .connectionOptions(socket -> socket.readTimeout(limits.readTimeout()).tcpNoDelay(true))
                .directHandlers(OpenAiDirectHandler.all())
                // Main stops the server (after draining for this long) before the workers.
                .shutdownGracePeriod(config.shutdownGrace())
                .shutdownHook(false)
                .routing(routing -> routes(routing, config, speech, log))
                .build()
                .start();
    }

    static void routes(HttpRouting.Builder routing, ServerConfig config, SpeechService speech, SynthesisLog log) {
        JsonBodies bodies = new JsonBodies(config.limits().maxBodyBytes());
        VoicesHandler voices = new VoicesHandler(speech);
        HealthHandler health = new HealthHandler(speech, !config.auth().apiKeys().isEmpty());
        SessionHandlers sessions = new SessionHandlers(speech.sessions(), bodies);
        Metrics metrics = log.metrics().orElse(null);
        routing.addFilter(new AccessLogFilter(metrics));
        routing.addFilter(new ConnectionFilter(config.limits().maxBodyBytes()));
        if (!config.auth().apiKeys().isEmpty()) {
            routing.addFilter(new ApiKeyFilter(config.auth(), openPaths(config.auth())));
        }
        routing.post("/v1/audio/speech", new SpeechHandler(speech, bodies))
                .get("/v1/audio/voices", voices::voices)
                .get("/v1/models", new ModelsHandler(config.core().voiceChoice())::models)
                .post("/v1/audio/prewarm", new PrewarmHandler(speech, bodies, config.core().workers().prewarmVoices()))
                .post("/v1/audio/normalize", new DryRunHandler(speech, bodies))
                .post(SessionHandlers.BASE, sessions::create)
                .get(SessionHandlers.BASE + "/{id}/audio", sessions::audio)
                .get(SessionHandlers.BASE + "/{id}/events", sessions::events)
                .post(SessionHandlers.BASE + "/{id}/append", sessions::append)
                .post(SessionHandlers.BASE + "/{id}/close", sessions::close)
                .post(SessionHandlers.BASE + "/{id}/cancel", sessions::cancel)
                .get("/health", health::health)
                .get("/health/ready", health::ready);
        if (metrics != null) {
            routing.get("/metrics", metrics::send);
        }
        routing.any("/v1/audio/speech", (req, res) -> methodNotAllowed())
                .any((req, res) -> {
                    throw new OpenAiError(Status.NOT_FOUND_404, "invalid_request_error", null, "not_found",
                            "no route for " + req.prologue().method().text() + " " + req.path().path());
                })
                .error(OpenAiError.class, (req, res, error) -> error.send(res));
    }

    private static Set<String> openPaths(AuthSettings auth) {
        Set<String> open = new HashSet<>();
        if (!auth.protectHealth()) {
            open.addAll(List.of("/health", "/health/ready"));
        }
        if (!auth.protectMetrics()) {
            open.add("/metrics");
        }
        return open;
    }

    /** How often idle connections are looked for: often enough to close one soon after its timeout. */
    private static Duration checkPeriod(Duration idleTimeout) {
        return Duration.ofMillis(Math.clamp(idleTimeout.toMillis() / 4, 250, 30_000));
    }

    private static void methodNotAllowed() {
        throw new OpenAiError(Status.METHOD_NOT_ALLOWED_405, "invalid_request_error", null, "method_not_allowed",
                "this endpoint takes POST");
    }
}
