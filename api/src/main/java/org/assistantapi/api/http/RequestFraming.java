package org.assistantapi.api.http;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.Status;

/**
 * How a request's body may be framed here, checked on its headers before any of the body is
 * read: one plain {@code Content-Length}, or no body. Transfer codings are refused because
 * Helidon 4.5's chunked decoder buffers a chunk-size or trailer line without limit (a line that
 * never ends takes the heap); no client of this API needs them. Anything else ambiguous (two
 * lengths, a signed one, a length beside a transfer coding) is refused rather than guessed at,
 * as RFC 9112 section 6.3 asks.
 */
final class RequestFraming {

    private static final Pattern LENGTH = Pattern.compile("[0-9]{1,18}");

    private RequestFraming() {
    }

    /** Why these headers frame a body this server does not read, or empty when they are fine. */
    static Optional<OpenAiError> refusal(Headers headers) {
        List<String> lengths = headers.all(HeaderNames.CONTENT_LENGTH, List::of);
        if (headers.contains(HeaderNames.TRANSFER_ENCODING)) {
            return Optional.of(lengths.isEmpty()
                    ? new OpenAiError(Status.LENGTH_REQUIRED_411, "invalid_request_error", null, "length_required",
                            "send the request body with Content-Length; Transfer-Encoding (chunked) request bodies"
                                    + " are not accepted")
                    : invalid("invalid_framing", "a request must not have both Content-Length and Transfer-Encoding"));
        }
        if (lengths.size() > 1 || lengths.size() == 1 && !LENGTH.matcher(lengths.getFirst()).matches()) {
            return Optional.of(invalid("invalid_content_length", "Content-Length must be one decimal number"));
        }
        return Optional.empty();
    }

    private static OpenAiError invalid(String code, String message) {
        return OpenAiError.invalid(null, code, message);
    }
}
