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

    /** Whether a sentence is left to speak. */
    boolean hasNext();
}
