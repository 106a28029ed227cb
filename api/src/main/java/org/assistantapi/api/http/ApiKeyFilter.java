package org.assistantapi.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import org.assistantapi.api.config.AuthSettings;

/**
 * Lets a request through only with {@code Authorization: Bearer <one of the keys>}, as OpenAI's
 * clients send it; else 401 in OpenAI's shape. Keys are compared as SHA-256 hashes with
 * {@link MessageDigest#isEqual}, against every key, so the time taken tells nothing about a key.
 */
final class ApiKeyFilter implements Filter {

    private static final String BEARER = "bearer ";

    private final List<byte[]> keyHashes;
    private final Set<String> openPaths;

    /** {@code openPaths}: exact paths that need no key (health, metrics, as configured). */
    ApiKeyFilter(AuthSettings auth, Set<String> openPaths) {
        this.keyHashes = auth.apiKeys().stream().map(ApiKeyFilter::sha256).toList();
        this.openPaths = Set.copyOf(openPaths);
    }

    private static final int NO_KEY = -2;
    private static final int INVALID_KEY = -1;

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        int index = keyIndex(req);
        if (index >= 0) {
            // Also on open paths: there a valid key shows more (the details of /health).
            req.context().register(new Caller("key-" + (index + 1)));
        } else if (!openPaths.contains(req.path().path())) {
            (index == NO_KEY
                    ? unauthorized("missing_api_key", "no API key: send it as 'Authorization: Bearer <key>'")
                    : unauthorized("invalid_api_key", "the API key is not valid")).send(res);
            return;
        }
        chain.proceed();
    }

    /** The number of the request's key, {@link #NO_KEY} or {@link #INVALID_KEY}. */
    private int keyIndex(RoutingRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return NO_KEY;
        }
        return indexOf(sha256(header.substring(BEARER.length()).strip()));
    }

    /** Compares with every key, not stopping at a match. */
    private int indexOf(byte[] hash) {
        int found = -1;
        for (int i = 0; i < keyHashes.size(); i++) {
            if (MessageDigest.isEqual(keyHashes.get(i), hash)) {
                found = i;
            }
        }
        return found;
    }

    private static OpenAiError unauthorized(String code, String message) {
        return new OpenAiError(Status.UNAUTHORIZED_401, "invalid_request_error", null, code, message);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
