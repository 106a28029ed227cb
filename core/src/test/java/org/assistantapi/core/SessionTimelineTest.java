package org.assistantapi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.assistantapi.workers.protocol.FromWorker;
import org.junit.jupiter.api.Test;

class SessionTimelineTest {

    private final SessionTimeline timeline = new SessionTimeline();

    private Spoken next() throws InterruptedException {
        return timeline.next(Duration.ofSeconds(1));
    }

    @Test
    void segmentsFollowEachOtherAndWordsKeepTheirPlaceInTheirJob() throws Exception {
        timeline.flushed(0, "Hello there.");
        timeline.flushed(1, "Bye.");
        timeline.word(new FromWorker.Word(1, 0, "Hello", 0, 400_000));
        timeline.word(new FromWorker.Word(1, 0, "there", 400_000, 900_000));
        timeline.segmentSpoken(0, 1_200_000);
        timeline.word(new FromWorker.Word(1, 1, "Bye", 1_200_000, 1_500_000));
        timeline.segmentSpoken(1, 500_000);
        timeline.end();
        assertEquals(new SpokenWord(0, "Hello", 0, 400_000), next());
        assertEquals(new SpokenWord(0, "there", 400_000, 900_000), next());
        assertEquals(new SpokenSegment(0, "Hello there.", 0, 1_200_000), next());
        assertEquals(new SpokenWord(1, "Bye", 1_200_000, 1_500_000), next());
        assertEquals(new SpokenSegment(1, "Bye.", 1_200_000, 1_700_000), next());
        assertNull(next());
        assertTrue(timeline.over());
        assertNull(next());
    }

    @Test
    void aJobTakingOverStartsWhereTheAudioReadFromTheLastOneEnded() throws Exception {
        timeline.flushed(0, "One.");
        timeline.flushed(1, "Two three.");
        timeline.segmentSpoken(0, 1_000_000);
        timeline.word(new FromWorker.Word(1, 1, "Two", 1_000_000, 1_300_000)); // then the worker died
        timeline.jobReplaced();
        timeline.word(new FromWorker.Word(2, 1, "Two", 0, 300_000)); // segment 1 again, from its start
        timeline.segmentSpoken(1, 800_000);
        next();
        next();
        assertEquals(new SpokenWord(1, "Two", 1_300_000, 1_600_000), next());
        assertEquals(new SpokenSegment(1, "Two three.", 1_300_000, 2_100_000), next());
    }

    @Test
    void aMissingReaderLosesOnlyTheOldestEvents() throws Exception {
        for (int i = 0; i < SessionTimeline.MAX_WAITING_EVENTS + 10; i++) {
            timeline.word(new FromWorker.Word(1, 0, "w" + i, i, i + 1));
        }
        assertEquals("w10", next().text());
    }

    @Test
    void nothingInTimeIsNotTheEnd() throws Exception {
        assertNull(timeline.next(Duration.ofMillis(10)));
        assertFalse(timeline.over());
    }
}
