package org.assistantapi.api.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.http.Status;

/**
 * Counts one-shot speech streams, all together and per API key, and refuses one over either limit
 * with 429 (and {@code Retry-After}) before any worker is asked.
 */
final class StreamLimits {

    private final int maxStreams;
    private final int maxPerKey;
    private final AtomicInteger streams = new AtomicInteger();
    private final Map<String, AtomicInteger> perKey = new ConcurrentHashMap<>();

    StreamLimits(int maxStreams, int maxPerKey) {
        this.maxStreams = maxStreams;
        this.maxPerKey = maxPerKey;
    }

    /** A place for one stream of {@code caller}, given back by closing it. */
    Permit acquire(Caller caller) {
        if (streams.incrementAndGet() > maxStreams) {
            streams.decrementAndGet();
            throw tooMany("the server has " + maxStreams + " speech streams open, its limit");
        }
        if (caller.key() == null) {
            return streams::decrementAndGet;
        }
        AtomicInteger mine = perKey.computeIfAbsent(caller.key(), key -> new AtomicInteger());
        if (mine.incrementAndGet() > maxPerKey) {
            mine.decrementAndGet();
            streams.decrementAndGet();
            throw tooMany("this API key has " + maxPerKey + " speech streams open, its limit");
        }
        return () -> {
            mine.decrementAndGet();
            streams.decrementAndGet();
        };
    }

    /** Streams open now. */
    int active() {
        return streams.get();
    }

    private static OpenAiError tooMany(String message) {
        return new OpenAiError(Status.TOO_MANY_REQUESTS_429, "rate_limit_error", null, "too_many_streams", message);
    }

    @FunctionalInterface
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
