package org.assistantapi.api.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * HTTP(S) GETs for the catalog and voice files, with timeouts on connecting, on the response
 * headers and on a body that stops arriving, and one deadline for everything it fetches. Every
 * failure is a {@link DownloadException} whose message names the URL and the reason.
 */
final class HttpFetcher {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);
    /** The default for {@code voices download --timeout}: the whole command, catalog and every file. */
    static final Duration TOTAL_TIMEOUT = Duration.ofHours(1);

    private static final int BUFFER_BYTES = 64 * 1024;

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration stallTimeout;
    private final Duration totalTimeout;
    private final long deadlineNanos;

    /** The deadline, {@code totalTimeout}, starts now. */
    HttpFetcher(Duration connectTimeout, Duration stallTimeout, Duration totalTimeout) {
        // Hugging Face answers resolve/ URLs with a redirect to its CDN.
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.connectTimeout = connectTimeout;
        this.stallTimeout = stallTimeout;
        this.totalTimeout = totalTimeout;
        this.deadlineNanos = System.nanoTime() + totalTimeout.toNanos();
    }

    /** The same timeouts with another deadline, starting now. */
    HttpFetcher withTotalTimeout(Duration total) {
        return new HttpFetcher(connectTimeout, stallTimeout, total);
    }

    /** The whole body of {@code uri}, at most {@code maxBytes}. */
    byte[] fetch(URI uri, long maxBytes) throws DownloadException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fetch(uri, body, maxBytes, done -> { });
        return body.toByteArray();
    }

    /**
     * Streams the body of {@code uri} into {@code sink}, reporting the bytes done so far, and
     * returns the byte count; a body longer than {@code maxBytes} is cut off as an error.
     */
    long fetch(URI uri, OutputStream sink, long maxBytes, LongConsumer progress) throws DownloadException {
        HttpResponse<InputStream> response = send(uri);
        try (InputStream body = response.body(); StallGuard guard = new StallGuard(body, stallTimeout, deadlineNanos)) {
            if (response.statusCode() != 200) {
                throw new DownloadException(uri + ": HTTP " + response.statusCode());
            }
            byte[] buffer = new byte[BUFFER_BYTES];
            long done = 0;
            for (int n = read(uri, body, buffer, guard); n >= 0; n = read(uri, body, buffer, guard)) {
                done += n;
                if (done > maxBytes) {
                    throw new DownloadException(uri + ": more than the expected " + maxBytes + " bytes");
                }
                try {
                    sink.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new DownloadException("cannot write the download of " + uri + ": " + describe(e), e);
                }
                progress.accept(done);
            }
            return done;
        } catch (IOException e) {
            throw new DownloadException(uri + ": " + describe(e), e); // from closing the body
        }
    }

    private HttpResponse<InputStream> send(URI uri) throws DownloadException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new DownloadException(uri + ": " + pastDeadline());
        }
        Duration headers = Duration.ofNanos(Math.min(left, stallTimeout.toNanos()));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(headers).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DownloadException("cannot fetch " + uri + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException("interrupted while fetching " + uri, e);
        }
    }

    private int read(URI uri, InputStream body, byte[] buffer, StallGuard guard) throws DownloadException {
        try {
            int n = body.read(buffer);
            if (guard.fired()) {
                throw new IOException("stalled"); // the guard may have closed the body as a read returned
            }
            guard.progressed();
            return n;
        } catch (IOException e) {
            if (!guard.fired()) {
                throw new DownloadException("download of " + uri + " broke off: " + describe(e), e);
            }
            throw new DownloadException(uri + ": " + (System.nanoTime() - deadlineNanos > 0
                    ? pastDeadline() : "no data for " + seconds(stallTimeout) + ", giving up"), e);
        }
    }

    private String pastDeadline() {
        return "not done within the --timeout of " + seconds(totalTimeout) + ", giving up";
    }

    /** A one-line reason: java.net.http often throws exceptions without a message. */
    private String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + seconds(connectTimeout);
        }
        if (e instanceof HttpTimeoutException) {
            return System.nanoTime() - deadlineNanos > 0 ? pastDeadline() : "no response within " + seconds(stallTimeout);
        }
        if (causes(e).anyMatch(cause -> cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException)) {
            return "cannot resolve the host name";
        }
        if (causes(e).anyMatch(ConnectException.class::isInstance)) {
            return "cannot connect (refused or unreachable)";
        }
        return causes(e).map(Throwable::getMessage)
                .filter(message -> message != null && !message.isBlank())
                .findFirst()
                .orElse(e.getClass().getSimpleName());
    }

    private static Stream<Throwable> causes(Throwable e) {
        return Stream.iterate(e, Objects::nonNull, Throwable::getCause);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
