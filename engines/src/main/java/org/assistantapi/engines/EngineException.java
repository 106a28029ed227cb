package org.assistantapi.engines;

/**
 * A failure an engine can name. The code is stable and travels to clients: {@code voice_not_found},
 * {@code invalid_speaker}, {@code voice_unavailable} (files present but unusable) or
 * {@code synthesis_failed}.
 */
public class EngineException extends Exception {

    public static final String VOICE_NOT_FOUND = "voice_not_found";
    public static final String INVALID_SPEAKER = "invalid_speaker";
    public static final String VOICE_UNAVAILABLE = "voice_unavailable";
    public static final String SYNTHESIS_FAILED = "synthesis_failed";

    private final String code;

    public EngineException(String code, String message) {
        super(message);
        this.code = code;
    }

    public EngineException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
