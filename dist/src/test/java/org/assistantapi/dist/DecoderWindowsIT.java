package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A realistic Piper voice (x_low: Piper's VITS network with random weights, generated once into the
 * repository's {@code .cache/voices/}) decoded in windows by a real server and real workers: over
 * HTTP and in a session, a sentence's audio has exactly the length the voice gives when it runs
 * whole, its first window is sent on its own before the rest is decoded, and the windows join
 * without a step. The voice's {@code noise_w} is set to 0 so that its durations, and so the
 * length, are the same in every rendering.
 */
class DecoderWindowsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VOICE = RealisticVoiceDirectory.X_LOW;
    private static final int RATE = 16_000;
    private static final int FIRST_WINDOW_MS = 250;
    private static final int SENTENCE_SILENCE_MS = 200;
    private static Path voices;
    private static String text;
    private static RunningServer windowed;
    private static int whole;

    /**
     * Both servers at once, each with its first request (which waits for the voice to load and
     * pass its check): the two loads overlap, which halves this class's time.
     */
    @BeforeAll
    static void start() throws Exception {
        voices = RealisticVoiceDirectory.deterministicXLow();
        text = Files.readString(RunningServer.texts().resolve("twenty-words.txt")).strip();
        CompletableFuture<Integer> unsplit = CompletableFuture.supplyAsync(() -> {
            try (RunningServer server = RunningServer.start(config(0))) {
                return oneShot(server).length;
            } catch (Exception e) {
                throw new IllegalStateException("the server running the voice whole", e);
            }
        });
        windowed = RunningServer.start(config(FIRST_WINDOW_MS));
        oneShot(windowed);
        whole = unsplit.get(120, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (windowed != null) {
            windowed.close();
        }
    }

    @Test
    void oneShotAndSessionAudioIsAsLongAsTheWholeNetworks() throws Exception {
        assertTrue(whole > RATE * 2, "a 20-word sentence is seconds of audio: " + whole + " samples");
        assertEquals(whole, oneShot(windowed).length, "one-shot wav, windowed");
        assertEquals(whole, session(windowed).length, "session wav, windowed");
    }

    @Test
    void firstWindowIsSentOnItsOwnAndWindowsJoinWithoutAStep() throws Exception {
        List<short[]> deltas = sseDeltas();
        short[] audio = concat(deltas);
        int speech = audio.length - RATE * SENTENCE_SILENCE_MS / 1000;
        // A whole sentence would come as 32 KB worker frames (16,384 samples); the first window
        // of 250 ms (16 frames of 256 samples) comes alone, before the decoder has made the rest.
        int firstWindowMax = (RATE * FIRST_WINDOW_MS / 1000 / 256 + 1) * 256;
        assertTrue(deltas.size() > 1, "one delta for the whole sentence");
        assertTrue(deltas.getFirst().length <= firstWindowMax,
                "first delta " + deltas.getFirst().length + " samples, first window at most " + firstWindowMax);
        assertTrue(speech > 4 * firstWindowMax, "the sentence is longer than its first window: " + speech);

        int maxStep = 0;
        List<Integer> joins = new ArrayList<>();
        for (int at = 0, i = 0; i < deltas.size() - 1; i++) {
            at += deltas.get(i).length;
            joins.add(at);
        }
        for (int i = 1; i < speech; i++) {
            if (!joins.contains(i)) {
                maxStep = Math.max(maxStep, Math.abs(audio[i] - audio[i - 1]));
            }
        }
        assertTrue(maxStep > 0, "the voice makes sound");
        for (int join : joins) {
            if (join < speech) {
                int step = Math.abs(audio[join] - audio[join - 1]);
                assertTrue(step <= maxStep, "step " + step + " at sample " + join + ", the signal's own at most " + maxStep);
            }
        }
    }

    /**
     * The budgets for pieces as large as they go, so that both servers speak each sentence as one
     * piece: pieces are cut by each server's own measure of the voice's cost, which differs between
     * them, and a sentence in other pieces has other durations.
     */
    private static String config(int firstWindowMs) {
        return "workers:\n  count: 1\nvoices:\n  dirs: [\"" + voices + "\"]\npiper:\n  first_window_ms: "
                + firstWindowMs + "\n  sentence_silence_ms: " + SENTENCE_SILENCE_MS + "\n"
                + "scheduling:\n  piece_budget_ms: 60000\n  first_piece_budget_ms: 60000\n";
    }

    private static String request(String format, String stream) throws IOException {
        return JSON.writeValueAsString(java.util.Map.of("input", text, "voice", VOICE, "response_format", format,
                "sample_rate", RATE, "stream_format", stream));
    }

    private static short[] oneShot(RunningServer server) throws Exception {
        HttpResponse<byte[]> response = server.postJson("/v1/audio/speech", request("wav", "audio"));
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        Wav wav = Wav.parse(response.body());
        assertEquals(RATE, wav.sampleRate());
        return wav.samples();
    }

    private static short[] session(RunningServer server) throws Exception {
        String id = SessionsIT.create(server, VOICE, "wav");
        CompletableFuture<HttpResponse<byte[]>> audio = server.http().sendAsync(
                HttpRequest.newBuilder(server.uri("/v1/audio/speech/sessions/" + id + "/audio")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        SessionsIT.append(server, id, text, true);
        SessionsIT.close(server, id);
        HttpResponse<byte[]> response = audio.get(60, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        return Wav.parse(response.body()).samples();
    }

    /** The PCM of each {@code speech.audio.delta} event, in order. */
    private static List<short[]> sseDeltas() throws Exception {
        HttpResponse<InputStream> response = windowed.http().send(
                HttpRequest.newBuilder(windowed.uri("/v1/audio/speech")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request("pcm", "sse"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<short[]> deltas = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            JsonNode json = JSON.readTree(event.substring("data: ".length()));
            if (json.get("type").textValue().equals("speech.audio.delta")) {
                byte[] pcm = Base64.getDecoder().decode(json.get("audio").textValue());
                short[] samples = new short[pcm.length / 2];
                ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
                deltas.add(samples);
            }
        }
        return deltas;
    }

    private static short[] concat(List<short[]> parts) {
        short[] all = new short[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
