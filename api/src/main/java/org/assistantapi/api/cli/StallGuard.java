package org.assistantapi.api.cli;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response body on which no byte arrived for a while, or that is still arriving at the
 * command's deadline, which fails the blocked read: java.net.http has timeouts for connecting and
 * for the response headers, none for the body. A server that trickles a byte now and then is
 * caught by the deadline.
 */
final class StallGuard implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("download-stall-guard").factory());

    private final Closeable body;
    private final long timeoutNanos;
    private final long deadlineNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean fired;

    /** @param deadlineNanos the {@link System#nanoTime()} by which the whole command must be done */
    StallGuard(Closeable body, Duration timeout, long deadlineNanos) {
        this.body = body;
        this.timeoutNanos = timeout.toNanos();
        this.deadlineNanos = deadlineNanos;
        long period = Math.max(10, timeout.toMillis() / 4);
        this.check = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Bytes arrived. */
    void progressed() {
        lastProgress = System.nanoTime();
    }

    /** Whether the body was closed for stalling. */
    boolean fired() {
        return fired;
    }

    private void check() {
        long now = System.nanoTime();
        if (!fired && (now - lastProgress > timeoutNanos || now - deadlineNanos > 0)) {
            fired = true;
            try {
                body.close();
            } catch (IOException e) {
                // closing is best effort; the reader sees the stall through fired()
            }
        }
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
