package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's scheduling and pieces with the compute-realistic Piper voice (issue 13's long
 * sentences too): real server, real worker processes, real ONNX Runtime, audio decoded.
 */
class SchedulingIT {

    /** Pieces for the far-ahead test: a new job waits at most for the piece in progress. */
    private static final int PIECE_BUDGET_MS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 16-bit PCM at the x_low voice's 16 kHz. */
    private static final double PCM_BYTES_PER_SECOND = 2 * 16_000;

    private static String voices() throws Exception {
        return "voices:\n  dirs: [\"" + RealisticVoiceDirectory.of("x_low") + "\", \""
                + RunningServer.repo().resolve("engines/src/test/voices") + "\"]\n  prewarm: [" + RealisticVoiceDirectory.X_LOW + "]\n";
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
    }

    private static HttpResponse<InputStream> open(RunningServer server, String voice, String text, String format) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(server.uri("/v1/audio/speech"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"" + json(text) + "\",\"voice\":\"" + voice
                        + "\",\"response_format\":\"" + format + "\"}")).build();
        HttpResponse<InputStream> response = server.http().send(post, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        return response;
    }

    private static byte[] speak(RunningServer server, String voice, String text) throws Exception {
        try (InputStream body = open(server, voice, text, "wav").body()) {
            return body.readAllBytes();
        }
    }

    private static JsonNode health(RunningServer server) throws Exception {
        return JSON.readTree(server.get("/health").body());
    }

