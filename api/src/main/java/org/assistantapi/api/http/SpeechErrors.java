package org.assistantapi.api.http;

import io.helidon.http.Status;

import org.assistantapi.core.SpeechException;

/** Maps core's reasons to HTTP statuses and OpenAI error codes. */
final class SpeechErrors {

    private SpeechErrors() {
    }

    static OpenAiError toHttp(SpeechException e) {
        SpeechException.Reason reason = e.reason();
        String code = reason.name().toLowerCase(java.util.Locale.ROOT);
        return switch (reason) {
            case NOT_READY -> new OpenAiError(Status.SERVICE_UNAVAILABLE_503, "server_error", null, code, e.getMessage());
            case VOICE_UNAVAILABLE, WORKER_FAILED, CLIENT_STALLED ->
                    new OpenAiError(Status.SERVICE_UNAVAILABLE_503, "server_error", reason.param(), code, e.getMessage());
            case SESSION_NOT_FOUND -> new OpenAiError(Status.NOT_FOUND_404, "invalid_request_error", null, code, e.getMessage());
            case SESSION_CLOSED, READER_BUSY -> new OpenAiError(Status.CONFLICT_409, "invalid_request_error", null, code, e.getMessage());
            case TOO_MANY_SESSIONS -> new OpenAiError(Status.TOO_MANY_REQUESTS_429, "rate_limit_error", null, code, e.getMessage());
            default -> OpenAiError.invalid(reason.param(), code, e.getMessage());
        };
    }
}
