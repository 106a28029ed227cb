package org.assistantapi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlaybackMeterTest {

    @Test
    void everyDeliveryIsObservedAndOnlyAWaitIsAStall() {
        PlaybackMeter meter = new PlaybackMeter();
        meter.record(3_000_000, 0);
        meter.record(-400_000, 400_000);
        meter.record(-300_000, 0); // late since that stall, and catching up: the listener hears on
        meter.record(0, 0);
        meter.record(-2_500_000, 100_000);
        PlaybackTotals totals = meter.totals();
        assertEquals(5, totals.slackSeconds().count());
        assertEquals(-0.2, totals.slackSeconds().sum(), 1e-9);
        int zero = totals.slackSeconds().upperBounds().indexOf(0.0);
        assertEquals(4, totals.slackSeconds().cumulative().get(zero), "four at or below zero");
        int minusTwo = totals.slackSeconds().upperBounds().indexOf(-2.0);
        assertEquals(1, totals.slackSeconds().cumulative().get(minusTwo));
        assertEquals(2, totals.stalls());
        assertEquals(0.5, totals.stalledSeconds(), 1e-9);
    }
}
