package org.assistantapi.workers.protocol;

import java.util.Locale;

/**
 * Why a worker could not start or finish a job, as a {@link FromWorker.Failed} frame carries it.
 * On the wire it is the lower-case name ({@code invalid_speaker}), the same word as an engine's
 * {@code EngineException} code, so engine codes map by name.
 */
public enum FailureCode {
    /** No engine has that voice. */
    VOICE_NOT_FOUND,
    /** The voice has no such speaker. */
    INVALID_SPEAKER,
    /** The voice's files are present but could not be loaded. */
    VOICE_UNAVAILABLE,
    /** This worker cannot encode the format. */
    UNSUPPORTED_FORMAT,
    /** The format cannot be encoded at the sample rate asked for. */
    UNSUPPORTED_SAMPLE_RATE,
    /** Anything else: the engine or encoder failed. */
    SYNTHESIS_FAILED;

    /** The code as written on the wire and in engine exceptions. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The failure a code names; an unknown code (a newer engine's) is {@link #SYNTHESIS_FAILED}. */
    public static FailureCode of(String code) {
        for (FailureCode failure : values()) {
            if (failure.code().equals(code)) {
                return failure;
            }
        }
        return SYNTHESIS_FAILED;
    }
}
