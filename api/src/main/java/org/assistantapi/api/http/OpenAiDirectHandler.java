package org.assistantapi.api.http;

import java.util.Locale;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Errors Helidon answers itself, before any route (a request line too long, bad headers, a broken
 * request), in OpenAI's shape like every other error: the code is the status's reason phrase
 * ({@code uri_too_long}, {@code bad_request}). A 4xx says what Helidon said, its first line only
 * (some of its messages go on with a dump of the request's bytes); a 5xx says nothing of the
 * exception behind it. A body framing Helidon refuses (two lengths, a signed one, a length beside
 * a transfer coding: it says only "Bad Request") gets {@link RequestFraming}'s error, the one
 * {@link ConnectionFilter} gives when Helidon lets such a request through.
 */
final class OpenAiDirectHandler implements DirectHandler {

    private static final int MAX_MESSAGE = 200;

    static DirectHandlers all() {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, new OpenAiDirectHandler());
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        OpenAiError error = status == Status.BAD_REQUEST_400
                ? RequestFraming.refusal(request.headers()).orElseGet(() -> said(status, message))
                : said(status, message);
        return TransportResponse.builder()
                .status(error.status())
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .keepAlive(eventType.keepAlive())
                .entity(error.body())
                .build();
    }

    /** The error as Helidon put it. */
    private static OpenAiError said(Status status, String message) {
        boolean server = status.code() >= 500;
        String code = status.reasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String said = server ? "" : OpenAiError.firstLine(message);
        String text = said.isEmpty() ? status.reasonPhrase() : said;
        return new OpenAiError(status, server ? "server_error" : "invalid_request_error", null, code,
                text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text);
    }
}
