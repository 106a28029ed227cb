package org.assistantapi.workers;

import java.time.Duration;
import java.util.List;

/**
 * How the synthesis thread orders its jobs.
 *
 * @param order          which job speaks next
 * @param maxAheadMicros with {@link TurnOrder#DEADLINE}, a job whose listener has more audio in
 *                       hand than this waits until it has less
 * @param sharedTurn     with {@link TurnOrder#DEADLINE}, the longest turn one job gets while other
 *                       jobs share the worker, ready or not: about the longest a job that becomes
 *                       ready (a new one, a session's next text) waits for the turn before its own
 */
record Scheduling(TurnOrder order, long maxAheadMicros, Duration sharedTurn) {

    static final TurnOrder DEFAULT_ORDER = TurnOrder.DEADLINE;
    static final int DEFAULT_MAX_AHEAD_MS = 10_000;
    static final int DEFAULT_SHARED_TURN_MS = 50;

    static Scheduling defaults() {
        return new Scheduling(DEFAULT_ORDER, DEFAULT_MAX_AHEAD_MS * 1_000L, Duration.ofMillis(DEFAULT_SHARED_TURN_MS));
    }

    /** The job that speaks next among {@code jobs} (see {@link TurnOrder#next}). */
    TurnOrder.Turn next(List<Job> jobs, long nowNanos) {
        return order.next(jobs, nowNanos, maxAheadMicros, sharedTurn);
    }
}
