package org.assistantapi.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aListenerPlaysFromTheFirstAudioUntilItRestsWithNothingWaiting() {
        PlaybackClock clock = new PlaybackClock();
        clock.textCame(0, false);
        assertFalse(clock.playing(), "no audio yet");
        clock.delivered(2_000_000, 100 * MS, true);
        assertTrue(clock.playing());
        clock.textCame(1_000 * MS, false);
        assertTrue(clock.playing(), "text came while a second was left to hear");
        assertEquals(-2_000_000, clock.slackMicros(4_100 * MS, true), "then it ran dry with text waiting");
        assertEquals(2_000_000, clock.waitedMicros(), "and waited two seconds: a stall");
        clock.delivered(1_000_000, 4_100 * MS, true);
        assertEquals(0, clock.waitedMicros(), "audio came: it plays on");
        assertEquals(0, clock.slackMicros(9_000 * MS, false), "it heard everything, and nothing waits");
        assertEquals(0, clock.waitedMicros(), "it heard everything with nothing waiting: no stall");
        assertFalse(clock.playing(), "it rested: the next audio starts anew");
        clock.textCame(9_000 * MS, false);
        clock.delivered(1_000_000, 9_300 * MS, true);
        assertTrue(clock.playing());
    }

    @Test
    void afterAStallTheListenerHearsOnFromWhereItStopped() {
        PlaybackClock clock = new PlaybackClock();
        clock.textCame(0, false);
        clock.delivered(1_000_000, 0, true);
        clock.slackMicros(3_000 * MS, true);
        assertEquals(2_000_000, clock.waitedMicros());
        clock.delivered(500_000, 3_000 * MS, true);
        assertEquals(400_000, clock.slackMicros(3_100 * MS, true), "the stall is forgiven: 0.4 s of the new audio left");
        assertEquals(0, clock.waitedMicros());
        clock.delivered(500_000, 3_100 * MS, true);
        clock.slackMicros(4_100 * MS, true);
        assertEquals(100_000, clock.waitedMicros(), "it ran dry again 0.1 s ago");
    }
}
