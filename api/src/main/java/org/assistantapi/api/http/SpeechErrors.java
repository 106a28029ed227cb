package org.assistantapi.api.http;

import java.util.Locale;

import io.helidon.http.Status;

import org.assistantapi.core.SpeechException;

/**
 * Maps core's reasons to OpenAI's error shape: the HTTP status, the error type, the request field
 * at fault ({@code param}) and the code (the reason's name in lower case), with HTTP hints added to
 * core's message where they help.
 */
final class SpeechErrors {

    private static final String INVALID = "invalid_request_error";
    private static final String SERVER = "server_error";

    private SpeechErrors() {
    }

    static OpenAiError toHttp(SpeechException e) {
        SpeechException.Reason reason = e.reason();
        String code = reason.name().toLowerCase(Locale.ROOT);
        String message = e.getMessage();
        return switch (reason) {
            case INVALID_INPUT, INPUT_TOO_LONG, AUDIO_TOO_LONG, INPUT_CRASHED_ENGINE -> OpenAiError.invalid("input", code, message);
            case VOICE_NOT_FOUND ->
                    OpenAiError.invalid("voice", code, message + "; GET /v1/audio/voices lists the voices");
            case INVALID_SPEAKER -> OpenAiError.invalid("voice", code, message);
            case UNSUPPORTED_FORMAT -> OpenAiError.invalid("response_format", code, message);
            case UNSUPPORTED_SAMPLE_RATE -> OpenAiError.invalid("sample_rate", code, message);
            case INVALID_SPEED -> OpenAiError.invalid("speed", code, message);
            case PENDING_TEXT_LIMIT -> OpenAiError.invalid("text", code, message);
            case VOICE_UNAVAILABLE -> new OpenAiError(Status.SERVICE_UNAVAILABLE_503, SERVER, "voice", code, message);
            case NOT_READY, WORKER_FAILED, CLIENT_STALLED ->
                    new OpenAiError(Status.SERVICE_UNAVAILABLE_503, SERVER, null, code, message);
            case SESSION_NOT_FOUND -> new OpenAiError(Status.NOT_FOUND_404, INVALID, null, code, message);
            case SESSION_CLOSED, READER_BUSY -> new OpenAiError(Status.CONFLICT_409, INVALID, null, code, message);
            case TOO_MANY_STREAMS, TOO_MANY_SESSIONS -> new OpenAiError(Status.TOO_MANY_REQUESTS_429, "rate_limit_error", null, code, message);
        };
    }
}
