package org.assistantapi.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

import org.assistantapi.workers.protocol.FromWorker;

/**
 * A session's words and segments on its one continuous audio timeline, queued for its event
 * reader. The audio reader feeds it as it takes audio, so an event is never ahead of the audio
 * handed out. Each job's words count from that job's first sample; a job that takes over after a
 * worker died starts where the audio read from the one before it ended.
 */
final class SessionTimeline implements StreamMarks {

    /** Events kept for a reader that is not there yet; past this the oldest are dropped. */
    static final int MAX_WAITING_EVENTS = 4096;

    /** Ends the queue for the event reader. */
    private record End() {
    }

    private static final Object END = new End();

    private final Map<Integer, String> unspokenTexts = new ConcurrentHashMap<>();
    private final BlockingDeque<Object> events = new LinkedBlockingDeque<>();
    /** Where the current job's audio starts on the session's timeline. */
    private long jobStartMicros;
    /** The current job's audio read so far, as far as its segments and words tell. */
    private long jobSegmentsMicros;
    private long jobWordsEndMicros;
    private volatile boolean over;

    /** A segment was flushed: its text is reported with it once spoken. */
    void flushed(int segment, String text) {
        unspokenTexts.put(segment, text);
    }

    @Override
    public synchronized void word(FromWorker.Word word) {
        jobWordsEndMicros = Math.max(jobWordsEndMicros, word.endMicros());
        publish(new SpokenWord(word.segment(), word.text(), jobStartMicros + word.startMicros(),
                jobStartMicros + word.endMicros()));
    }

    @Override
    public synchronized void segmentSpoken(int segment, long audioMicros) {
        long start = jobStartMicros + jobSegmentsMicros;
        jobSegmentsMicros += audioMicros;
        publish(new SpokenSegment(segment, unspokenTexts.getOrDefault(segment, ""), start, start + audioMicros));
        unspokenTexts.remove(segment);
    }

    /**
     * Another job takes over: its audio follows what was read from the last one. That one's audio
     * after its last word or segment mark (part of a word at most) is not known here, so the
     * timeline may run that much behind the audio from then on.
     */
    synchronized void jobReplaced() {
        jobStartMicros += Math.max(jobSegmentsMicros, jobWordsEndMicros);
        jobSegmentsMicros = 0;
        jobWordsEndMicros = 0;
    }

    /** The session's audio is over: the event reader gets the end after the events before it. */
    void end() {
        events.add(END);
    }

    /**
     * The next event, waiting at most {@code wait} for it.
     *
     * @return the event, or null when none came in time or the session's audio is over ({@link #over()})
     */
    Spoken next(Duration wait) throws InterruptedException {
        if (over) {
            return null;
        }
        Object event = events.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (event == END) {
            over = true;
            return null;
        }
        return (Spoken) event;
    }

    /** Whether the reader has had every event: the session's audio is over. */
    boolean over() {
        return over;
    }

    private void publish(Spoken event) {
        while (events.size() >= MAX_WAITING_EVENTS) {
            events.pollFirst();
        }
        events.add(event);
    }
}
