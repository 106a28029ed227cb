package org.assistantapi.core;

/** Why core could not speak a request. Transports map the reason to their own error shape. */
public final class SpeechException extends Exception {

    /** The reasons, each with the request field at fault when there is one. */
    public enum Reason {
        INVALID_INPUT("input"),
        INPUT_TOO_LONG("input"),
        /** The input's audio would clearly be longer than the limit. */
        AUDIO_TOO_LONG("input"),
        VOICE_NOT_FOUND("voice"),
        INVALID_SPEAKER("voice"),
        UNSUPPORTED_FORMAT("response_format"),
        UNSUPPORTED_SAMPLE_RATE("sample_rate"),
        INVALID_SPEED("speed"),
        /** The voice exists but its files could not be loaded. */
        VOICE_UNAVAILABLE("voice"),
        /** No worker is ready, or none answered in time. */
        NOT_READY(null),
        /** The text made a worker crash (a native engine's bug) once: it is not sent to a worker again. */
        INPUT_CRASHED_ENGINE("input"),
        /** The worker serving the stream died or failed mid-way. */
        WORKER_FAILED(null),
        /** The stream's reader took nothing for too long; its job was cancelled. */
        CLIENT_STALLED(null),
        /** No session has that id (never had, or it ended, expired or was cancelled). */
        SESSION_NOT_FOUND(null),
        /** The session was closed: it takes no more text. */
        SESSION_CLOSED(null),
        /** The session's audio already has a reader. */
        READER_BUSY(null),
        /** As many sessions are open as the server allows. */
        TOO_MANY_SESSIONS(null),
        /** The session holds as much unspoken text as it may. */
        PENDING_TEXT_LIMIT("text");

        private final String param;

        Reason(String param) {
            this.param = param;
        }

        /** The request field at fault, or null. */
        public String param() {
            return param;
        }
    }

    private final Reason reason;

    public SpeechException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Maps a worker's failure code to a reason. */
    static SpeechException fromWorker(String code, String message) {
        Reason reason = switch (code) {
            case "voice_not_found" -> Reason.VOICE_NOT_FOUND;
            case "invalid_speaker" -> Reason.INVALID_SPEAKER;
            case "unsupported_format" -> Reason.UNSUPPORTED_FORMAT;
            case "unsupported_sample_rate" -> Reason.UNSUPPORTED_SAMPLE_RATE;
            case "voice_unavailable" -> Reason.VOICE_UNAVAILABLE;
            default -> Reason.WORKER_FAILED;
        };
        return new SpeechException(reason, message);
    }
}
