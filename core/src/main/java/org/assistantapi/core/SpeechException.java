package org.assistantapi.core;

import org.assistantapi.workers.protocol.FailureCode;

/** Why core could not speak a request. Transports map the reason to their own error shape. */
public final class SpeechException extends Exception {

    /** What went wrong; transports name the field at fault and choose their status and wording. */
    public enum Reason {
        /** The text is empty. */
        INVALID_INPUT,
        /** The text is longer than one request may be. */
        INPUT_TOO_LONG,
        /** The text's audio would clearly be longer than one request may be. */
        AUDIO_TOO_LONG,
        /** No voice by that name (or model mapping). */
        VOICE_NOT_FOUND,
        /** The voice has no such speaker. */
        INVALID_SPEAKER,
        /** No worker can encode that format. */
        UNSUPPORTED_FORMAT,
        /** The format cannot be encoded at that sample rate. */
        UNSUPPORTED_SAMPLE_RATE,
        /** The speed is outside what voices can do. */
        INVALID_SPEED,
        /** The voice exists but its files could not be loaded. */
        VOICE_UNAVAILABLE,
        /** No worker is ready, or none answered in time. */
        NOT_READY,
        /** The text made a worker crash (a native engine's bug) once: it is not sent to a worker again. */
        INPUT_CRASHED_ENGINE,
        /** The worker serving the stream died or failed mid-way. */
        WORKER_FAILED,
        /** The stream's reader took nothing for too long; its job was cancelled. */
        CLIENT_STALLED,
        /** No session has that id (never had, or it ended, expired or was cancelled). */
        SESSION_NOT_FOUND,
        /** The session was closed: it takes no more text. */
        SESSION_CLOSED,
        /** The session's audio already has a reader. */
        READER_BUSY,
        /** As many one-shot streams are open as the server, or the owner, may have. */
        TOO_MANY_STREAMS,
        /** As many sessions are open as the server, or the owner, may have. */
        TOO_MANY_SESSIONS,
        /** The session holds as much unspoken text as it may. */
        PENDING_TEXT_LIMIT
    }

    private final Reason reason;

    public SpeechException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The reason for a worker's failure. */
    static SpeechException fromWorker(FailureCode code, String message) {
        Reason reason = switch (code) {
            case VOICE_NOT_FOUND -> Reason.VOICE_NOT_FOUND;
            case INVALID_SPEAKER -> Reason.INVALID_SPEAKER;
            case UNSUPPORTED_FORMAT -> Reason.UNSUPPORTED_FORMAT;
            case UNSUPPORTED_SAMPLE_RATE -> Reason.UNSUPPORTED_SAMPLE_RATE;
            case VOICE_UNAVAILABLE -> Reason.VOICE_UNAVAILABLE;
            case SYNTHESIS_FAILED -> Reason.WORKER_FAILED;
        };
        return new SpeechException(reason, message);
    }
}
