package org.assistantapi.api.http;

import java.util.regex.Pattern;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * One access log line per request (and its metrics): request id, method, path, status, voice,
 * format, bytes, time to first audio byte and duration. Headers are never logged (API keys). The id is the client's {@code X-Request-Id} if it sent a sane
 * one, else a random one; either way it is echoed in the response's {@code X-Request-Id}.
 */
public final class AccessLogFilter implements Filter {

    /** The logger the access lines go to (its own file, see the logging setup). */
    public static final String LOGGER = "org.assistantapi.access";

    private static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final Metrics metrics;

    /** {@code metrics}: where finished requests are counted too; null when metrics are off. */
    AccessLogFilter(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        AccessEntry entry = new AccessEntry(requestId(req), req.prologue().method().text(), req.path().path(), System.nanoTime());
        req.context().register(entry);
        res.header(REQUEST_ID, entry.id());
        res.whenSent(() -> finish(entry, req, res, false));
        try {
            chain.proceed();
        } catch (CloseConnectionException e) {
            // A response cut off midway is never "sent"; log it here.
            finish(entry, req, res, true);
            throw e;
        }
    }

    private void finish(AccessEntry entry, RoutingRequest req, RoutingResponse res, boolean cutOff) {
        int status = res.status().code();
        if (entry.log(status, res.bytesWritten(), cutOff) && metrics != null) {
            String route = req.matchingPattern().filter(pattern -> !pattern.isEmpty()).orElse(Metrics.UNMATCHED);
            metrics.record(SynthesisLog.HTTP, route, status, entry.elapsedNanos(), entry.firstByteAfterNanos());
        }
    }

    private static String requestId(RoutingRequest req) {
        return req.headers().first(REQUEST_ID)
                .filter(id -> CLIENT_ID.matcher(id).matches())
                .orElseGet(AccessEntry::randomId);
    }
}
