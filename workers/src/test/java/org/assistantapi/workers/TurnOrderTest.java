package org.assistantapi.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.assistantapi.engines.Synthesis;
import org.junit.jupiter.api.Test;

class TurnOrderTest {

    @Test
    void aJobAloneHasNoBudget() {
        assertEquals(Synthesis.NO_BUDGET, TurnOrder.budget(List.of()));
    }

    @Test
    void theBudgetServesEveryOtherListenerBeforeItRunsDry() {
        // 300 ms for the next in line; the one after it waits for two turns: 400 / 2.
        assertEquals(Duration.ofMillis(200), TurnOrder.budget(List.of(400_000L, 300_000L)));
        assertEquals(Duration.ofMillis(250), TurnOrder.budget(List.of(250_000L, 4_000_000L)));
        assertEquals(Duration.ofNanos(333_333_000), TurnOrder.budget(List.of(1_000_000L, 1_000_000L, 1_000_000L)));
    }

    @Test
    void aListenerAlreadyWaitingLeavesNoBudget() {
        assertEquals(Duration.ZERO, TurnOrder.budget(List.of(900_000L, -5_000L)));
    }
}
