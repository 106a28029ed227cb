package org.assistantapi.engines;

/** Receives 16-bit mono PCM as an engine produces it. */
@FunctionalInterface
public interface PcmSink {

    /**
     * Takes {@code length} samples from {@code samples[offset...]}; the array may be reused after
     * the call returns.
     *
     * @return false to stop the current sentence at once (the job was cancelled)
     */
    boolean accept(short[] samples, int offset, int length);
}
