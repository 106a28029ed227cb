package org.assistantapi.dist.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

/**
 * The server's HTTP API as the load clients use it, on Helidon's blocking WebClient (one virtual
 * thread per client). Only loopback addresses are accepted.
 */
final class ApiClient {

    static final String VOICE = "espeak:en-us";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebClient web;

    ApiClient(URI base) {
        if (!base.getHost().equals("127.0.0.1") && !base.getHost().equals("localhost")) {
            throw new IllegalArgumentException("the load tool only talks to loopback, not " + base);
        }
        this.web = WebClient.builder()
                .baseUri(base)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** Speaks a text as 24 kHz PCM and reads the response as the policy says. Never throws. */
    CallResult speak(Text text, ReadPolicy policy) {
        long start = System.nanoTime();
        long ttfb = -1;
        long bytes = 0;
        int status = 0;
        try (HttpClientResponse response = web.post("/v1/audio/speech")
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(request(text))) {
            status = response.status().code();
            if (status != 200) {
                return CallResult.failed(status, -1, 0, "HTTP " + status + " " + errorCode(response));
            }
            InputStream body = response.inputStream();
            byte[] buffer = new byte[16 * 1024];
            int n = body.read(buffer);
            if (n < 0) {
                return CallResult.failed(status, -1, 0, "empty body");
            }
            ttfb = System.nanoTime() - start;
            bytes = n;
            switch (policy) {
                case ReadPolicy.HangUp hangUp -> {
                    return new CallResult(status, ttfb, bytes, true, null);
                }
                case ReadPolicy.Stall stall -> Thread.sleep(stall.pause());
                case ReadPolicy.Whole whole -> {
                }
            }
            for (n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                bytes += n;
            }
            return new CallResult(status, ttfb, bytes, false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CallResult.failed(status, ttfb, bytes, "interrupted");
        } catch (RuntimeException | IOException e) {
            return CallResult.failed(status, ttfb, bytes, ttfb < 0 ? "before audio: " + describe(e) : "cut off: " + describe(e));
        }
    }

    /** {@code GET /health}. */
    Health health() {
        try (HttpClientResponse response = web.get("/health").request()) {
            return Health.parse(response.status().code(), JSON.readTree(response.as(String.class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable health", e);
        }
    }

    private static String request(Text text) throws JsonProcessingException {
        return JSON.writeValueAsString(Map.of("model", "tts-1", "input", text.input(), "voice", VOICE,
                "response_format", "pcm"));
    }

    private static String errorCode(HttpClientResponse response) {
        try {
            return JSON.readTree(response.as(String.class)).path("error").path("code").asText("?");
        } catch (RuntimeException | JsonProcessingException e) {
            return "(no error body)";
        }
    }

    /** The exception's class and the first line of its message (Helidon's may carry a hex dump). */
    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("").strip();
        return e.getClass().getSimpleName() + message;
    }
}
