package org.assistantapi.workers;

/**
 * How the synthesis thread orders its jobs.
 *
 * @param order          which job speaks next
 * @param maxAheadMicros with {@link TurnOrder#DEADLINE}, a job whose listener has more audio in
 *                       hand than this waits until it has less
 */
record Scheduling(TurnOrder order, long maxAheadMicros) {

    static final TurnOrder DEFAULT_ORDER = TurnOrder.DEADLINE;
    static final int DEFAULT_MAX_AHEAD_MS = 10_000;

    static Scheduling defaults() {
        return new Scheduling(DEFAULT_ORDER, DEFAULT_MAX_AHEAD_MS * 1_000L);
    }
}
