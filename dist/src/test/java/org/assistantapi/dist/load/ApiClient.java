package org.assistantapi.dist.load;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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

    private final URI base;
    private final WebClient web;

    ApiClient(URI base) {
        if (!base.getHost().equals("127.0.0.1") && !base.getHost().equals("localhost")) {
            throw new IllegalArgumentException("the load tool only talks to loopback, not " + base);
        }
        this.base = base;
        this.web = WebClient.builder()
                .baseUri(base)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .build();
    }

    URI base() {
        return base;
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

    /**
     * Speaks a text through a session as a satellite does: opens the session and its audio reader,
     * then times one flushing append of the whole text to the first audio byte at the reader, and
     * closes the session. The result's time to first byte is that append-to-audio time.
     */
    CallResult speakInSession(Text text) {
        return speakInSession(text, List.of(text.input()), Duration.ZERO).checkedAgainst(text);
    }

    /**
     * Speaks a text through a session in pieces, as an LLM writes it: one append per piece, a
     * {@code pause} apart, flushing at each sentence end and at the last piece; then closes the
     * session and reads its audio to the end. The time to first byte runs from the first flushing
     * append to the first audio. The audio's length is not checked: a session that continued on
     * another worker speaks the interrupted segment again.
     */
    CallResult speakInSession(Text text, List<String> pieces, Duration pause) {
        String id;
        try (HttpClientResponse created = web.post("/v1/audio/speech/sessions")
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(JSON.writeValueAsString(Map.of("voice", VOICE, "response_format", "pcm")))) {
            if (created.status().code() != 201) {
                return CallResult.failed(created.status().code(), -1, 0, "session not created: " + errorCode(created));
            }
            id = JSON.readTree(created.as(String.class)).path("id").asText();
        } catch (RuntimeException | JsonProcessingException e) {
            return CallResult.failed(0, -1, 0, "session not created: " + describe(e));
        }
        String base = "/v1/audio/speech/sessions/" + id;
        CompletableFuture<Long> firstAudio = new CompletableFuture<>();
        CompletableFuture<Long> total = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> readSessionAudio(base + "/audio", firstAudio, total));
        long firstFlush = -1;
        try {
            for (int i = 0; i < pieces.size(); i++) {
                String piece = pieces.get(i);
                boolean flush = i == pieces.size() - 1 || piece.strip().matches(".*[.!?]$");
                if (flush && firstFlush < 0) {
                    firstFlush = System.nanoTime();
                }
                post(base + "/append", JSON.writeValueAsString(Map.of("text", piece, "flush", flush)));
                Thread.sleep(pause);
            }
            long ttfb = firstAudio.get(30, TimeUnit.SECONDS) - firstFlush;
            post(base + "/close", "{}");
            return new CallResult(200, Math.max(0, ttfb), total.get(60, TimeUnit.SECONDS), false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CallResult.failed(200, -1, 0, "interrupted");
        } catch (ExecutionException | TimeoutException | JsonProcessingException | RuntimeException e) {
            return CallResult.failed(200, -1, 0, "session audio: " + describe(e));
        }
    }

    private void readSessionAudio(String path, CompletableFuture<Long> firstAudio, CompletableFuture<Long> total) {
        try (HttpClientResponse response = web.get(path).request()) {
            InputStream body = response.inputStream();
            byte[] buffer = new byte[16 * 1024];
            long bytes = 0;
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                firstAudio.complete(System.nanoTime());
                bytes += n;
            }
            total.complete(bytes);
        } catch (IOException | RuntimeException e) {
            firstAudio.completeExceptionally(e);
            total.completeExceptionally(e);
        }
    }

    private void post(String path, String json) {
        try (HttpClientResponse response = web.post(path).header(HeaderNames.CONTENT_TYPE, "application/json").submit(json)) {
            if (response.status().code() != 200) {
                throw new IllegalStateException(path + ": HTTP " + response.status().code() + " " + errorCode(response));
            }
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
