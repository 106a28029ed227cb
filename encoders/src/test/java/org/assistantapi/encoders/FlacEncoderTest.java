package org.assistantapi.encoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlacEncoderTest {

    @TempDir
    Path dir;

    /**
     * The reference decoder ({@code flac}, which checks both frame CRCs) and ffmpeg both give back the
     * input bit for bit, at rates with and without a FLAC rate code and with a short last block.
     */
    @ParameterizedTest
    @CsvSource({"22050, 44100", "48000, 96001", "8000, 16017", "11025, 11025", "37000, 37003", "16000, 1"})
    void decodesBitExact(int rate, int samples) throws IOException {
        short[] pcm = TestAudio.speechLike(rate, (double) samples / rate);
        assertDecodesTo(pcm, rate, TestAudio.ESPEAK_CHUNK);
    }

    /** Silence (CONSTANT subframes), white noise (VERBATIM) and full-scale extremes survive. */
    @Test
    void codesSilenceNoiseAndExtremes() throws IOException {
        Random random = new Random(7);
        short[] pcm = new short[30000];
        for (int i = 10000; i < 20000; i++) {
            pcm[i] = (short) random.nextInt();
        }
        for (int i = 20000; i < 30000; i++) {
            pcm[i] = i % 3 == 0 ? Short.MIN_VALUE : Short.MAX_VALUE;
        }
        assertDecodesTo(pcm, 24000, 40000);
    }

    @Test
    void anEmptyStreamIsStillValid() throws IOException {
        assertDecodesTo(new short[0], 24000, 1);
    }

    @Test
    void compressesSpeechLikeAudio() throws IOException {
        short[] pcm = TestAudio.speechLike(22050, 2.0);
        byte[] flac = encode(pcm, 22050, TestAudio.ESPEAK_CHUNK);
        assertTrue(flac.length < pcm.length * 2 * 0.6, "flac is " + flac.length + " bytes for " + pcm.length * 2);
    }

    @Test
    void blocksStayUnderATenthOfASecond() {
        assertEquals(512, FlacEncoder.blockSizeFor(8000));
        assertEquals(2048, FlacEncoder.blockSizeFor(22050));
        assertEquals(4096, FlacEncoder.blockSizeFor(48000));
    }

    private void assertDecodesTo(short[] pcm, int rate, int chunk) throws IOException {
        Path file = Files.write(dir.resolve("audio.flac"), encode(pcm, rate, chunk));
        Path wav = dir.resolve("reference.wav");
        Ffmpeg.run(List.of("flac", "--silent", "--decode", "--force", "--output-name=" + wav, file.toString()));
        short[] reference = TestAudio.fromLittleEndian(Files.readAllBytes(wav), 44);
        assertArrayEquals(pcm, reference, "flac's decoder");
        if (pcm.length > 0) {
            assertArrayEquals(pcm, Ffmpeg.decode(file), "ffmpeg");
            Ffmpeg.Probe probe = Ffmpeg.probe(file);
            assertEquals(rate, probe.sampleRate());
            assertEquals(1, probe.channels());
        }
    }

    private static byte[] encode(short[] pcm, int rate, int chunk) throws IOException {
        TestAudio.RecordingStream out = new TestAudio.RecordingStream();
        try (AudioEncoder encoder = Encoders.open(AudioFormat.FLAC, rate, rate, out)) {
            TestAudio.encodeAll(encoder, Arrays.copyOf(pcm, pcm.length), chunk);
        }
        return out.bytes();
    }
}
