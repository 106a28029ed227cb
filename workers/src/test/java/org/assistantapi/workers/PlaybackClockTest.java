package org.assistantapi.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class PlaybackClockTest {

    private static final long MS = 1_000_000;

    @Test
    void beforeItsFirstAudioAJobsSlackIsMinusTheListenersWait() {
        PlaybackClock clock = new PlaybackClock();
        assertEquals(0, clock.slackMicros(0, false));
        clock.textCame(100 * MS, false);
        assertEquals(-50_000, clock.slackMicros(150 * MS, true));
        assertFalse(clock.started());
    }

    @Test
    void slackIsTheAudioDeliveredMinusTheTimeSinceTheFirstAudio() {
        PlaybackClock clock = new PlaybackClock();
        clock.textCame(0, false);
        clock.delivered(3_000_000, 200 * MS, true);
        assertEquals(2_000_000, clock.slackMicros(1_200 * MS, true));
        clock.delivered(1_000_000, 1_200 * MS, true);
        assertEquals(-1_000_000, clock.slackMicros(5_200 * MS, true), "stalled a second, text waiting");
    }

    @Test
    void withoutTextWaitingTheListenerWaitsForTheAssistantNotForUs() {
        PlaybackClock clock = new PlaybackClock();
        clock.textCame(0, false);
        clock.delivered(2_000_000, 0, true);
        assertEquals(0, clock.slackMicros(10_000 * MS, false), "heard everything, nothing to say: not late");
        clock.textCame(10_000 * MS, false);
        assertEquals(-500_000, clock.slackMicros(10_500 * MS, true), "late only from when text came");
    }
}
