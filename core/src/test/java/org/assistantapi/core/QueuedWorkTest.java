package org.assistantapi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QueuedWorkTest {

    @Test
    void unspokenTextCostsEachVoicesMeasuredSecondsPerCharacter() {
        SynthesisMeter meter = new SynthesisMeter();
        meter.record("medium", 100, 5_000_000, 400_000); // 4 ms per character
        meter.record("espeak", 1_000, 60_000_000, 10_000); // 0.01 ms per character
        QueuedWork work = new QueuedWork();
        work.started(1, "medium", "x".repeat(50));
        work.started(2, "espeak", "x".repeat(1_000));
        assertEquals(50 * 0.004 + 1_000 * 0.00001, work.seconds(meter), 1e-9);

        work.appended(1, 1, "y".repeat(25));
        assertEquals(50, work.spoken(1, 0));
        work.ended(2);
        assertEquals(25 * 0.004, work.seconds(meter), 1e-9);
        assertEquals(0, work.spoken(3, 0), "an unknown job");
    }

    @Test
    void aVoiceNotMeasuredYetCostsWhatTheDearestMeasuredOneDoes() {
        SynthesisMeter meter = new SynthesisMeter();
        assertEquals(SynthesisMeter.UNMEASURED_SECONDS_PER_CHAR, meter.engineSecondsPerChar("new"));
        meter.record("cheap", 100, 1, 100);
        meter.record("dear", 100, 1, 1_000);
        meter.record("dear", 0, 1, 1_000_000); // a segment of unknown length counts for the totals only
        assertEquals(0.00001, meter.engineSecondsPerChar("new"), 1e-12);
    }
}
