package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One-shot speech through every layer: HTTP, core, a real worker JVM, libespeak-ng, the encoders. */
class SpeechIT {

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start("workers:\n  count: 1\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String request(String input, String format) {
        return "{\"model\":\"tts-1\",\"input\":\"" + input + "\",\"voice\":\"espeak:en-us\",\"response_format\":\"" + format + "\"}";
    }

    @Test
    void speaksASentenceAsWav() throws Exception {
        HttpResponse<byte[]> response = server.postJson("/v1/audio/speech", request("The kitchen lights are on.", "wav"));
        assertEquals(200, response.statusCode());
        assertEquals("audio/wav", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("22050", response.headers().firstValue("X-Sample-Rate").orElseThrow());
        Wav wav = Wav.parse(response.body());
        assertEquals(22050, wav.sampleRate());
        assertEquals(1, wav.channels());
        assertEquals(16, wav.bitsPerSample());
        assertTrue(wav.seconds() > 1.0 && wav.seconds() < 4.0, "five words take 1 to 4 s, got " + wav.seconds());
        assertTrue(Wav.rms(wav.samples()) > 500, "speech, not silence: rms " + Wav.rms(wav.samples()));
    }

    /**
     * limits.max_audio_seconds: a text clearly over it is refused up front; one that looks short
     * (50 digits read as seven-digit numbers, ~30 s of speech) stops at the limit and still ends cleanly.
     */
    @Test
    void audioIsCappedPerRequest() throws Exception {
        try (RunningServer capped = RunningServer.start("workers:\n  count: 1\nlimits:\n  max_audio_seconds: 5\n")) {
            String words = "The kitchen lights are on and the garage door is closed. ".repeat(4);
            SpeechErrorsIT.assertOpenAiError(capped.postJson("/v1/audio/speech", request(words, "wav")),
                    400, "audio_too_long", "input");
            String numbers = "1234567 ".repeat(7);
            HttpResponse<byte[]> response = capped.postJson("/v1/audio/speech", request(numbers, "wav"));
            assertEquals(200, response.statusCode());
            double seconds = Wav.parse(response.body()).seconds();
            assertTrue(seconds >= 4.9 && seconds < 5.6, "stopped at the 5 s limit: " + seconds + " s");
            Wav uncapped = Wav.parse(server.postJson("/v1/audio/speech", request(numbers, "wav")).body());
            assertTrue(uncapped.seconds() > 10, "without the limit it is long: " + uncapped.seconds() + " s");
        }
    }

    @Test
    void ffmpegPlaysTheWavStreamToItsEnd() throws Exception {
        HttpResponse<byte[]> response = server.postJson("/v1/audio/speech", request("Good morning. It is sunny.", "wav"));
        Ffmpeg.Decoded decoded = Ffmpeg.decode(response.body(), "wav");
        Wav wav = Wav.parse(response.body());
        assertEquals(22050, decoded.sampleRate());
        assertEquals(1, decoded.channels());
        assertEquals(wav.samples().length, decoded.samples().length, "ffmpeg reads every sample despite the unknown sizes");
    }

    @Test
    void longerTextGivesLongerAudio() throws Exception {
        Wav shortWav = Wav.parse(server.postJson("/v1/audio/speech", request("Yes.", "wav")).body());
        Wav longWav = Wav.parse(server.postJson("/v1/audio/speech",
                request("Yes. The weather today is sunny with a light breeze from the west.", "wav")).body());
        assertTrue(longWav.seconds() > 3 * shortWav.seconds(), shortWav.seconds() + " vs " + longWav.seconds());
    }

    @Test
    void pcmIsRawSamplesAtTheAdvertisedRate() throws Exception {
        HttpResponse<byte[]> response = server.postJson("/v1/audio/speech", request("The door is locked.", "pcm"));
        assertEquals(200, response.statusCode());
        int rate = Integer.parseInt(response.headers().firstValue("X-Sample-Rate").orElseThrow());
        double seconds = response.body().length / 2.0 / rate;
        assertTrue(seconds > 0.8 && seconds < 4.0, "duration " + seconds);
    }

    /**
     * The first audio reaches the client long before the whole text could have been synthesized.
     * Best of three tries: on a shared machine one request can be slowed down as a whole.
     */
    @Test
    void longInputStreamsBeforeSynthesisIsOver() throws Exception {
        String text = Files.readString(RunningServer.texts().resolve("long.txt")).strip()
                .replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
        String report = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            long[] times = firstAndLastByte(request(text, "wav"));
            report += String.format(" first byte after %.0f ms, last after %.0f ms;", times[0] / 1e6, times[1] / 1e6);
            if (times[0] * 4 < times[1]) {
                return;
            }
        }
        throw new AssertionError("the first audio never came well before the last:" + report);
    }

    /** Times to the first and the last byte of a response, after checking it is minutes of audio. */
    private static long[] firstAndLastByte(String json) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(server.uri("/v1/audio/speech"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = server.http().send(post, HttpResponse.BodyHandlers.ofInputStream());
        long firstByte;
        long total = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[8192];
            int n = body.read(buffer);
            firstByte = System.nanoTime() - started;
            while (n >= 0) {
                total += n;
                n = body.read(buffer);
            }
        }
        long last = System.nanoTime() - started;
        double audioSeconds = (total - 44) / 2.0 / 22050;
        assertTrue(audioSeconds > 120, "long.txt is minutes of speech, got " + audioSeconds + " s");
        return new long[] {firstByte, last};
    }
}
