package org.assistantapi.api.http;

import io.helidon.webserver.http.ServerRequest;

/**
 * Who sent a request, as far as the server tells callers apart: the configured API key's number
 * ({@code key-1}, ...), never the key itself; null when the server has no keys.
 */
record Caller(String key) {

    private static final Caller ANONYMOUS = new Caller(null);

    /** The caller the key filter registered, else anonymous (no keys, or an open route). */
    static Caller of(ServerRequest req) {
        return req.context().get(Caller.class).orElse(ANONYMOUS);
    }
}
