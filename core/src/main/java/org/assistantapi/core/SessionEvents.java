package org.assistantapi.core;

import java.time.Duration;

/**
 * The one reader of a session's events: every word (if the session was opened with
 * {@link WordTimings#INCLUDED}) and every segment, as the session's audio reader takes their
 * audio, on the session's audio timeline. Closing it detaches the reader; the session goes on.
 */
public final class SessionEvents implements AutoCloseable {

    private final SpeechSession session;
    private final SessionTimeline timeline;

    SessionEvents(SpeechSession session, SessionTimeline timeline) {
        this.session = session;
        this.timeline = timeline;
    }

    /**
     * The next event, waiting at most {@code wait} for it (a transport may want to check now and
     * then that its client is still there).
     *
     * @return the event, or null when none came in time or the session's audio is over ({@link #over()})
     */
    public Spoken next(Duration wait) throws SpeechException {
        try {
            return timeline.next(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException(SpeechException.Reason.WORKER_FAILED, "interrupted while waiting for events");
        }
    }

    /** Whether every event has been read: the session's audio is over (closed and spoken, or cancelled). */
    public boolean over() {
        return timeline.over();
    }

    @Override
    public void close() {
        session.detachEventReader();
    }
}
