package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Wyoming listener, as Home Assistant uses it, through {@link WyomingClient}. */
class WyomingIT {

    private static final String TONES = "en_US-tones-medium";
    private static final String MULTI = "en_US-tonesmulti-low";
    /** Short, so that a test can wait it out; Home Assistant's clients send their events without pauses. */
    private static final int READ_TIMEOUT_SECONDS = 5;
    private static RunningServer server;
    private static int port;

    /** One audio-start … audio-stop. */
    record Audio(JsonNode start, List<WyomingClient.Event> chunks, byte[] pcm) {
        double seconds() {
            return pcm.length / 2.0 / start.path("rate").asInt();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        port = RunningServer.freePort();
        server = RunningServer.start("workers:\n  count: 2\n"
                + "wyoming:\n  enabled: true\n  host: 127.0.0.1\n  port: " + port + "\n  read_timeout_seconds: " + READ_TIMEOUT_SECONDS
                + "\n  allowed_clients: [127.0.0.1, \"::1\"]\n"
                + "voices:\n  default: " + TONES + "\n  dirs: [\"" + RunningServer.repo().resolve("engines/src/test/voices") + "\"]\n");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dataAndPayloadFramingRoundTrips() throws Exception {
        try (WyomingClient client = new WyomingClient(port)) {
            // data after the header and a payload the server must step over, then data inline in the header
            client.send("ping", Map.of("text", "über \"eins\"\n"), new byte[] {0, '\n', (byte) 0xff});
            client.sendRaw("{\"type\":\"ping\",\"data\":{\"text\":\"zwei\"}}\n");
            WyomingClient.Event pong = client.expect("pong");
            assertEquals("über \"eins\"\n", pong.data().path("text").asText());
            assertTrue(pong.header().path("data_length").asInt() > 0, pong.header().toString());
            assertEquals("zwei", client.expect("pong").data().path("text").asText());
        }
    }

    @Test
    void describeAnswersInfoWithTheVoices() throws Exception {
        try (WyomingClient client = new WyomingClient(port)) {
            client.send("describe", Map.of());
            JsonNode tts = client.expect("info").data().path("tts");
            assertEquals(1, tts.size(), tts.toString());
            JsonNode program = tts.get(0);
            assertEquals("assistant-api", program.path("name").asText());
            assertTrue(program.path("installed").asBoolean());
            assertTrue(program.path("supports_synthesize_streaming").asBoolean());
            assertTrue(program.path("attribution").has("url"));
            JsonNode tones = voice(program, TONES);
            assertEquals("en-US", tones.path("languages").get(0).asText(), "BCP 47, as Home Assistant writes languages");
            assertTrue(tones.path("speakers").isNull(), tones.toString());
            assertEquals("alice", voice(program, "en_US-tonesmulti-low").path("speakers").get(0).path("name").asText());
            assertTrue(voice(program, "espeak:en-us").path("installed").asBoolean());
            assertEquals("tlh", voice(program, "espeak:piqd").path("languages").get(0).asText(), "Klingon by its tag");
            assertEquals(0, voice(program, "espeak:py").path("languages").size(), "a language with no tag is left out");
            for (JsonNode voice : program.path("voices")) {
                for (JsonNode language : voice.path("languages")) {
                    String tag = language.asText();
                    assertEquals(tag, new Locale.Builder().setLanguageTag(tag).build().toLanguageTag(),
                            voice.path("name").asText() + ": well-formed BCP 47 in canonical form");
                }
            }
        }
    }

    @Test
    void anUnknownSpeakerSpeaksWithTheDefaultSpeakerAsPipersServerDoes() throws Exception {
        try (WyomingClient client = new WyomingClient(port)) {
            client.send("synthesize", Map.of("text", "Which speaker?", "voice", Map.of("name", MULTI, "speaker", "nobody")));
            Audio typo = audio(client);
            client.send("synthesize", Map.of("text", "Which speaker?", "voice", Map.of("name", MULTI)));
            Audio unnamed = audio(client);
            assertEquals(16000, typo.start().path("rate").asInt());
            assertArrayEquals(unnamed.pcm(), typo.pcm(), "the voice's default speaker");
        }
        eventually(() -> Files.readString(server.dir.resolve("logs/assistant-api.0.log")),
                "voice " + MULTI + " has no speaker 'nobody'; speaking with its default speaker");
    }

    @Test
    void synthesesAreInTheAccessLogAndTheMetrics() throws Exception {
        try (WyomingClient client = new WyomingClient(port)) {
            client.send("synthesize", Map.of("text", "Counted.", "voice", Map.of("name", TONES)));
            audio(client);
            client.send("synthesize-start", Map.of("voice", Map.of("name", TONES)));
            client.send("synthesize-chunk", Map.of("text", "Counted too."));
            client.send("synthesize-stop", Map.of());
            audio(client);
            client.expect("synthesize-stopped");
        }
        // the line is written when the synthesis ends, which may be just after the client has its last event
        String access = eventually(() -> Files.readString(server.dir.resolve("logs/access.0.log")),
                " WYOMING synthesize status=200 voice=" + TONES + " format=pcm bytes=");
        assertTrue(access.contains(" WYOMING synthesize-start status=200 voice=" + TONES + " format=pcm bytes="), access);
        String metrics = server.get("/metrics").body();
        assertTrue(metrics.contains("assistant_api_requests_total{transport=\"wyoming\",route=\"synthesize\",status=\"200\"}"), metrics);
        assertTrue(metrics.contains("assistant_api_requests_total{transport=\"wyoming\",route=\"synthesize-start\",status=\"200\"}"), metrics);
        assertTrue(metrics.contains("assistant_api_time_to_first_audio_seconds_count{transport=\"wyoming\",route=\"synthesize\"}"), metrics);
    }

    @Test
    void aStreamWhoseTextStopsComingPastTheReadTimeoutEndsWithATimeout() throws Exception {
        try (WyomingClient client = new WyomingClient(port)) {
            client.send("synthesize-start", Map.of("voice", Map.of("name", TONES)));
            client.send("synthesize-chunk", Map.of("text", "Let me look that up. "));
            client.expect("audio-start");
            WyomingClient.Event event = client.read();
            while (event.type().equals("audio-chunk")) {
                event = client.read();
            }
            assertEquals("error", event.type(), event.data().toString());
            assertEquals("timeout", event.data().path("code").asText());
            assertTrue(event.data().path("text").asText().contains(READ_TIMEOUT_SECONDS + " s"));
            assertNull(client.read(), "closed");
        }
        eventually(() -> Files.readString(server.dir.resolve("logs/access.0.log")),
                " WYOMING synthesize-start status=408 cut_off voice=" + TONES);
    }

    /** What {@code read} returns once it holds {@code expected}, looking for up to 10 s (the server writes it on its own time). */
    private static String eventually(Callable<String> read, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String text = read.call();
        while (!text.contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + expected + "' in:\n" + text);
            }
            Thread.sleep(100);
            text = read.call();
        }
        return text;
    }

