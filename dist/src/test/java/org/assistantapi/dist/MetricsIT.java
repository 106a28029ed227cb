package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Prometheus text that counts what was asked, behind the API key by default. */
class MetricsIT {

    private static final String KEY = "sk-metrics-31415926";
    /** A label value may hold braces (the route {@code /v1/audio/speech/sessions/{id}/append}). */
    private static final Pattern SAMPLE = Pattern.compile("([a-z_]+(?:\\{(?:[a-z_]+=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})?) (-?[0-9.eE+-]+)");
    private static final Pattern BUCKET = Pattern.compile("([a-z_]+)_bucket\\{(.*?),?le=\"([^\"]+)\"\\}");
    /** espeak-ng hands over at most ~60 ms of audio at a time, one pcm frame each: 32 frames are about 2 s. */
    private static final int CREDIT_FRAMES = 32;
    private static final String SLACK = "assistant_api_playback_slack_seconds";
    private static final String STALLS = "assistant_api_playback_stalls_total";
    private static final String STALLED = "assistant_api_playback_stalled_seconds_total";
    private static final String QUEUED = "assistant_api_worker_queued_work_seconds{worker=\"worker-1\"}";
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        // Few frames of credit: a session nobody reads stops its worker after about 2 s of audio and a sentence.
        server = RunningServer.start("workers:\n  count: 1\nstreams:\n  buffer_frames: " + CREDIT_FRAMES
                + "\nauth:\n  api_keys: [" + KEY + "]\n");
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

    /**
     * A client far ahead of its player counts no stall; a session whose audio nobody takes while
     * its text waits does, once its listener (a player started at its first audio) has played
     * everything the worker could make on its credit.
     */
    @Test
    void theWorkersPlaybackClocksAreCounted() throws Exception {
        String fourSentences = "The lights are on. The door is locked. It is warm inside. Good night.";
        Map<String, Double> before = scrape();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, send("POST", "/v1/audio/speech", "{\"input\":\"" + fourSentences
                    + "\",\"voice\":\"espeak:en-us\",\"response_format\":\"pcm\"}").statusCode());
        }
        Map<String, Double> fast = scrape();
        assertEquals(9, grew(before, fast, SLACK + "_count"), "each sentence after the first, per request");
        assertEquals(0, grew(before, fast, SLACK + "_bucket{le=\"0.0\"}"), "always ahead of the player");
        assertTrue(grew(before, fast, SLACK + "_sum") > 0);
        assertEquals(0, grew(before, fast, STALLS), "a client far ahead never stalls");
        assertEquals(0.0, fast.get(QUEUED), "nothing left to speak");

        String id = createSession();
        appendAndFlush(id, "Yes. " + "The kettle is boiling now. ".repeat(20));
        awaitGrowth(fast, SLACK + "_count"); // audio after the first: the player has started
        Thread.sleep(8_000); // longer than the ~2 s of credit plus one sentence the worker can make meanwhile
        Map<String, Double> blocked = scrape();
        assertTrue(blocked.get(QUEUED) > 0, "the session's text is not spoken yet: " + blocked.get(QUEUED));
        CompletableFuture<HttpResponse<byte[]>> audio = server.http().sendAsync(
                authorized("GET", "/v1/audio/speech/sessions/" + id + "/audio", null), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, send("POST", "/v1/audio/speech/sessions/" + id + "/close", "{}").statusCode());
        HttpResponse<byte[]> read = audio.get(60, TimeUnit.SECONDS);
        assertEquals(200, read.statusCode());
        assertTrue(read.body().length > 2 * 24_000 * 10, "the whole text's audio: " + read.body().length + " bytes");

        Map<String, Double> after = scrape();
        assertTrue(grew(fast, after, STALLS) >= 1, "the session's listener ran dry while its text waited");
        assertTrue(grew(fast, after, STALLED) > 0);
        assertTrue(grew(fast, after, SLACK + "_bucket{le=\"0.0\"}") >= 1, "late at that delivery");
        assertTrue(grew(fast, after, SLACK + "_count") >= 20, "every sentence after the first");
        assertEquals(0.0, after.get(QUEUED), "everything spoken");
    }

    private static String createSession() throws Exception {
        HttpResponse<String> created = send("POST", "/v1/audio/speech/sessions",
                "{\"voice\":\"espeak:en-us\",\"response_format\":\"pcm\"}");
        assertEquals(201, created.statusCode(), created.body());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        assertTrue(id.find(), created.body());
        return id.group(1);
    }

    private static void appendAndFlush(String id, String text) throws Exception {
        HttpResponse<String> appended = send("POST", "/v1/audio/speech/sessions/" + id + "/append",
                "{\"text\":\"" + text + "\",\"flush\":true}");
        assertEquals(200, appended.statusCode(), appended.body());
    }

    /** Scrapes until the sample has grown: what the worker reported is no longer in flight. */
    private static void awaitGrowth(Map<String, Double> from, String sample) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (grew(from, scrape(), sample) == 0) {
            assertTrue(System.nanoTime() < deadline, sample + " never grew");
            Thread.sleep(50);
        }
    }

    private static double grew(Map<String, Double> from, Map<String, Double> to, String sample) {
        assertTrue(to.containsKey(sample), "no " + sample);
        return to.get(sample) - from.getOrDefault(sample, 0.0);
    }

    private static Map<String, Double> scrape() throws Exception {
        HttpResponse<String> scraped = send("GET", "/metrics", null);
        assertEquals(200, scraped.statusCode());
        return parse(scraped.body());
    }

    /**
     * Every line is a comment or {@code name{labels} value}; each histogram's buckets never
     * decrease and its {@code +Inf} bucket is its count.
     */
    private static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        Map<String, Double> lastBucket = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not a sample: " + line);
            double value = Double.parseDouble(m.group(2));
            Matcher bucket = BUCKET.matcher(m.group(1));
            if (bucket.matches()) {
                String series = bucket.group(1) + "{" + bucket.group(2) + "}";
                assertTrue(value >= lastBucket.getOrDefault(series, 0.0), "buckets are cumulative: " + line);
                lastBucket.put(series, value);
            }
            samples.put(m.group(1), value);
        }
        lastBucket.forEach((series, infinite) -> {
            String name = series.substring(0, series.indexOf('{'));
            String labels = series.substring(series.indexOf('{'));
            assertEquals(infinite, samples.get(name + "_count" + ("{}".equals(labels) ? "" : labels)),
                    "the +Inf bucket is the count: " + series);
        });
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
