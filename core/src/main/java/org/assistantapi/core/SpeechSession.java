package org.assistantapi.core;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * An incremental speech session: text arrives in pieces as an LLM writes it, and one continuous
 * audio stream carries everything spoken. The client decides what is spoken when (a flushing
 * append); the session never splits or reorders text. Its job lives in one worker; if that worker
 * dies, the session goes on in another and the text not yet spoken is spoken there.
 */
public final class SpeechSession {

    private static final Logger LOG = Logger.getLogger(SpeechSession.class.getName());

    /** A text that keeps killing workers must not take down the whole pool: give up after this many. */
    private static final int MAX_FAILURES_AT_ONE_SEGMENT = 3;

    private final String id;
    private final String owner;
    /** What the session speaks with: its voice, speaker, format, speed and rate, checked. */
    private final SpeechRequest request;
    private final JobStarter jobs;
    private final SessionSettings limits;
    private final StreamFormat format;
    private final Runnable whenEnded;
    private final WordTimings words;
    private final SessionTimeline timeline = new SessionTimeline();
    private final StringBuilder pending = new StringBuilder();
    /** Every flushed segment, by number; kept until spoken, so a replacement worker can speak them. */
    private final List<String> segments = new ArrayList<>();
    private AudioStream stream;
    private boolean closed;
    private volatile boolean ended;
    private volatile long endedAtNanos;
    private int spokenUpTo = -1;
    private int lastFailedSegment = -1;
    private int failuresAtSegment;
    private boolean readerAttached;
    private boolean eventReaderAttached;
    private long readerAttachedNanos;
    private long idleSinceNanos = System.nanoTime();

    /**
     * @param whenEnded runs once when the session ends (not when its opening fails: the caller cleans up then)
     * @param words     whether its events include every word, not only its segments
     */
    SpeechSession(String id, String owner, SpeechRequest checked, JobStarter jobs, SessionSettings limits,
                  Runnable whenEnded, WordTimings words) throws SpeechException {
        this.id = id;
        this.owner = owner;
        this.request = checked;
        this.jobs = jobs;
        this.limits = limits;
        this.whenEnded = whenEnded;
        this.words = words;
        // A worker that dies before the job started costs the client nothing: it starts on another.
        this.stream = JobStarter.startedOnALiveWorker(() -> jobs.start(checked, "", JobKind.SESSION, () -> { }, words));
        this.format = stream.awaitStart(); // started: at once
    }

    public String id() {
        return id;
    }

    /** Who opened the session (a transport's caller identity, never a secret), or null: no owner. */
    public String owner() {
        return owner;
    }

    /** The voice speaking, as {@code id} or {@code id:speaker}. */
    public String voice() {
        return request.speaker() == null ? request.voice() : request.voice() + ":" + request.speaker();
    }

    /** The audio's format and real sample rate. */
    public StreamFormat format() {
        return format;
    }

    /**
     * Adds text. With {@code flush}, all pending text is spoken now as one unit, after everything
     * flushed before it; without, it waits for a later flushing append or for {@link #close}.
     */
    public synchronized void append(String text, boolean flush) throws SpeechException {
        // Closed comes first: an append after close is the client's mistake even once the audio ended.
        if (closed) {
            throw new SpeechException(SpeechException.Reason.SESSION_CLOSED, "session " + id + " is closed: it takes no more text");
        }
        if (ended) {
            throw new SpeechException(SpeechException.Reason.SESSION_NOT_FOUND, "session " + id + " has ended");
        }
        int appended = characters(text);
        if (unspokenChars() + appended > limits.maxPendingChars()) {
            throw new SpeechException(SpeechException.Reason.PENDING_TEXT_LIMIT, "session " + id + " holds "
                    + unspokenChars() + " characters not yet spoken and the append has " + appended
                    + "; the limit is " + limits.maxPendingChars());
        }
        if (flush) {
            jobs.crashingTexts().refuse(pending + text);
        }
        pending.append(text);
        idleSinceNanos = System.nanoTime();
        if (flush) {
            flushPending();
        }
    }

    /** No more text: what is pending is spoken, then the audio stream ends. */
    public synchronized void close() throws SpeechException {
        if (ended && !closed) {
            throw new SpeechException(SpeechException.Reason.SESSION_NOT_FOUND, "session " + id + " has ended");
        }
        if (!closed) {
            flushPending();
            closed = true;
            stream.endText();
        }
        idleSinceNanos = System.nanoTime();
    }

    /** Stops at once: synthesis stops, pending text is dropped, the audio stream ends. */
    public synchronized void cancel() {
        markEnded();
        stream.close();
    }

    /** The session's audio for one reader at a time. */
    public synchronized SessionAudio openAudio() throws SpeechException {
        checkReaderMayAttach(readerAttached, "a reader");
        readerAttached = true;
        readerAttachedNanos = System.nanoTime();
        return new SessionAudio(this);
    }

    /** The session's events for one reader at a time. */
    public synchronized SessionEvents openEvents() throws SpeechException {
        checkReaderMayAttach(eventReaderAttached, "an event reader");
        eventReaderAttached = true;
        return new SessionEvents(this, timeline);
    }

    /** A reader may attach while the session goes on and no reader of its kind is attached. */
    private void checkReaderMayAttach(boolean attached, String reader) throws SpeechException {
        if (ended) {
            throw new SpeechException(SpeechException.Reason.SESSION_NOT_FOUND, "session " + id + " has ended");
        }
        if (attached) {
            throw new SpeechException(SpeechException.Reason.READER_BUSY, "session " + id + " already has " + reader);
        }
    }

