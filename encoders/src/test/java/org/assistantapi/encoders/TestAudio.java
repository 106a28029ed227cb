package org.assistantapi.encoders;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Test signals, chunked feeding and comparisons. */
final class TestAudio {

    /** espeak-ng's callback chunk size: what the encoders really receive. */
    static final int ESPEAK_CHUNK = 1081;

    private TestAudio() {
    }

    /**
     * Speech-like audio: a voiced tone gliding between 120 and 240 Hz with harmonics and a formant-like
     * tone gliding 500 → 3000 Hz, under a 4 Hz syllable envelope; it starts loud at the first sample so
     * that anything added or lost at the start shows.
     */
    static short[] speechLike(int rate, double seconds) {
        int n = (int) Math.round(rate * seconds);
        short[] pcm = new short[n];
        double phase0 = 0;
        double phase1 = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double f0 = 180 + 60 * Math.sin(2 * Math.PI * 0.7 * t);
            double f1 = 500 + 2500 * (t / seconds);
            phase0 += 2 * Math.PI * f0 / rate;
            phase1 += 2 * Math.PI * f1 / rate;
            double voiced = Math.sin(phase0) + 0.5 * Math.sin(2 * phase0) + 0.25 * Math.sin(3 * phase0);
            double envelope = 0.55 + 0.45 * Math.cos(2 * Math.PI * 4 * t);
            pcm[i] = (short) Math.round(9000 * envelope * (voiced + 0.6 * Math.sin(phase1)));
        }
        return pcm;
    }

    static short[] tone(int rate, double frequency, double seconds, double amplitude) {
        short[] pcm = new short[(int) Math.round(rate * seconds)];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return pcm;
    }

    /** Feeds {@code pcm} in chunks of {@code chunk} samples and finishes. */
    static void encodeAll(AudioEncoder encoder, short[] pcm, int chunk) throws IOException {
        for (int offset = 0; offset < pcm.length; offset += chunk) {
            encoder.encode(pcm, offset, Math.min(chunk, pcm.length - offset));
        }
        encoder.finish();
    }

    static short[] fromLittleEndian(byte[] bytes, int offset) {
        short[] samples = new short[(bytes.length - offset) / 2];
        ByteBuffer.wrap(bytes, offset, samples.length * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    static byte[] toLittleEndian(short[] samples) {
        ByteBuffer buffer = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asShortBuffer().put(samples);
        return buffer.array();
    }

    /** The best normalised cross-correlation of {@code actual} against {@code expected} over lags 0..maxLag. */
    static double bestCorrelation(short[] expected, short[] actual, int maxLag) {
        double best = -1;
        for (int lag = 0; lag <= maxLag; lag++) {
            best = Math.max(best, correlation(expected, actual, lag));
        }
        return best;
    }

    /** Normalised correlation of expected[i] with actual[i + lag]. */
    static double correlation(short[] expected, short[] actual, int lag) {
        int n = Math.min(expected.length, actual.length - lag);
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            double x = expected[i];
            double y = actual[i + lag];
            xy += x * y;
            xx += x * x;
            yy += y * y;
        }
        return xy / Math.sqrt(xx * yy + 1e-9);
    }

    /** Signal-to-noise ratio in dB of {@code actual} against {@code expected} over [from, to). */
    static double snrDb(double[] expected, short[] actual, int from, int to) {
        double signal = 0;
        double noise = 0;
        for (int i = from; i < to; i++) {
            signal += expected[i] * expected[i];
            noise += (actual[i] - expected[i]) * (actual[i] - expected[i]);
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-12));
    }

    /** RMS level of samples [from, to). */
    static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    /** Collects the bytes written and where each flush happened. */
    static final class RecordingStream extends java.io.OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final java.util.List<Integer> flushes = new java.util.ArrayList<>();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public synchronized void flush() {
            flushes.add(bytes.size());
        }

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }

        synchronized int size() {
            return bytes.size();
        }

        /** Byte counts at each flush that had new bytes before it. */
        synchronized java.util.List<Integer> flushes() {
            return flushes.stream().distinct().filter(n -> n > 0).toList();
        }
    }
}
