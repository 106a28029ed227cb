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
 * @param preemptMargin  with {@link TurnOrder#DEADLINE}, how much sooner than the listener of the job
 *                       in turn another job's listener must be due for that job's new work to stop
 *                       the turn (see {@link #preempts})
 */
record Scheduling(TurnOrder order, long maxAheadMicros, Duration sharedTurn, Duration preemptMargin) {

    static final TurnOrder DEFAULT_ORDER = TurnOrder.DEADLINE;
    static final int DEFAULT_MAX_AHEAD_MS = 10_000;
    static final int DEFAULT_SHARED_TURN_MS = 50;
    static final int DEFAULT_PREEMPT_MARGIN_MS = 500;

    static Scheduling defaults() {
        return new Scheduling(DEFAULT_ORDER, DEFAULT_MAX_AHEAD_MS * 1_000L, Duration.ofMillis(DEFAULT_SHARED_TURN_MS),
                Duration.ofMillis(DEFAULT_PREEMPT_MARGIN_MS));
    }

    /** The job that speaks next among {@code jobs} (see {@link TurnOrder#next}). */
    TurnOrder.Turn next(List<Job> jobs, long nowNanos) {
        return order.next(jobs, nowNanos, maxAheadMicros, sharedTurn);
    }

    /**
     * Whether work that came for a listener due at {@code dueNanos} (a new request's: now; a
     * session's next text: when its listener runs dry) stops the turn of a job whose listener runs
     * dry at {@code turnDryAtNanos}. With the deadline order, when it is due at least the margin
     * sooner: the job in turn then loses the compute it spent (at most one window) and speaks that
     * part again after the other's, with time to spare (with the medium voice here a first audio
     * costs ~60 ms, a 4 s window ~200 ms; the default margin is twice their sum). The round robin
     * never preempts.
     */
    boolean preempts(long turnDryAtNanos, long dueNanos) {
        return order == TurnOrder.DEADLINE && turnDryAtNanos - dueNanos >= preemptMargin.toNanos();
    }
}