    @Test
    void synthesizeAnswersPcmAsSentencesAreSpoken() throws Exception {
        try (WyomingClient client = new WyomingClient(port)) {
            client.send("synthesize", Map.of("text", "One sentence here. And a second one!", "voice", Map.of("name", TONES)));
            Audio audio = audio(client);
            assertEquals(22050, audio.start().path("rate").asInt());
            assertEquals(2, audio.start().path("width").asInt());
            assertEquals(1, audio.start().path("channels").asInt());
            assertTrue(audio.chunks().size() >= 2, "one chunk per sentence at least, got " + audio.chunks().size());
            for (WyomingClient.Event chunk : audio.chunks()) {
                assertEquals(22050, chunk.data().path("rate").asInt());
                assertEquals(0, chunk.payload().length % 2, "whole 16-bit samples");
            }
            assertTrue(audio.seconds() > 0.3 && audio.seconds() < 20, audio.seconds() + " s");
            assertTrue(peak(audio.pcm()) > 1000, "audible, not silence");

            // the connection serves the next request; a language picks a voice speaking it
            client.send("synthesize", Map.of("text", "Hello there.", "voice", Map.of("language", "en-US")));
            assertTrue(audio(client).seconds() > 0.1);
        }
    }

    /** One-shot synthesis over Wyoming counts against limits.max_streams like HTTP's (issue 14: limits in core). */
    @Test
    void wyomingSynthesisTakesAStreamPlace() throws Exception {
        int wyomingPort = RunningServer.freePort();
        try (RunningServer limited = RunningServer.start("workers:\n  count: 1\nlimits:\n  max_streams: 1\n"
                + "wyoming:\n  enabled: true\n  host: 127.0.0.1\n  port: " + wyomingPort + "\n")) {
            String body = "{\"input\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                    java.nio.file.Files.readString(RunningServer.texts().resolve("long.txt"))) + ",\"response_format\":\"pcm\"}";
            java.net.http.HttpResponse<java.io.InputStream> held = limited.http().send(
                    java.net.http.HttpRequest.newBuilder(limited.uri("/v1/audio/speech"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, held.statusCode());
            try (WyomingClient client = new WyomingClient(wyomingPort)) {
                client.send("synthesize", Map.of("text", "Hello."));
                assertEquals("too_many_streams", client.expect("error").data().path("code").asText());
            }
            held.body().close();
        }
    }

    /**
     * Issue 13, item 7: Wyoming clients cannot authenticate, so together they hold one key's share
     * of the session places; holding all of it does not lock out an HTTP client with a key.
     */
    @Test
    void wyomingHoldsOnlyItsShareOfTheSessions() throws Exception {
        int wyomingPort = RunningServer.freePort();
        String key = "sk-wyoming-share-test-key-0123456789";
        try (RunningServer limited = RunningServer.start("workers:\n  count: 1\nsessions:\n  max: 3\n  max_per_key: 2\n"
                + "auth:\n  api_keys: [" + key + "]\n"
                + "wyoming:\n  enabled: true\n  host: 127.0.0.1\n  port: " + wyomingPort + "\n");
             WyomingClient first = new WyomingClient(wyomingPort);
             WyomingClient second = new WyomingClient(wyomingPort);
             WyomingClient third = new WyomingClient(wyomingPort)) {
            for (WyomingClient holder : List.of(first, second)) {
                holder.send("synthesize-start", Map.of());
                holder.send("ping", Map.of());
                // its session is open once the ping is answered (audio-start may come first), not refused
                for (WyomingClient.Event event = holder.read(); !event.type().equals("pong"); event = holder.read()) {
                    assertEquals("audio-start", event.type(), event.data().toString());
                }
            }
            third.send("synthesize-start", Map.of());
            assertEquals("too_many_sessions", third.expect("error").data().path("code").asText());

            java.net.http.HttpResponse<String> keyed = limited.http().send(
                    java.net.http.HttpRequest.newBuilder(limited.uri("/v1/audio/speech/sessions"))
                            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"response_format\":\"pcm\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(201, keyed.statusCode(), keyed.body());
        }
    }

    @Test
    void aFailedSynthesisIsAnErrorEventThenTheConnectionCloses() throws Exception {
        try (WyomingClient client = new WyomingClient(port)) {
            client.send("synthesize", Map.of("text", "Hello.", "voice", Map.of("name", "nobody")));
            assertEquals("voice_not_found", client.expect("error").data().path("code").asText());
            assertNull(client.read(), "closed, so a client waiting for audio-stop is not left waiting");
        }
        try (WyomingClient client = new WyomingClient(port)) {
            client.send("synthesize-start", Map.of());
            client.send("synthesize", Map.of("text", " "));
            client.send("synthesize-stop", Map.of());
            client.expect("audio-start");
            client.expect("audio-stop");
            client.expect("synthesize-stopped");
            client.send("synthesize", Map.of("text", " "));
            assertEquals("invalid_input", client.expect("error").data().path("code").asText());
            assertNull(client.read());
        }
    }

    @Test
    void streamingSynthesisSpeaksEachSentenceBeforeTheStop() throws Exception {
        try (WyomingClient client = new WyomingClient(port)) {
            client.send("synthesize-start", Map.of("voice", Map.of("name", TONES)));
            client.send("synthesize-chunk", Map.of("text", "The first sent"));
            client.send("synthesize-chunk", Map.of("text", "ence is done. The sec"));
            // the first sentence is spoken now, with no stop yet
            JsonNode start = client.expect("audio-start").data();
            assertEquals(22050, start.path("rate").asInt());
            assertEquals(2, start.path("width").asInt());
            assertEquals(1, start.path("channels").asInt());
            int early = client.expect("audio-chunk").payload().length;
            assertTrue(early > 0);

            client.send("synthesize-chunk", Map.of("text", "ond one ends"));
            // the whole text again, for servers that cannot stream: to be ignored
            client.send("synthesize", Map.of("text", "The first sentence is done. The second one ends"));
            client.send("synthesize-stop", Map.of());
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            for (WyomingClient.Event event = client.read(); !event.type().equals("audio-stop"); event = client.read()) {
                assertEquals("audio-chunk", event.type(), event.data().toString());
                rest.write(event.payload());
            }
            assertTrue(rest.size() > 0, "the second sentence is spoken after the stop");
            client.expect("synthesize-stopped");

            // nothing more: the ignored synthesize made no audio
            client.send("describe", Map.of());
            client.expect("info");
        }
    }

    @Test
    void severalClientsAtOnce() throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Audio>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                boolean streaming = i % 2 == 0;
                results.add(pool.submit(() -> {
                    try (WyomingClient client = new WyomingClient(port)) {
                        if (!streaming) {
                            client.send("synthesize", Map.of("text", "Many voices at once. All of them finish."));
                            return audio(client);
                        }
                        client.send("synthesize-start", Map.of());
                        client.send("synthesize-chunk", Map.of("text", "Many voices at once. All of them finish."));
                        client.send("synthesize-stop", Map.of());
                        Audio audio = audio(client);
                        client.expect("synthesize-stopped");
                        return audio;
                    }
                }));
            }
            double first = results.getFirst().get(60, TimeUnit.SECONDS).seconds();
            for (Future<Audio> result : results) {
                assertEquals(first, result.get(60, TimeUnit.SECONDS).seconds(), 0.5, "the same text speaks about as long");
            }
        }
    }

