package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every OpenAI format over HTTP, decoded by ffmpeg and held against the engine's own PCM. The
 * Piper tone test voice is used because its audio is the same on every request (espeak-ng's own
 * synthesizer varies by a few milliseconds from one call to the next).
 */
class FormatsIT {

    private static final String TEXT = "The front door is locked. All the lights are off.";
    private static RunningServer server;
    private static Wav reference;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start("workers:\n  count: 1\nvoices:\n  dirs:\n    - "
                + RunningServer.repo().resolve("engines/src/test/voices") + "\n");
        reference = Wav.parse(speak("wav", "").body());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<byte[]> speak(String format, String extra) throws Exception {
        HttpResponse<byte[]> response = server.postJson("/v1/audio/speech", "{\"input\":\"" + TEXT
                + "\",\"voice\":\"en_US-tones-medium\",\"response_format\":\"" + format + "\"" + extra + "}");
        assertEquals(200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
        return response;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // format, ffmpeg demuxer, content type, rate, codec, codec delay and frame in samples at
            // the decoded rate: MP3 keeps LAME's 576 + the decoder's 529 and ADTS keeps AAC's 1024
            // priming, as no streamed header can tell a player to drop them; Ogg Opus trims exactly.
            "mp3,  mp3,  audio/mpeg, 22050, mp3,       1105, 1152",
            "opus, ogg,  audio/opus, 48000, opus,      0,    960",
            "aac,  aac,  audio/aac,  22050, aac,       1024, 1024",
            "flac, flac, audio/flac, 22050, flac,      0,    1",
            "wav,  wav,  audio/wav,  22050, pcm_s16le, 0,    1",
    })
    void decodesToTheEnginesAudio(String format, String demuxer, String contentType, int rate, String codec,
                                  int delay, int frame) throws Exception {
        HttpResponse<byte[]> response = speak(format, "");
        assertEquals(contentType, response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(String.valueOf(rate), response.headers().firstValue("X-Sample-Rate").orElseThrow());
        Ffmpeg.Decoded decoded = Ffmpeg.decode(response.body(), demuxer);
        assertEquals(codec, decoded.codec());
        assertEquals(1, decoded.channels());
        assertEquals(rate, decoded.sampleRate());
        long engineSamples = Math.round(reference.seconds() * rate);
        long extra = decoded.samples().length - engineSamples - delay;
        assertTrue(extra >= -2 && extra < frame, format + ": " + decoded.samples().length + " samples decoded for "
                + engineSamples + " from the engine (codec delay " + delay + ", frame " + frame + ")");
        assertTrue(Wav.rms(decoded.samples()) > 0.5 * Wav.rms(reference.samples()), "the audio survives " + format);
    }

    @Test
    void pcmIsRawS16leAt24kHzByDefaultAsOpenAiSends() throws Exception {
        HttpResponse<byte[]> response = speak("pcm", "");
        assertEquals("24000", response.headers().firstValue("X-Sample-Rate").orElseThrow());
        double seconds = response.body().length / 2.0 / 24000;
        assertEquals(reference.seconds(), seconds, 0.002);
    }

    @Test
    void sampleRateAsksForAnotherRate() throws Exception {
        HttpResponse<byte[]> response = speak("wav", ",\"sample_rate\":16000");
        Wav wav = Wav.parse(response.body());
        assertEquals(16000, wav.sampleRate());
        assertEquals("16000", response.headers().firstValue("X-Sample-Rate").orElseThrow());
        assertEquals(reference.seconds(), wav.seconds(), 0.002);
    }

    @Test
    void serverSentEventsCarryTheAudio() throws Exception {
        HttpResponse<byte[]> response = speak("pcm", ",\"stream_format\":\"sse\"");
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String block : new String(response.body(), StandardCharsets.UTF_8).split("\n\n")) {
            assertTrue(block.startsWith("data: "), block);
            events.add(json.readTree(block.substring("data: ".length())));
        }
        assertEquals("speech.audio.done", events.getLast().get("type").textValue());
        ByteBuffer pcm = ByteBuffer.allocate(response.body().length).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode event : events.subList(0, events.size() - 1)) {
            assertEquals("speech.audio.delta", event.get("type").textValue());
            pcm.put(Base64.getDecoder().decode(event.get("audio").textValue()));
        }
        assertTrue(events.size() > 2, "several deltas: " + events.size());
        assertEquals(reference.seconds(), pcm.position() / 2.0 / 24000, 0.002);
    }
}
