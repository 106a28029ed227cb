package org.assistantapi.core;

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
     * The next event, waiting for it.
     *
     * @return the event, or null once the session's audio is over (closed and spoken, or cancelled)
     */
    public Spoken next() throws SpeechException {
        try {
            return timeline.next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException(SpeechException.Reason.WORKER_FAILED, "interrupted while waiting for events");
        }
    }

    @Override
    public void close() {
        session.detachEventReader();
    }
}