    @Test
    void aGarbageLineIsAnErrorAndClosesOnlyThatConnection() throws Exception {
        try (WyomingClient good = new WyomingClient(port); WyomingClient bad = new WyomingClient(port)) {
            good.send("synthesize-start", Map.of());
            good.send("synthesize-chunk", Map.of("text", "Still here. "));
            bad.sendRaw("this is not a wyoming event\n");
            WyomingClient.Event error = bad.expect("error");
            assertEquals("protocol_error", error.data().path("code").asText());
            assertFalse(error.data().path("text").asText().isEmpty());
            assertNull(bad.read(), "the server closes a connection that broke the protocol");

            good.send("synthesize-stop", Map.of());
            assertTrue(audio(good).pcm().length > 0);
            good.expect("synthesize-stopped");
        }
        try (WyomingClient outOfOrder = new WyomingClient(port)) {
            outOfOrder.send("synthesize-chunk", Map.of("text", "no start"));
            assertEquals("protocol_error", outOfOrder.expect("error").data().path("code").asText());
            assertNull(outOfOrder.read());
        }
    }

    /** A client outside {@code wyoming.allowed_clients} is closed before anything is read; its address logged once. */
    @Test
    void aClientOutsideTheAllowedNetworksIsClosedAtOnce() throws Exception {
        int otherPort = RunningServer.freePort();
        try (RunningServer guarded = RunningServer.start("workers:\n  count: 1\n"
                + "wyoming:\n  enabled: true\n  host: 127.0.0.1\n  port: " + otherPort
                + "\n  allowed_clients: [10.0.0.0/8, \"fd00::/8\"]\n")) {
            for (int i = 0; i < 3; i++) {
                try (WyomingClient stranger = new WyomingClient(otherPort)) {
                    stranger.send("describe", Map.of());
                    assertNull(stranger.read(), "a stranger was answered");
                } catch (IOException e) {
                    // reset: closed with the describe unread, as it should be
                }
            }
            String log = Files.readString(guarded.dir.resolve("logs/assistant-api.0.log"));
            assertEquals(1, log.lines().filter(line -> line.contains("closed a Wyoming connection from 127.0.0.1")).count(), log);
        }
    }

