package org.assistantapi.workers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** When new work stops the turn in progress ({@link Scheduling#preempts}). */
class SchedulingTest {

    private static final long NOW = 1_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void newWorkPreemptsATurnWhoseListenerIsDueAtLeastTheMarginLater() {
        Scheduling deadline = Scheduling.defaults();
        assertTrue(deadline.preempts(NOW + 2 * SECOND, NOW), "a new request beside a listener 2 s ahead");
        assertTrue(deadline.preempts(NOW + SECOND, NOW - 3 * SECOND), "a session's text for a listener dry for 3 s");
        assertTrue(deadline.preempts(NOW + SECOND / 2, NOW), "exactly the margin");
        assertFalse(deadline.preempts(NOW + SECOND / 4, NOW), "the turn's listener is due soon too");
        assertFalse(deadline.preempts(NOW - SECOND, NOW), "the turn's listener is waiting already (a first audio)");
        assertFalse(deadline.preempts(NOW + 2 * SECOND, NOW + 3 * SECOND), "a session's text for a listener further ahead");
    }

    @Test
    void theRoundRobinNeverPreempts() {
        Scheduling defaults = Scheduling.defaults();
        Scheduling roundRobin = new Scheduling(TurnOrder.ROUND_ROBIN, defaults.maxAheadMicros(), defaults.sharedTurn(),
                Duration.ZERO);
        assertFalse(roundRobin.preempts(NOW + 60 * SECOND, NOW));
    }
}
