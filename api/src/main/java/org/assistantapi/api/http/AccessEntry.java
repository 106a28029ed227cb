package org.assistantapi.api.http;

import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import io.helidon.webserver.http.ServerRequest;

/**
 * What the access log says about one request. The filter creates it; handlers add what only they
 * know (the voice, the format, when the first audio left) through the request's context.
 */
final class AccessEntry {

    private static final Logger LOG = Logger.getLogger(AccessLogFilter.LOGGER);

    private final String id;
    private final String method;
    private final String path;
    private final long startNanos;
    private final AtomicBoolean logged = new AtomicBoolean();
    private volatile String voice;
    private volatile String format;
    private volatile long firstByteNanos;

    AccessEntry(String id, String method, String path, long startNanos) {
        this.id = id;
        this.method = method;
        this.path = path;
        this.startNanos = startNanos;
    }

    /** An id for a request whose client sent none. */
    static String randomId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** The entry the access log filter registered for this request. */
    static AccessEntry of(ServerRequest req) {
        return req.context().get(AccessEntry.class).orElseThrow();
    }

    String id() {
        return id;
    }

    /** The voice as the client named it (null: the default voice) and the response format. */
    void speech(String requestedVoice, String responseFormat) {
        this.voice = requestedVoice == null ? "default" : requestedVoice;
        this.format = responseFormat;
    }

    /** Marks the first body bytes leaving; later calls change nothing. */
    void firstByte() {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
    }

    /**
     * Writes the line, once; {@code cutOff} when the response ended without its last chunk. False
     * when it was written already.
     */
    boolean log(int status, long bytes, boolean cutOff) {
        if (!logged.compareAndSet(false, true)) {
            return false;
        }
        long now = System.nanoTime();
        LOG.info(String.format(Locale.ROOT, "%s %s %s status=%d%s voice=%s format=%s bytes=%d ttfb_ms=%s ms=%d",
                id, method, path, status, cutOff ? " cut_off" : "", orDash(voice), orDash(format), bytes,
                firstByteNanos == 0 ? "-" : String.valueOf(millis(firstByteNanos)), millis(now)));
        return true;
    }

    /** Nanoseconds from the request to now. */
    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** Nanoseconds from the request to its first audio byte, or -1 if none left. */
    long firstByteAfterNanos() {
        return firstByteNanos == 0 ? -1 : firstByteNanos - startNanos;
    }

    private long millis(long nanos) {
        return (nanos - startNanos) / 1_000_000;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
