package org.assistantapi.engines;

/** A loaded voice, ready to speak. Not thread-safe: a worker uses one voice from one thread at a time. */
public interface Voice extends AutoCloseable {

    VoiceInfo info();

    /**
     * Splits text into sentences by this engine's rule and prepares them; nothing is synthesized
     * until {@link Synthesis#speakNext} is called, so the caller decides when each sentence runs.
     *
     * @throws EngineException {@code invalid_speaker} when the options name a speaker the voice lacks
     */
    Synthesis synthesize(String text, SynthesisOptions options) throws EngineException;

    /**
     * The sentences {@link #synthesize} would speak for this text, each with its phonemes, without
     * synthesizing anything (a dry run).
     */
    java.util.List<SpokenSentence> phonemize(String text) throws EngineException;

    @Override
    void close();
}
