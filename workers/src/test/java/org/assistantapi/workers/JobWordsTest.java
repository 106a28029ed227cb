package org.assistantapi.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.assistantapi.engines.WordTiming;
import org.assistantapi.workers.protocol.FromWorker;
import org.junit.jupiter.api.Test;

class JobWordsTest {

    private final List<FromWorker> sent = new ArrayList<>();
    private final JobWords words = new JobWords(7, 1000, sent::add);

    @Test
    void aWordLeavesOnceTheAudioUpToItsEndIsEncoded() {
        words.beginCall(0);
        words.add(new WordTiming("one", 0, 300)); // reported before its samples, as a Piper voice would
        words.add(new WordTiming("two", 300, 700));
        words.advance(299);
        assertEquals(List.of(), sent);
        words.advance(1);
        assertEquals(List.of(new FromWorker.Word(7, 0, "one", 0, 300_000)), sent);
        words.advance(500);
        words.endCall(true);
        assertEquals(new FromWorker.Word(7, 0, "two", 300_000, 700_000), sent.get(1));
    }

    @Test
    void spansCountFromTheJobsFirstSampleAcrossCallsAndSegments() {
        words.beginCall(0);
        words.advance(1500);
        words.endCall(true);
        words.beginCall(1);
        words.advance(200);
        words.add(new WordTiming("later", 100, 200));
        words.endCall(true);
        assertEquals(List.of(new FromWorker.Word(7, 1, "later", 1_600_000, 1_700_000)), sent);
    }

    @Test
    void aSpanPastTheAudioIsCutToItAtTheSegmentsEnd() {
        words.beginCall(0);
        words.add(new WordTiming("long", 50, 900));
        words.advance(400);
        words.endCall(true);
        assertEquals(List.of(new FromWorker.Word(7, 0, "long", 50_000, 400_000)), sent);
    }

    @Test
    void aWordWhoseAudioALaterCallMakesWaitsForIt() {
        words.beginCall(0); // a sentence's first decoder window reports all its words
        words.add(new WordTiming("first", 0, 250));
        words.add(new WordTiming("second", 250, 900));
        words.advance(300);
        words.endCall(false);
        assertEquals(List.of(new FromWorker.Word(7, 0, "first", 0, 250_000)), sent);
        words.beginCall(0);
        words.advance(600);
        words.endCall(true);
        assertEquals(new FromWorker.Word(7, 0, "second", 250_000, 900_000), sent.get(1));
    }
}