    /** Whether the session reports its words, not only its segments. */
    public WordTimings words() {
        return words;
    }

    boolean ended() {
        return ended;
    }

    /** Closed by its client (its audio may have ended since): found again only to refuse more text. */
    boolean closedByClient() {
        return closed;
    }

    /** Whether the session ended more than {@code duration} ago. */
    boolean endedLongerThan(java.time.Duration duration) {
        return ended && System.nanoTime() - endedAtNanos > duration.toNanos();
    }

    private synchronized void markEnded() {
        if (!ended) {
            endedAtNanos = System.nanoTime();
            ended = true;
            timeline.end();
            whenEnded.run();
        }
    }

    /**
     * Whether the session has had no append and no reader for longer than its idle timeout, or
     * its reader has taken nothing for that long while audio waited (a reader that connects and
     * never reads holds the session no longer than one that never connects).
     */
    synchronized boolean idle() {
        long timeout = limits.idleTimeout().toNanos();
        if (!readerAttached) {
            return System.nanoTime() - idleSinceNanos > timeout;
        }
        long stalled = Math.min(stream.millisSinceReaderTook() * 1_000_000, System.nanoTime() - readerAttachedNanos);
        return stalled > timeout;
    }

    /** The next audio for the reader, or null once the session's audio is complete or it was cancelled. */
    byte[] read() throws SpeechException {
        while (true) {
            AudioStream current;
            synchronized (this) {
                current = stream;
            }
            try {
                byte[] chunk = current.read(timeline);
                if (chunk == null) {
                    markEnded();
                }
                return chunk;
            } catch (SpeechException e) {
                boolean workerLost = e.reason() == SpeechException.Reason.WORKER_FAILED
                        || e.reason() == SpeechException.Reason.INPUT_CRASHED_ENGINE;
                if (ended || !workerLost) {
                    markEnded();
                    throw e;
                }
                continueElsewhere(current);
            }
        }
    }

    synchronized void detachEventReader() {
        eventReaderAttached = false;
    }

    synchronized void detachReader() {
        readerAttached = false;
        idleSinceNanos = System.nanoTime();
    }

    /** The worker under {@code failed} died: start a job on another and speak there what was not spoken. */
    private synchronized void continueElsewhere(AudioStream failed) throws SpeechException {
        if (stream != failed) {
            return;
        }
        spokenUpTo = Math.max(spokenUpTo, failed.lastSpokenSegment());
        int firstUnspoken = spokenUpTo + 1;
        failuresAtSegment = firstUnspoken == lastFailedSegment ? failuresAtSegment + 1 : 1;
        lastFailedSegment = firstUnspoken;
        if (failuresAtSegment > MAX_FAILURES_AT_ONE_SEGMENT) {
            markEnded();
            throw new SpeechException(SpeechException.Reason.WORKER_FAILED, "session " + id + ": segment "
                    + firstUnspoken + " made " + MAX_FAILURES_AT_ONE_SEGMENT + " workers fail in a row; the session ends");
        }
        int crashed = failed.crashedSegment();
        if (crashed >= firstUnspoken && crashed < segments.size()) {
            // Its text crashed the engine: it is skipped, never replayed (a later append of it is refused).
            LOG.warning("session " + id + ": segment " + crashed + " crashed its worker's engine; skipping it");
            segments.set(crashed, "");
        }
        LOG.warning("session " + id + ": its worker failed; continuing on another from segment " + firstUnspoken);
        AudioStream replacement = startReplacement();
        for (int segment = firstUnspoken; segment < segments.size(); segment++) {
            replacement.appendText(segment, segments.get(segment));
        }
        if (closed) {
            replacement.endText();
        }
        stream = replacement;
        timeline.jobReplaced();
        forgetSpoken(firstUnspoken);
    }

    /** Workers may all be restarting: keep trying until the job start timeout. */
    private AudioStream startReplacement() throws SpeechException {
        long deadline = System.nanoTime() + jobs.startTimeout().toNanos();
        while (true) {
            try {
                AudioStream replacement = jobs.start(request, "", JobKind.CONTINUATION, () -> { }, words);
                replacement.awaitStart();
                return replacement;
            } catch (SpeechException e) {
                if (System.nanoTime() > deadline) {
                    markEnded();
                    throw new SpeechException(SpeechException.Reason.WORKER_FAILED,
                            "session " + id + " lost its worker and no other took it over: " + e.getMessage());
                }
                JobStarter.pause();
            }
        }
    }

    private void flushPending() {
        if (pending.isEmpty()) {
            return;
        }
        String text = pending.toString();
        pending.setLength(0);
        if (jobs.crashingTexts().contains(text)) {
            LOG.warning("session " + id + ": pending text that crashed a worker before is dropped");
            return;
        }
        segments.add(text);
        timeline.flushed(segments.size() - 1, text);
        stream.appendText(segments.size() - 1, text);
        forgetSpoken(stream.lastSpokenSegment() + 1);
    }

    /** Spoken segments are no longer needed; their places stay so segment numbers keep counting. */
    private void forgetSpoken(int firstUnspoken) {
        for (int segment = 0; segment < firstUnspoken; segment++) {
            segments.set(segment, "");
        }
    }

    private int unspokenChars() {
        int unspoken = characters(pending);
        for (int segment = stream.lastSpokenSegment() + 1; segment < segments.size(); segment++) {
            unspoken += characters(segments.get(segment));
        }
        return unspoken;
    }

    /** Characters are code points, as for one-shot input: an emoji is one, not two. */
    private static int characters(CharSequence text) {
        return Character.codePointCount(text, 0, text.length());
    }
}
