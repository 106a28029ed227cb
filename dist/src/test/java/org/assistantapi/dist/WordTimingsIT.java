package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Word timings with real workers, the real espeak-ng and a realistic Piper voice (decoded in
 * windows, its words from its network's durations): one-shot over Server-Sent Events, decoded
 * together with the audio they came with, and a session's event stream read beside its audio.
 */
class WordTimingsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ESPEAK = "espeak:en-us";
    private static final String TEXT = "The quick brown fox jumps over the lazy dog. Then it sleeps, quietly!";
    /** What a resampler or encoder may still hold of a word's end when its event is written. */
    private static final double HELD_BACK_SECONDS = 0.05;
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start("workers:\n  count: 2\nvoices:\n  dirs: [\""
                + RunningServer.repo().resolve("engines/src/test/voices") + "\", \""
                + RealisticVoiceDirectory.deterministicXLow() + "\"]\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** An SSE response: its events in order. */
    private static List<JsonNode> events(byte[] body) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String block : new String(body, StandardCharsets.UTF_8).split("\n\n")) {
            if (block.startsWith("data: ")) {
                events.add(JSON.readTree(block.substring("data: ".length())));
            }
        }
        return events;
    }

    private static HttpResponse<byte[]> speakSse(String voice, String text, String extra) throws Exception {
        return server.postJson("/v1/audio/speech", "{\"input\":" + JSON.writeValueAsString(text) + ",\"voice\":\""
                + voice + "\",\"response_format\":\"pcm\",\"stream_format\":\"sse\"" + extra + "}");
    }

    private static List<String> wordsOf(String text) {
        return Arrays.stream(text.split("\\s+")).map(w -> w.replaceAll("^\\p{P}+|\\p{P}+$", "")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {ESPEAK, RealisticVoiceDirectory.X_LOW})
    void oneShotWordsComeAmongTheAudioInOrderAndWithinIt(String voice) throws Exception {
        HttpResponse<byte[]> response = speakSse(voice, TEXT, ",\"include_word_timings\":true");
        assertEquals(200, response.statusCode(), new String(response.body()));
        int rate = Integer.parseInt(response.headers().firstValue("X-Sample-Rate").orElseThrow());
        List<JsonNode> events = events(response.body());
        assertEquals("speech.audio.done", events.getLast().get("type").textValue());
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        List<JsonNode> words = new ArrayList<>();
        boolean wordBeforeLastDelta = false;
        for (JsonNode event : events.subList(0, events.size() - 1)) {
            switch (event.get("type").textValue()) {
                case "speech.audio.delta" -> {
                    pcm.writeBytes(Base64.getDecoder().decode(event.get("audio").textValue()));
                    wordBeforeLastDelta |= !words.isEmpty();
                }
                case "speech.word" -> {
                    double audioSoFar = pcm.size() / 2.0 / rate;
                    assertTrue(event.get("end").doubleValue() <= audioSoFar + HELD_BACK_SECONDS,
                            "a word comes after its audio: " + event + " with " + audioSoFar + " s before it");
                    words.add(event);
                }
                default -> throw new AssertionError("unexpected event " + event);
            }
        }
        assertTrue(wordBeforeLastDelta, "words are interleaved with the audio, not all at the end");
        assertEquals(wordsOf(TEXT), words.stream().map(w -> w.get("text").textValue()).toList());
        short[] samples = samples(pcm.toByteArray());
        double audioSeconds = samples.length / (double) rate;
        double previousEnd = 0;
        for (JsonNode word : words) {
            double start = word.get("start").doubleValue();
            double end = word.get("end").doubleValue();
            assertTrue(start >= previousEnd && end > start && end <= audioSeconds, "in order, within the audio: " + words);
            double rms = Wav.rms(Arrays.copyOfRange(samples, (int) (start * rate), (int) (end * rate)));
            assertTrue(rms > 300, "a word's span holds speech: " + word + " rms " + rms);
            previousEnd = end;
        }
    }

    /**
     * Without the field (or with it false) the response is what it always was. The tone voice
     * renders the same text to the same samples every time (espeak-ng varies a little from call to
     * call), so whole bodies can be compared byte for byte; it reports no words, so asking for
     * them changes nothing for it either.
     */
    @Test
    void withoutTheFieldTheResponseIsTodays() throws Exception {
        byte[] plain = speakSse("en_US-tones-medium", "One two three. Four five.", "").body();
        assertArrayEquals(plain, speakSse("en_US-tones-medium", "One two three. Four five.",
                ",\"include_word_timings\":false").body());
        assertArrayEquals(plain, speakSse("en_US-tones-medium", "One two three. Four five.",
                ",\"include_word_timings\":true").body());
        List<JsonNode> events = events(speakSse(ESPEAK, TEXT, "").body());
        assertEquals("speech.audio.done", events.getLast().get("type").textValue());
        assertTrue(events.subList(0, events.size() - 1).stream()
                .allMatch(e -> e.get("type").textValue().equals("speech.audio.delta")), "audio only");
    }

    @Test
    void wordTimingsNeedServerSentEvents() throws Exception {
        HttpResponse<byte[]> response = server.postJson("/v1/audio/speech",
                "{\"input\":\"Hi.\",\"voice\":\"" + ESPEAK + "\",\"include_word_timings\":true}");
        assertEquals(400, response.statusCode());
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertEquals("invalid_request_error", error.get("type").textValue());
        assertEquals("include_word_timings", error.get("param").textValue());
        assertEquals("invalid_value", error.get("code").textValue());

        HttpResponse<byte[]> notBoolean = speakSse(ESPEAK, "Hi.", ",\"include_word_timings\":\"yes\"");
        assertEquals(400, notBoolean.statusCode());
        assertEquals("include_word_timings", JSON.readTree(notBoolean.body()).get("error").get("param").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {ESPEAK, RealisticVoiceDirectory.X_LOW})
    void aSessionsEventsPlaceEverySegmentAndWordOnItsAudio(String voice) throws Exception {
        HttpResponse<byte[]> created = server.postJson("/v1/audio/speech/sessions",
                "{\"voice\":\"" + voice + "\",\"response_format\":\"wav\",\"include_word_timings\":true}");
        assertEquals(201, created.statusCode(), new String(created.body()));
        JsonNode session = JSON.readTree(created.body());
        String id = session.get("id").textValue();
        assertEquals("/v1/audio/speech/sessions/" + id + "/events", session.get("events_url").textValue());
        assertTrue(session.get("include_word_timings").booleanValue());
        CompletableFuture<List<JsonNode>> events = readEvents(id);
        CompletableFuture<HttpResponse<byte[]>> audio = server.http().sendAsync(
                HttpRequest.newBuilder(server.uri("/v1/audio/speech/sessions/" + id + "/audio")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        List<String> segments = List.of("Turning on the lights, satellite.", "How are you today? Fine, thanks.", "Bye.");
        SessionsIT.append(server, id, "Turning on the lights,", false);
        SessionsIT.append(server, id, " satellite.", true);
        SessionsIT.append(server, id, segments.get(1), true);
        SessionsIT.append(server, id, segments.get(2), false);
        SessionsIT.close(server, id);
        Wav wav = Wav.parse(audio.get(30, TimeUnit.SECONDS).body());
        List<JsonNode> received = events.get(30, TimeUnit.SECONDS);

        assertEquals("speech.session.done", received.getLast().get("type").textValue());
        List<JsonNode> segmentEvents = received.stream().filter(e -> e.get("type").textValue().equals("speech.segment")).toList();
        assertEquals(segments, segmentEvents.stream().map(e -> e.get("text").textValue()).toList());
        double at = 0;
        for (int segment = 0; segment < segments.size(); segment++) {
            JsonNode event = segmentEvents.get(segment);
            assertEquals(segment, event.get("segment").intValue());
            assertEquals(at, event.get("start").doubleValue(), 1e-6, "segments follow each other: " + segmentEvents);
            at = event.get("end").doubleValue();
            int number = segment;
            List<JsonNode> words = received.stream()
                    .filter(e -> e.get("type").textValue().equals("speech.word") && e.get("segment").intValue() == number).toList();
            assertEquals(wordsOf(segments.get(segment)), words.stream().map(w -> w.get("text").textValue()).toList());
            double previousEnd = event.get("start").doubleValue();
            for (JsonNode word : words) {
                assertTrue(word.get("start").doubleValue() >= previousEnd
                        && word.get("end").doubleValue() > word.get("start").doubleValue()
                        && word.get("end").doubleValue() <= event.get("end").doubleValue() + 1e-6,
                        "within its segment, in order: " + words + " in " + event);
                previousEnd = word.get("end").doubleValue();
            }
        }
        assertEquals(wav.seconds(), at, 0.002, "the segments cover the session's audio");
    }

    @Test
    void aSessionWithoutTheFieldStillReportsItsSegments() throws Exception {
        HttpResponse<byte[]> created = server.postJson("/v1/audio/speech/sessions",
                "{\"voice\":\"" + ESPEAK + "\",\"response_format\":\"mp3\"}");
        String id = JSON.readTree(created.body()).get("id").textValue();
        CompletableFuture<List<JsonNode>> events = readEvents(id);
        CompletableFuture<HttpResponse<byte[]>> audio = server.http().sendAsync(
                HttpRequest.newBuilder(server.uri("/v1/audio/speech/sessions/" + id + "/audio")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        SessionsIT.append(server, id, "Just one segment.", true);
        SessionsIT.close(server, id);
        assertEquals(200, audio.get(30, TimeUnit.SECONDS).statusCode());
        List<JsonNode> received = events.get(30, TimeUnit.SECONDS);
        assertEquals(List.of("speech.segment", "speech.session.done"),
                received.stream().map(e -> e.get("type").textValue()).toList());
        assertFalse(received.getFirst().get("end").doubleValue() <= 0);
    }

    /**
     * When the session's worker dies between segments, the next worker's audio, words and segments
     * carry on the same timeline: the segments still follow each other and cover the audio.
     */
    @Test
    void theTimelineRunsOnAcrossAMoveToAnotherWorker() throws Exception {
        HttpResponse<byte[]> created = server.postJson("/v1/audio/speech/sessions",
                "{\"voice\":\"" + ESPEAK + "\",\"response_format\":\"wav\",\"include_word_timings\":true}");
        String id = JSON.readTree(created.body()).get("id").textValue();
        List<JsonNode> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<List<JsonNode>> events = readEvents(id, received);
        CompletableFuture<HttpResponse<byte[]>> audio = server.http().sendAsync(
                HttpRequest.newBuilder(server.uri("/v1/audio/speech/sessions/" + id + "/audio")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        SessionsIT.append(server, id, "The garage door is open.", true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.stream().noneMatch(e -> e.get("type").textValue().equals("speech.segment"))) {
            assertTrue(System.nanoTime() < deadline, "segment 0 was never reported: " + received);
            Thread.sleep(20);
        }
        ProcessHandle.of(SessionsIT.workerWithStream(server)).orElseThrow().destroyForcibly();
        SessionsIT.append(server, id, "Shall I close it?", true);
        SessionsIT.close(server, id);
        Wav wav = Wav.parse(audio.get(30, TimeUnit.SECONDS).body());
        List<JsonNode> segments = events.get(30, TimeUnit.SECONDS).stream()
                .filter(e -> e.get("type").textValue().equals("speech.segment")).toList();
        assertEquals(List.of("The garage door is open.", "Shall I close it?"),
                segments.stream().map(e -> e.get("text").textValue()).toList());
        assertEquals(segments.get(0).get("end").doubleValue(), segments.get(1).get("start").doubleValue(), 1e-6);
        assertEquals(wav.seconds(), segments.get(1).get("end").doubleValue(), 0.002, "the segments cover the audio");
        List<JsonNode> words = received.stream()
                .filter(e -> e.get("type").textValue().equals("speech.word") && e.get("segment").intValue() == 1).toList();
        assertEquals(List.of("Shall", "I", "close", "it"), words.stream().map(w -> w.get("text").textValue()).toList());
        assertTrue(words.getFirst().get("start").doubleValue() >= segments.get(1).get("start").doubleValue() - 1e-6,
                "the new worker's words are on the session's timeline: " + words);
    }

    private static CompletableFuture<List<JsonNode>> readEvents(String id) throws Exception {
        return readEvents(id, new ArrayList<>());
    }

    /** Reads a session's event stream into {@code events} on its own thread, as a satellite would beside its player. */
    private static CompletableFuture<List<JsonNode>> readEvents(String id, List<JsonNode> events) throws Exception {
        HttpResponse<InputStream> response = server.http().send(
                HttpRequest.newBuilder(server.uri("/v1/audio/speech/sessions/" + id + "/events")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
        return CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data: ")) {
                        events.add(JSON.readTree(line.substring("data: ".length())));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return events;
        });
    }

    private static short[] samples(byte[] pcm) {
        short[] samples = new short[pcm.length / 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }
}
