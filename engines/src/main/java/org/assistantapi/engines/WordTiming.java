package org.assistantapi.engines;

/**
 * One spoken word and where it lies in its sentence's audio, as the {@link Synthesis#speakNext} call that
 * reported it: samples at the voice's rate, counted from the first sample that call passed to its
 * sink.
 *
 * @param text        the word as it stands in the input text
 * @param startSample its first sample
 * @param endSample   the sample after its last (at least {@code startSample})
 */
public record WordTiming(String text, long startSample, long endSample) {

    public WordTiming {
        if (startSample < 0 || endSample < startSample) {
            throw new IllegalArgumentException("bad word span " + startSample + ".." + endSample + " for " + text);
        }
    }
}
