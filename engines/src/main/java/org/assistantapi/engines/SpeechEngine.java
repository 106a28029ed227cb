package org.assistantapi.engines;

import java.util.List;

/** One family of voices (espeak-ng, Piper): lists the voices it can speak and loads them. */
public interface SpeechEngine extends AutoCloseable {

    /** The engine's name, which is also the voice family in voice listings ({@code espeak}, {@code piper}). */
    String name();

    /** The voices this engine can load, discovered without loading any model. */
    List<VoiceInfo> voices();

    /**
     * Looks at the voice files again (an engine with none has nothing to do). Called from one
     * thread at a time while others load voices; a voice in the middle of being written is not
     * offered until its files have settled and read correctly.
     */
    default VoiceChanges refresh() {
        return VoiceChanges.NONE;
    }

    /** What identifies the files a voice loads from now (size and time), so that a replaced voice shows; empty for built-in voices. */
    default String revision(String voiceId) {
        return "";
    }

    /**
     * Loads a voice so it can speak. May be slow (a model is read); callers cache the result.
     *
     * @throws EngineException {@code voice_not_found} for an id this engine does not have,
     *                         {@code voice_unavailable} when the voice's files cannot be used
     */
    Voice load(String voiceId) throws EngineException;

    @Override
    void close();
}
