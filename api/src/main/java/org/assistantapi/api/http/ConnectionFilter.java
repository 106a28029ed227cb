package org.assistantapi.api.http;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The connection's side of every request. Refuses a body framed in a way the server does not read
 * ({@link RequestFraming}) and closes the connection after the response when the client asked
 * for that ({@code Connection: close}) or when a request body over the body limit was left unread
 * (a refused request: such a body is never drained). Helidon (4.4, 4.5 still) would echo
 * {@code Connection: close} and then read the next request, and 4.4 would drain any unread body to
 * its end. A small unread body is still drained, so that the connection stays usable and a client
 * still sending it does not meet a reset instead of its response.
 */
final class ConnectionFilter implements Filter {

    private final long maxDrainBytes;

    /** {@code maxDrainBytes}: the longest unread body drained after a response; a longer one closes the connection. */
    ConnectionFilter(long maxDrainBytes) {
        this.maxDrainBytes = maxDrainBytes;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<OpenAiError> refusal = RequestFraming.refusal(req.headers());
        if (refusal.isPresent()) {
            // Whatever follows the headers is not read: it could be taken for the next request.
            res.header(HeaderValues.CONNECTION_CLOSE);
            refusal.get().send(res);
            throw new CloseConnectionException("request refused for its framing: " + refusal.get().code());
        }
        // Decided when the response leaves (errors included: the routing's error handlers run inside the chain).
        res.beforeSend(() -> {
            if (closesAfterResponse(req)) {
                res.header(HeaderValues.CONNECTION_CLOSE);
            }
        });
        chain.proceed();
        if (closesAfterResponse(req)) {
            throw new CloseConnectionException("closed after the response: the client asked, or a long body was not read");
        }
    }

    private boolean closesAfterResponse(RoutingRequest req) {
        return !req.content().consumed() && req.headers().contentLength().orElse(0) > maxDrainBytes
                || req.headers().values(HeaderNames.CONNECTION).stream()
                        .anyMatch(option -> option.strip().equalsIgnoreCase("close"));
    }
}
