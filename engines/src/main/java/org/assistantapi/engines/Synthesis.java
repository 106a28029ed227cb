package org.assistantapi.engines;

/** The sentences of one text, spoken one at a time so that callers can interleave several texts. */
public interface Synthesis {

    /**
     * Speaks the next sentence into the sink, followed by the voice's sentence silence; or, for an
     * engine that bounds the work of one call, the next part of a sentence (the silence after the
     * last).
     *
     * @return false when no sentence was left to speak
     */
    boolean speakNext(PcmSink sink) throws EngineException;

    /** Whether a sentence is left to speak. */
    boolean hasNext();
}
