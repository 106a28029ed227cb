package org.assistantapi.encoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PolyphaseResamplerTest {

    private static final double AMPLITUDE = 16000;

    /** A tone resampled in espeak-sized chunks matches the ideal tone at the new rate, with no delay. */
    @ParameterizedTest
    @CsvSource({
            "22050, 48000, 1000", "22050, 48000, 7000", "16000, 24000, 3000", "24000, 22050, 4400",
            "48000, 16000, 1000", "44100, 48000, 5000", "8000, 44100, 440", "11025, 24000, 2500",
            "22050, 16000, 6000", "24001, 48000, 2000"})
    void toneKeepsItsShapeAbove60Db(int inputRate, int outputRate, double frequency) {
        short[] input = TestAudio.tone(inputRate, frequency, 1.0, AMPLITUDE);
        short[] output = resample(inputRate, outputRate, input, TestAudio.ESPEAK_CHUNK);

        double[] ideal = new double[output.length];
        for (int i = 0; i < ideal.length; i++) {
            ideal[i] = AMPLITUDE * Math.sin(2 * Math.PI * frequency * i / outputRate);
        }
        // The tone starts abruptly, which no band-limited signal does: judge away from the two ends.
        int margin = outputRate / 20;
        double snr = TestAudio.snrDb(ideal, output, margin, output.length - margin);
        assertTrue(snr >= 60, inputRate + " → " + outputRate + " at " + frequency + " Hz: SNR " + snr + " dB");
    }

    @ParameterizedTest
    @CsvSource({"22050, 16000, 10000", "48000, 16000, 9000", "44100, 22050, 12000", "24000, 8000, 5000"})
    void removesWhatTheNewRateCannotCarry(int inputRate, int outputRate, double frequency) {
        short[] input = TestAudio.tone(inputRate, frequency, 1.0, AMPLITUDE);
        short[] output = resample(inputRate, outputRate, input, 4096);

        int margin = outputRate / 20;   // away from the abrupt start and end, which have energy everywhere
        double level = TestAudio.rms(output, margin, output.length - margin);
        double attenuationDb = 20 * Math.log10(level / (AMPLITUDE / Math.sqrt(2)));
        assertTrue(attenuationDb < -70, frequency + " Hz at " + inputRate + " → " + outputRate
                + " leaks through at " + attenuationDb + " dB");
    }

    @Test
    void outputDoesNotDependOnChunking() {
        short[] input = TestAudio.speechLike(22050, 0.5);
        short[] whole = resample(22050, 48000, input, input.length);
        assertArrayEquals(whole, resample(22050, 48000, input, TestAudio.ESPEAK_CHUNK));
        assertArrayEquals(whole, resample(22050, 48000, input, 1));
        assertArrayEquals(whole, resample(22050, 48000, input, 7));
    }

    /** ceil(n · out / in) samples for n in: nothing lost at the end, nothing added at the start. */
    @ParameterizedTest
    @CsvSource({"22050, 48000", "48000, 22050", "16000, 24000", "24000, 16000", "44100, 8000"})
    void producesExactlyTheScaledLength(int inputRate, int outputRate) {
        for (int n : new int[] {0, 1, 2, 146, 147, 1081, 22050, 22051}) {
            short[] output = resample(inputRate, outputRate, new short[n], 1000);
            assertEquals(Math.ceilDiv((long) n * outputRate, inputRate), output.length, n + " samples");
        }
    }

    @Test
    void keepsAConstantLevel() {
        short[] input = new short[22050];
        Arrays.fill(input, (short) 12345);
        short[] output = resample(22050, 48000, input, 999);
        for (int i = 2000; i < output.length - 2000; i++) {
            assertEquals(12345, output[i], 1, "sample " + i);
        }
    }

    /** Resamples in chunks of {@code chunk}; equal rates return a copy, as encoders skip resampling then. */
    static short[] resample(int inputRate, int outputRate, short[] input, int chunk) {
        if (inputRate == outputRate) {
            return input.clone();
        }
        PolyphaseResampler resampler = new PolyphaseResampler(inputRate, outputRate);
        short[] out = new short[(int) Math.ceilDiv((long) input.length * outputRate, inputRate)];
        int length = 0;
        for (int offset = 0; offset < input.length; offset += chunk) {
            short[] part = resampler.process(input, offset, Math.min(chunk, input.length - offset));
            System.arraycopy(part, 0, out, length, part.length);
            length += part.length;
        }
        short[] tail = resampler.finish();
        System.arraycopy(tail, 0, out, length, tail.length);
        return Arrays.copyOf(out, length + tail.length);
    }
}
