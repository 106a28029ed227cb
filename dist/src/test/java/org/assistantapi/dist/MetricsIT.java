package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Prometheus text that counts what was asked, behind the API key by default. */
class MetricsIT {

    private static final String KEY = "sk-metrics-31415926";
    private static final Pattern SAMPLE = Pattern.compile("([a-z_]+(?:\\{[^}]*\\})?) (-?[0-9.eE+-]+)");
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start("workers:\n  count: 1\nauth:\n  api_keys: [" + KEY + "]\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void metricsNeedTheKeyByDefault() throws Exception {
        assertEquals(401, server.get("/metrics").statusCode());
    }

    @Test
    void requestsStreamsAndWorkersAreCounted() throws Exception {
        double spokenSeconds = 0;
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> speech = server.http().send(authorized("POST", "/v1/audio/speech",
                    "{\"input\":\"The kitchen lights are on.\",\"voice\":\"espeak:en-us\",\"response_format\":\"pcm\"}"),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, speech.statusCode());
            spokenSeconds += speech.body().length / 2 / 24000.0; // pcm: s16le at 24 kHz
        }
        assertEquals(400, send("POST", "/v1/audio/speech", "{\"input\":\"\"}").statusCode());
        assertEquals(404, send("GET", "/no/such/thing", null).statusCode());

        HttpResponse<String> scraped = send("GET", "/metrics", null);
        assertEquals(200, scraped.statusCode());
        assertTrue(scraped.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        Map<String, Double> samples = parse(scraped.body());
        assertEquals(3.0, samples.get("assistant_api_requests_total{transport=\"http\",route=\"/v1/audio/speech\",status=\"200\"}"));
        assertEquals(1.0, samples.get("assistant_api_requests_total{transport=\"http\",route=\"/v1/audio/speech\",status=\"400\"}"));
        assertEquals(1.0, samples.get("assistant_api_requests_total{transport=\"http\",route=\"unmatched\",status=\"404\"}"), scraped.body());
        assertEquals(3.0, samples.get("assistant_api_time_to_first_audio_seconds_count{transport=\"http\",route=\"/v1/audio/speech\"}"));
        assertEquals(3.0, samples.get("assistant_api_time_to_first_audio_seconds_bucket{transport=\"http\",route=\"/v1/audio/speech\",le=\"+Inf\"}"));
        assertEquals(4.0, samples.get("assistant_api_request_duration_seconds_count{transport=\"http\",route=\"/v1/audio/speech\"}"));
        assertTrue(samples.get("assistant_api_request_duration_seconds_sum{transport=\"http\",route=\"/v1/audio/speech\"}") > 0);
        assertEquals(0.0, samples.get("assistant_api_speech_streams"));
        assertEquals(0.0, samples.get("assistant_api_sessions"));
        assertEquals(1.0, samples.get("assistant_api_workers_up"));
        assertEquals(0.0, samples.get("assistant_api_worker_restarts_total"));

        // What the engine made is what the clients got (resampled from 22050 Hz to 24 kHz), and it took time.
        double audioSeconds = samples.get("assistant_api_synthesized_audio_seconds_total{voice=\"espeak:en-us\"}");
        assertEquals(spokenSeconds, audioSeconds, 0.01 * spokenSeconds, scraped.body());
        assertTrue(samples.get("assistant_api_engine_seconds_total{voice=\"espeak:en-us\"}") > 0, scraped.body());
    }

    /** Every line is a comment or {@code name{labels} value}; buckets never decrease. */
    private static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        double previousBucket = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not a sample: " + line);
            double value = Double.parseDouble(m.group(2));
            if (m.group(1).contains("_bucket{")) {
                assertTrue(m.group(1).contains("le=\"0.005\"") || value >= previousBucket, "buckets are cumulative: " + line);
                previousBucket = value;
            }
            samples.put(m.group(1), value);
        }
        return samples;
    }

    private static HttpResponse<String> send(String method, String path, String json) throws Exception {
        return server.http().send(authorized(method, path, json), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest authorized(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + KEY)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return request.build();
    }
}
