package org.assistantapi.engines;

/** Receives 16-bit mono PCM as an engine produces it, and the words it speaks if the engine can tell. */
@FunctionalInterface
public interface PcmSink {

    /**
     * Takes {@code length} samples from {@code samples[offset...]}; the array may be reused after
     * the call returns.
     *
     * @return false to stop the current sentence at once (the job was cancelled)
     */
    boolean accept(short[] samples, int offset, int length);

    /**
     * A word of the sentence being spoken. Engines that can tell report each word once, in order,
     * with spans that do not overlap and lie within the audio of the sentence, counted from the
     * first sample of the call that reports it; a word may come before or after its samples, and
     * a sentence spoken over several calls reports its words in its first. An engine that cannot
     * tell reports none.
     */
    default void word(WordTiming word) {
        // Most sinks want audio only.
    }
}
