package org.assistantapi.workers;

import java.time.Duration;

/**
 * Tells a long computation from a hung one. The synthesis thread marks the start and end of each
 * step (a piece of speech, a voice load, a control frame); the stdin reader answers core's
 * heartbeats from it. Pieces are bounded (a few seconds of work at most), so a step still running
 * after {@link #LIMIT} is stuck, not slow: the worker then stops answering heartbeats and core
 * replaces it. A long text no longer looks hung, since it is many short steps.
 */
final class HangWatch {

    /** Far above any bounded step on a loaded machine (a piece is ~1 s of work on a medium voice). */
    static final Duration LIMIT = Duration.ofSeconds(60);

    /** When the running step began, or 0 between steps. */
    private volatile long stepStartedNanos;

    void begin() {
        stepStartedNanos = Math.max(1, System.nanoTime());
    }

    void end() {
        stepStartedNanos = 0;
    }

    /** Whether the synthesis thread has been inside one step for longer than the limit. */
    boolean hung() {
        long started = stepStartedNanos;
        return started != 0 && System.nanoTime() - started > LIMIT.toNanos();
    }
}
