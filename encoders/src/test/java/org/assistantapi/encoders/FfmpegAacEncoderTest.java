package org.assistantapi.encoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FfmpegAacEncoderTest {

    /** AAC's priming: the encoder's first frame, which ADTS cannot tell the decoder to drop. */
    private static final int PRIMING = 1024;
    private static final int FRAME = 1024;

    @TempDir
    Path dir;

    @Test
    void isAvailableWhereFfmpegIs() {
        assertTrue(Encoders.isAvailable(AudioFormat.AAC));
    }

    @ParameterizedTest
    @CsvSource({"22050, 22050, 1081", "22050, 24000, 40000", "16000, 16000, 320"})
    void decodesToTheInputAfterThePriming(int inputRate, int outputRate, int chunk) throws IOException {
        short[] pcm = TestAudio.speechLike(inputRate, 2.0);
        TestAudio.RecordingStream out = new TestAudio.RecordingStream();
        try (AudioEncoder encoder = Encoders.open(AudioFormat.AAC, inputRate, outputRate, out)) {
            TestAudio.encodeAll(encoder, pcm, chunk);
        }
        Path file = Files.write(dir.resolve("speech.aac"), out.bytes());

        Ffmpeg.Probe probe = Ffmpeg.probe(file);
        assertEquals("aac", probe.codec());
        assertEquals(outputRate, probe.sampleRate());
        assertEquals(1, probe.channels());
        short[] decoded = Ffmpeg.decode(file);
        short[] reference = PolyphaseResamplerTest.resample(inputRate, outputRate, pcm, pcm.length);
        assertTrue(TestAudio.correlation(reference, decoded, PRIMING) > 0.95, "audio starts after the priming");
        int extra = decoded.length - PRIMING - reference.length;
        assertTrue(extra >= 0 && extra < FRAME, "nothing lost at the end, padding under a frame: " + extra);
    }

    @Test
    void closeLeavesNoProcessBehind() throws IOException {
        long before = ffmpegChildren();
        AudioEncoder encoder = Encoders.open(AudioFormat.AAC, 24000, 24000, OutputStream.nullOutputStream());
        encoder.encode(TestAudio.speechLike(24000, 0.5), 0, 12000);
        assertEquals(before + 1, ffmpegChildren());
        encoder.close();
        assertEquals(before, ffmpegChildren());
    }

    @Test
    void aGoneClientStopsTheEncoder() throws IOException, InterruptedException {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        short[] pcm = TestAudio.speechLike(24000, 1.0);
        try (AudioEncoder encoder = Encoders.open(AudioFormat.AAC, 24000, 24000, broken)) {
            IOException failure = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 200; i++) {
                    encoder.encode(pcm, 0, pcm.length);
                    Thread.sleep(10);
                }
                encoder.finish();
            });
            assertTrue(failure.getMessage().contains("aac") || failure.getMessage().contains("ffmpeg"), failure.toString());
        }
    }

    private static long ffmpegChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false)).count();
    }
}
