package org.assistantapi.encoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Mp3EncoderTest {

    /** LAME's encoder delay (576) plus the layer III decoder's (529): what a stream without a LAME tag keeps. */
    private static final int CODEC_DELAY = 1105;

    @TempDir
    Path dir;

    /**
     * Parses the whole stream frame by frame from its first byte: no ID3 tag, no Xing/Info frame, every
     * frame mono at the same bit rate, and the last frame ending exactly at the end.
     */
    @ParameterizedTest
    @CsvSource({"22050, 64", "44100, 128", "8000, 24", "16000, 32"})
    void isConstantBitRateFramesWithoutXingFrame(int rate, int kbps) throws IOException {
        byte[] mp3 = encode(TestAudio.speechLike(rate, 1.0), rate, kbps, TestAudio.ESPEAK_CHUNK);

        int frames = 0;
        int position = 0;
        while (position < mp3.length) {
            int header = ((mp3[position] & 0xFF) << 24) | ((mp3[position + 1] & 0xFF) << 16)
                    | ((mp3[position + 2] & 0xFF) << 8) | (mp3[position + 3] & 0xFF);
            assertEquals(0x7FF, header >>> 21, "frame sync at byte " + position);
            boolean mpeg1 = ((header >>> 19) & 3) == 3;
            assertEquals(1, (header >>> 17) & 3, "layer III");
            int bitrate = bitrateKbps(mpeg1, (header >>> 12) & 0xF);
            assertEquals(kbps, bitrate, "constant bit rate");
            assertEquals(3, (header >>> 6) & 3, "mono");
            int sideInfo = mpeg1 ? 17 : 9;
            String tag = new String(mp3, position + 4 + sideInfo, 4, StandardCharsets.ISO_8859_1);
            assertFalse(tag.equals("Xing") || tag.equals("Info"), "a " + tag + " frame at byte " + position);
            int padding = (header >>> 9) & 1;
            position += (mpeg1 ? 144 : 72) * bitrate * 1000 / rate + padding;
            frames++;
        }
        assertEquals(mp3.length, position, "frames end with the stream");
        assertTrue(frames > 10);
    }

    /**
     * Decoded, the audio starts exactly after the codec's own delay and nothing is lost at the end;
     * ffprobe's duration (from the constant bit rate) agrees. Chunks over 32 KB, which jump3r rejects
     * when fed whole, work too.
     */
    @ParameterizedTest
    @CsvSource({"22050, 1081, 576", "22050, 40000, 576", "44100, 1081, 1152", "24000, 100, 576"})
    void decodesToTheInputAfterTheCodecDelay(int rate, int chunk, int frameSize) throws IOException {
        short[] pcm = TestAudio.speechLike(rate, 2.0);
        Path file = Files.write(dir.resolve("speech.mp3"), encode(pcm, rate, 64, chunk));

        short[] decoded = Ffmpeg.decode(file);
        assertTrue(TestAudio.correlation(pcm, decoded, CODEC_DELAY) > 0.95, "audio starts after the codec delay");
        int extra = decoded.length - CODEC_DELAY - pcm.length;
        assertTrue(extra >= 0 && extra < frameSize, "nothing lost at the end, padding under a frame: " + extra);

        Ffmpeg.Probe probe = Ffmpeg.probe(file);
        assertEquals("mp3", probe.codec());
        assertEquals(rate, probe.sampleRate());
        assertEquals(1, probe.channels());
        assertEquals((double) decoded.length / rate, probe.duration(), (double) frameSize / rate, "ffprobe duration");
    }

    private static int bitrateKbps(boolean mpeg1, int index) {
        int[] mpeg1Rates = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
        int[] mpeg2Rates = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
        return (mpeg1 ? mpeg1Rates : mpeg2Rates)[index];
    }

    private static byte[] encode(short[] pcm, int rate, int kbps, int chunk) throws IOException {
        TestAudio.RecordingStream out = new TestAudio.RecordingStream();
        EncoderSettings settings = new EncoderSettings(kbps, 5, 32, 5, 100, 64);
        try (AudioEncoder encoder = Encoders.open(AudioFormat.MP3, rate, rate, settings, out)) {
            TestAudio.encodeAll(encoder, pcm, chunk);
        }
        return out.bytes();
    }
}
