package org.assistantapi.encoders;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streaming band-limited sample-rate conversion by the exact ratio up/down (the rates divided by their
 * gcd, e.g. 22050 → 48000 is 320/147): a Kaiser-windowed sinc low-pass at the lower of the two Nyquist
 * frequencies, stored as {@code up} polyphase filters.
 *
 * <p>Output sample j is centred on input time j·down/up, so the filter adds no delay: the signal is
 * taken as silent before the first sample, the resampler holds back the filter's half-width of input
 * until more arrives, and {@link #finish()} pads the end with silence, giving exactly
 * ceil(inputLength·up/down) samples in all.
 */
final class PolyphaseResampler {

    /** Kernel half-width in zero crossings of the lower rate: 64 taps, a transition band of ~18% of Nyquist. */
    private static final int ZERO_CROSSINGS = 32;
    /** About 90 dB of stopband attenuation. */
    private static final double KAISER_BETA = 9.0;
    /** The -6 dB cutoff as a fraction of the lower Nyquist, so the stopband starts right at that Nyquist. */
    private static final double CUTOFF = 0.91;

    /** Filters are immutable and shared by every stream with the same ratio. */
    private static final Map<Long, Filter> FILTERS = new ConcurrentHashMap<>();

    private final Filter filter;
    /** Input samples from absolute input index {@code historyStart} on. */
    private float[] history;
    private int historyLength;
    private long historyStart;
    private long inputLength;
    private long outputLength;

    PolyphaseResampler(int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException("rates must be positive: " + inputRate + " → " + outputRate);
        }
        int gcd = gcd(inputRate, outputRate);
        int up = outputRate / gcd;
        int down = inputRate / gcd;
        this.filter = FILTERS.computeIfAbsent(((long) up << 32) | down, key -> Filter.design(up, down));
        // Silence before the stream, so the first outputs see a full filter.
        this.history = new float[Math.max(4096, 2 * filter.taps())];
        this.historyLength = filter.halfTaps() - 1;
        this.historyStart = -historyLength;
    }

    /** Takes {@code length} more input samples; returns the output samples they complete. */
    short[] process(short[] samples, int offset, int length) {
        append(length);
        for (int i = 0; i < length; i++) {
            history[historyLength + i] = samples[offset + i];
        }
        historyLength += length;
        inputLength += length;
        return drain(inputLength);
    }

    /** Ends the stream: returns the remaining output, computed with silence after the last input sample. */
    short[] finish() {
        int padding = filter.halfTaps();
        append(padding);
        Arrays.fill(history, historyLength, historyLength + padding, 0f);
        historyLength += padding;
        return drain(inputLength);
    }

    /** Computes every output sample centred before {@code end} whose filter span is in the history. */
    private short[] drain(long end) {
        int up = filter.up();
        int down = filter.down();
        int taps = filter.taps();
        long available = historyStart + historyLength;
        long last = Math.min(
                Math.ceilDiv(end * up, down),                                       // centred before end
                Math.ceilDiv((available - filter.halfTaps()) * up, down));          // span available
        int count = (int) Math.max(0, last - outputLength);
        short[] out = new short[count];
        float[] coefficients = filter.coefficients();
        for (int o = 0; o < count; o++, outputLength++) {
            long position = outputLength * down;
            int first = (int) (position / up - filter.halfTaps() + 1 - historyStart);
            int base = (int) (position % up) * taps;
            float sum = 0f;
            for (int t = 0; t < taps; t++) {
                sum += history[first + t] * coefficients[base + t];
            }
            out[o] = (short) Math.clamp(Math.round(sum), Short.MIN_VALUE, Short.MAX_VALUE);
        }
        discardConsumed();
        return out;
    }

    /** Drops the input no future output sample reaches. */
    private void discardConsumed() {
        long firstNeeded = Math.floorDiv(outputLength * filter.down(), filter.up()) - filter.halfTaps() + 1;
        int drop = Math.clamp(firstNeeded - historyStart, 0, historyLength);
        System.arraycopy(history, drop, history, 0, historyLength - drop);
        historyLength -= drop;
        historyStart += drop;
    }

    private void append(int length) {
        if (historyLength + length > history.length) {
            history = Arrays.copyOf(history, Math.max(2 * history.length, historyLength + length));
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * The polyphase table: phase p's tap t weighs the input sample {@code halfTaps - 1 - t} before the
     * output's position (p/up of the way past an input sample).
     */
    private record Filter(int up, int down, int halfTaps, float[] coefficients) {

        int taps() {
            return 2 * halfTaps;
        }

        static Filter design(int up, int down) {
            double scale = Math.min(1.0, (double) up / down);   // lower Nyquist relative to the input's
            double cutoff = CUTOFF * scale;
            double halfWidth = ZERO_CROSSINGS / scale;          // in input samples
            int halfTaps = (int) Math.ceil(halfWidth);
            int taps = 2 * halfTaps;
            float[] coefficients = new float[up * taps];
            double windowNorm = besselI0(KAISER_BETA);
            for (int phase = 0; phase < up; phase++) {
                double[] row = new double[taps];
                double sum = 0;
                for (int t = 0; t < taps; t++) {
                    double x = (double) phase / up + halfTaps - 1 - t;
                    double r = x / halfWidth;
                    double window = Math.abs(r) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / windowNorm;
                    row[t] = cutoff * sinc(cutoff * x) * window;
                    sum += row[t];
                }
                for (int t = 0; t < taps; t++) {
                    coefficients[phase * taps + t] = (float) (row[t] / sum);   // unity gain at DC for every phase
                }
            }
            return new Filter(up, down, halfTaps, coefficients);
        }

        private static double sinc(double x) {
            return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        }

        private static double besselI0(double x) {
            double sum = 1;
            double term = 1;
            for (int k = 1; term > 1e-12 * sum; k++) {
                term *= (x / (2 * k)) * (x / (2 * k));
                sum += term;
            }
            return sum;
        }
    }
}