    /**
     * Two clients read a long text as fast as they can, so they run far ahead of their players;
     * a new client's first audio must not wait behind their pieces (issue 15: with turns taken
     * in arrival order it did, while the far-ahead jobs had seconds to spare).
     */
    @Test
    void clientsFarAheadDoNotDelayANewClientsFirstAudio() throws Exception {
        // A new job waits at most for the piece in progress: pieces of 100 ms keep that wait small.
        try (RunningServer server = RunningServer.start("workers:\n  count: 1\nscheduling:\n  max_ahead_ms: 2000\n  piece_budget_ms: "
                + PIECE_BUDGET_MS + "\n" + voices())) {
            List<Long> alone = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                alone.add(WorkerPoolIT.timeToFirstByte(server, RealisticVoiceDirectory.X_LOW));
            }
            String longText = Files.readString(RunningServer.texts().resolve("long.txt"));
            List<HttpResponse<InputStream>> ahead = new ArrayList<>();
            List<AtomicLong> received = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                HttpResponse<InputStream> response = open(server, RealisticVoiceDirectory.X_LOW, longText, "pcm");
                AtomicLong bytes = new AtomicLong();
                Thread.ofVirtual().start(() -> {
                    byte[] buffer = new byte[8192];
                    try (InputStream body = response.body()) {
                        for (int n; (n = body.read(buffer)) >= 0; ) {
                            bytes.addAndGet(n);
                        }
                    } catch (IOException e) {
                        // closed by the test
                    }
                });
                ahead.add(response);
                received.add(bytes);
            }
            long since = System.nanoTime();
            // Wait until both are well ahead: more audio in hand than the time since they started.
            while (received.stream().anyMatch(b -> b.get() / PCM_BYTES_PER_SECOND < (System.nanoTime() - since) / 1e9 + 1.5)) {
                assertTrue(System.nanoTime() - since < Duration.ofSeconds(120).toNanos(), "the long clients never got ahead");
                Thread.sleep(100);
            }
            List<Long> beside = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                beside.add(WorkerPoolIT.timeToFirstByte(server, RealisticVoiceDirectory.X_LOW));
            }
            for (HttpResponse<InputStream> response : ahead) {
                response.body().close();
            }
            assertTrue(WorkerPoolIT.median(beside) <= 3 * WorkerPoolIT.median(alone) + PIECE_BUDGET_MS + 150,
                    "first byte " + WorkerPoolIT.median(alone) + " ms alone, " + WorkerPoolIT.median(beside) + " ms beside two clients far ahead");
        }
    }

    /**
     * A client reading a long text as fast as it can runs far ahead of its player and, alone on
     * the worker, decodes 4 s windows: new requests stop the window in progress (the worker
     * preempts the turn, counted in /metrics) rather than wait for it, and the far-ahead client's
     * audio is still whole: as long as the same text spoken with nobody else, within the voice's
     * own variation (its durations are drawn with noise).
     */
    @Test
    void newRequestsPreemptAClientFarAheadWhoseAudioStaysWhole() throws Exception {
        try (RunningServer server = RunningServer.start("workers:\n  count: 1\n" + voices())) {
            String[] words = Files.readString(RunningServer.texts().resolve("long.txt")).split(" ");
            String text = String.join(" ", Arrays.copyOf(words, 300));
            int alone = Wav.parse(speak(server, RealisticVoiceDirectory.X_LOW, text)).samples().length;
            double preemptedBefore = metric(server, "assistant_api_preempted_turns_total");
            HttpResponse<InputStream> ahead = open(server, RealisticVoiceDirectory.X_LOW, text, "wav");
            ByteArrayOutputStream audio = new ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (InputStream body = ahead.body()) {
                    body.transferTo(audio);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            long since = System.nanoTime();
            while (audio.size() / PCM_BYTES_PER_SECOND < (System.nanoTime() - since) / 1e9 + 3) {
                assertTrue(System.nanoTime() - since < Duration.ofSeconds(60).toNanos(), "the long client never got ahead");
                Thread.sleep(10);
            }
            for (int i = 0; i < 5; i++) {
                assertTrue(speak(server, RealisticVoiceDirectory.X_LOW, "Turning on the lights.").length > 44, "audio for each new request");
            }
            reader.join();
            assertTrue(metric(server, "assistant_api_preempted_turns_total") > preemptedBefore, "no turn was preempted");
            assertTrue(metric(server, "assistant_api_preempted_seconds_total") > 0);
            int beside = Wav.parse(audio.toByteArray()).samples().length;
            double ratio = beside / (double) alone;
            assertTrue(ratio > 0.9 && ratio < 1.1, beside + " samples beside the new requests, " + alone + " alone");
            assertEquals(0, health(server).get("worker_restarts").intValue());
        }
    }

    private static double metric(RunningServer server, String name) throws Exception {
        return MetricsText.value(server.get("/metrics").body(), name);
    }

    /**
     * Issue 13: a 4,000-character "sentence" (no sentence end) was one inference that held the
     * synthesis thread, which answered heartbeats, for longer than the heartbeat timeout; the
     * worker was killed. Now it is spoken in bounded pieces and the worker lives.
     */
    @Test
    void aFourThousandCharacterSentenceIsSpokenWholeWithoutLookingHung() throws Exception {
        try (RunningServer server = RunningServer.start("workers:\n  count: 1\n  heartbeat_timeout_seconds: 2\n" + voices())) {
            String words = Files.readString(RunningServer.texts().resolve("long.txt")).replaceAll("[.!?]", ",");
            String text = (words + " " + words).substring(0, 4091);
            Wav wav = Wav.parse(speak(server, RealisticVoiceDirectory.X_LOW, text));
            double seconds = wav.samples().length / (double) wav.sampleRate();
            // ~700 words at a speech-like pace: minutes of audio, never a cut-off stream.
            assertTrue(seconds > 120, "audio for the whole text: " + seconds + " s");
            JsonNode after = health(server);
            assertEquals(0, after.get("worker_restarts").intValue(), after.toString());
        }
    }

    /**
     * A long sentence spoken in pieces (tiny budgets) against the same sentence in one inference
     * (huge budgets): the same length within the voice's own variation, and no step between two
     * samples larger than the whole sentence has anywhere (a click at a join would be one). Short
     * texts are never cut: with the deterministic tone voice they give the same bytes either way.
     */
    @Test
    void piecesJoinIntoOneContinuousSignalAndShortTextsAreUnchanged() throws Exception {
        String sentence = "When you get home tonight, the heating will already be on, the hall light will be lit, "
                + "the dishwasher will have finished its cycle, and the robot vacuum, which has been running "
                + "since noon, will be back on its dock and charging for tomorrow morning.";
        String shortText = "Turning on the kitchen lights.";
        Spoken pieced = speakBoth("  piece_budget_ms: 10\n  first_piece_budget_ms: 10\n", sentence, shortText);
        Spoken whole = speakBoth("  order: round_robin\n  piece_budget_ms: 60000\n  first_piece_budget_ms: 60000\n",
                sentence, shortText);
        double ratio = pieced.sentence().length / (double) whole.sentence().length;
        assertTrue(ratio > 0.8 && ratio < 1.25, "pieced " + pieced.sentence().length + " samples, whole " + whole.sentence().length);
        assertTrue(largestStep(pieced.sentence()) <= largestStep(whole.sentence()) * 1.5,
                "largest step pieced " + largestStep(pieced.sentence()) + ", whole " + largestStep(whole.sentence()));
        assertArrayEquals(whole.shortText(), pieced.shortText(), "a short text is spoken exactly as before");
    }

    /** A long sentence with the realistic voice (decoded) and a short text with the tone voice (as sent). */
    private record Spoken(short[] sentence, byte[] shortText) {
    }

    private static Spoken speakBoth(String scheduling, String sentence, String shortText) throws Exception {
        try (RunningServer server = RunningServer.start("workers:\n  count: 1\nscheduling:\n" + scheduling + voices())) {
            return new Spoken(Wav.parse(speak(server, RealisticVoiceDirectory.X_LOW, sentence)).samples(),
                    speak(server, "en_US-tones-medium", shortText));
        }
    }

    private static int largestStep(short[] samples) {
        int largest = 0;
        for (int i = 1; i < samples.length; i++) {
            largest = Math.max(largest, Math.abs(samples[i] - samples[i - 1]));
        }
        return largest;
    }
}