    /** One audio-start … audio-stop, checking each event's timestamp: the milliseconds of audio before it. */
    private static Audio audio(WyomingClient client) throws IOException {
        JsonNode start = client.expect("audio-start").data();
        assertEquals(0, start.path("timestamp").asLong(-1), start.toString());
        int rate = start.path("rate").asInt();
        List<WyomingClient.Event> chunks = new ArrayList<>();
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        WyomingClient.Event event;
        for (event = client.read(); !event.type().equals("audio-stop"); event = client.read()) {
            assertEquals("audio-chunk", event.type(), event.data().toString());
            assertEquals(millis(pcm.size(), rate), event.data().path("timestamp").asLong(-1), event.data().toString());
            chunks.add(event);
            pcm.write(event.payload());
        }
        assertEquals(millis(pcm.size(), rate), event.data().path("timestamp").asLong(-1),
                "audio-stop carries data (wyoming 1.7.1's from_event needs it): " + event.header());
        return new Audio(start, chunks, pcm.toByteArray());
    }

    private static long millis(int pcmBytes, int rate) {
        return pcmBytes / 2 * 1000L / rate;
    }

    private static JsonNode voice(JsonNode program, String name) {
        for (JsonNode voice : program.path("voices")) {
            if (voice.path("name").asText().equals(name)) {
                return voice;
            }
        }
        throw new AssertionError("no voice " + name + " in " + program.path("voices"));
    }

    private static int peak(byte[] pcm) {
        int peak = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            peak = Math.max(peak, Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))));
        }
        return peak;
    }
}
