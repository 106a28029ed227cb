package org.assistantapi.engines;

import java.time.Duration;

/** The sentences of one text, spoken one at a time so that callers can interleave several texts. */
public interface Synthesis {

    /** No budget: each call speaks the part the engine plans. */
    Duration NO_BUDGET = Duration.ofSeconds(Long.MAX_VALUE);

    /**
     * Speaks the next sentence into the sink, followed by the voice's sentence silence; or, for an
     * engine that bounds the work of one call, the next part of a sentence (the silence after the
     * last).
     *
     * @return false when no sentence was left to speak
     */
    boolean speakNext(PcmSink sink) throws EngineException;

    /**
     * Like {@link #speakNext(PcmSink)}, for a caller that has others waiting: an engine that speaks
     * a sentence in parts of its choosing makes this call's part small enough to take about
     * {@code budget} of compute, down to its smallest part. The budget is a wish, not a deadline:
     * engines that speak whole sentences (or pieces fixed in advance) ignore it.
     */
    default boolean speakNext(PcmSink sink, Duration budget) throws EngineException {
        return speakNext(sink);
    }

    /**
     * Asks the {@code speakNext} call running on another thread to give up its part: the call
     * returns true having spoken nothing, and a later call speaks that part as if it had never
     * begun. For a caller with something more urgent (a new listener waiting for its first audio)
     * while this call serves a listener far ahead. Thread-safe; between calls it does nothing.
     * Engines whose parts are short (a sentence of espeak-ng takes milliseconds) ignore it.
     */
    default void interrupt() {
    }

    /** Whether a sentence is left to speak. */
    boolean hasNext();
}
