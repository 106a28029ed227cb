package org.assistantapi.encoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every format through {@link Encoders}, decoded by ffmpeg, and the rate rules clients meet. */
class EncodersTest {

    @TempDir
    Path dir;

    /**
     * Decodes to the right rate and one channel, exactly as long as the input (after the codec delay
     * mp3 and ADTS aac cannot signal, and within one frame of padding), with the input's content:
     * bit-exact for the lossless formats. Output rate 0 means the format's default.
     */
    @ParameterizedTest
    @CsvSource({
            "PCM, 22050, 0, 1081", "PCM, 24000, 0, 40000", "WAV, 22050, 0, 1081", "WAV, 22050, 16000, 17",
            "FLAC, 22050, 0, 1081", "FLAC, 22050, 48000, 40000", "MP3, 22050, 0, 1081", "MP3, 22050, 44100, 40000",
            "OPUS, 22050, 0, 1081", "OPUS, 22050, 16000, 40000", "AAC, 22050, 0, 1081", "AAC, 16000, 24000, 1081"})
    void decodesToTheInput(AudioFormat format, int inputRate, int requestedRate, int chunk) throws IOException {
        int outputRate = requestedRate == 0 ? format.defaultRate(inputRate) : requestedRate;
        short[] pcm = TestAudio.speechLike(inputRate, 2.0);
        TestAudio.RecordingStream out = new TestAudio.RecordingStream();
        try (AudioEncoder encoder = Encoders.open(format, inputRate, outputRate, out)) {
            TestAudio.encodeAll(encoder, pcm, chunk);
        }

        int decodedRate = format == AudioFormat.OPUS ? 48000 : outputRate;   // Opus always decodes at 48 kHz
        short[] expected = PolyphaseResamplerTest.resample(inputRate, decodedRate, pcm, pcm.length);
        short[] decoded = decode(format, out.bytes(), decodedRate);
        int lead = switch (format) {
            case MP3 -> 1105;       // LAME's 576 + the decoder's 529
            case AAC -> 1024;       // the priming frame
            default -> 0;
        };
        int frame = switch (format) {
            case MP3 -> outputRate < 32000 ? 576 : 1152;
            case AAC -> 1024;
            default -> 1;           // exact
        };
        int extra = decoded.length - lead - expected.length;
        assertTrue(extra >= 0 && extra < frame, format + ": " + decoded.length + " samples decoded for "
                + expected.length + " (lead " + lead + ")");
        if (format == AudioFormat.PCM || format == AudioFormat.WAV || format == AudioFormat.FLAC) {
            assertArrayEquals(expected, decoded);
        } else {
            assertTrue(TestAudio.correlation(expected, decoded, lead) > 0.9, format + " content");
        }
    }

    @Test
    void defaultRatesFollowOpenAiAndTheSource() {
        assertEquals(24000, AudioFormat.PCM.defaultRate(22050));
        assertEquals(48000, AudioFormat.OPUS.defaultRate(22050));
        assertEquals(22050, AudioFormat.MP3.defaultRate(22050));
        assertEquals(22050, AudioFormat.AAC.defaultRate(22050));
        assertEquals(22050, AudioFormat.FLAC.defaultRate(22050));
        assertEquals(22050, AudioFormat.WAV.defaultRate(22050));
        assertEquals(16000, AudioFormat.MP3.defaultRate(17000));
        assertEquals(24000, AudioFormat.MP3.defaultRate(23025));            // a tie goes up
        assertEquals(48000, AudioFormat.MP3.defaultRate(96000));
        assertEquals(48000, AudioFormat.FLAC.defaultRate(96000));
        assertEquals(8000, AudioFormat.WAV.defaultRate(6000));
        assertEquals(37000, AudioFormat.WAV.defaultRate(37000));
    }

    @Test
    void ratesEachFormatCarries() {
        for (int rate : List.of(8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)) {
            assertTrue(AudioFormat.MP3.supportsRate(rate));
            assertTrue(AudioFormat.AAC.supportsRate(rate));
        }
        assertFalse(AudioFormat.MP3.supportsRate(37000));
        assertEquals(List.of(8000, 12000, 16000, 24000, 48000), AudioFormat.OPUS.supportedRates());
        assertFalse(AudioFormat.OPUS.supportsRate(22050));
        assertTrue(AudioFormat.PCM.supportsRate(37000));
        assertTrue(AudioFormat.FLAC.supportedRates().isEmpty());
        assertFalse(AudioFormat.WAV.supportsRate(7999));
        assertFalse(AudioFormat.WAV.supportsRate(48001));
        assertEquals("8000, 12000, 16000, 24000 or 48000 Hz", AudioFormat.OPUS.describeRates());
        assertEquals("any rate from 8000 to 48000 Hz", AudioFormat.PCM.describeRates());
    }

    @Test
    void refusesRatesTheFormatCannotCarry() {
        OutputStream out = OutputStream.nullOutputStream();
        var refused = assertThrows(IllegalArgumentException.class,
                () -> Encoders.open(AudioFormat.OPUS, 22050, 22050, out));
        assertTrue(refused.getMessage().contains("8000, 12000, 16000, 24000 or 48000 Hz"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Encoders.open(AudioFormat.WAV, 0, 24000, out));
    }

    @Test
    void settingsAreChecked() {
        assertEquals(100, EncoderSettings.defaults().opusPageIntervalMs());
        var refused = assertThrows(IllegalArgumentException.class, () -> new EncoderSettings(64, 5, 32, 11, 100, 64));
        assertTrue(refused.getMessage().contains("opusComplexity"), refused.getMessage());
    }

    private short[] decode(AudioFormat format, byte[] encoded, int rate) throws IOException {
        if (format == AudioFormat.PCM) {
            return TestAudio.fromLittleEndian(encoded, 0);
        }
        Path file = Files.write(dir.resolve("audio." + format.id()), encoded);
        Ffmpeg.Probe probe = Ffmpeg.probe(file);
        assertEquals(rate, probe.sampleRate(), "rate");
        assertEquals(1, probe.channels(), "channels");
        return Ffmpeg.decode(file);
    }
}
