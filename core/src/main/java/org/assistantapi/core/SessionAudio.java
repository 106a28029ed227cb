package org.assistantapi.core;

/** The one reader of a session's audio. Closing it detaches the reader; the session goes on. */
public final class SessionAudio implements AutoCloseable {

    private final SpeechSession session;

    SessionAudio(SpeechSession session) {
        this.session = session;
    }

    public StreamFormat format() {
        return session.format();
    }

    /**
     * The next audio, waiting for it while no text is pending.
     *
     * @return the bytes, or null once the session closed and everything was spoken, or it was cancelled
     * @throws SpeechException when the audio broke off for good
     */
    public byte[] read() throws SpeechException {
        return session.read();
    }

    @Override
    public void close() {
        session.detachReader();
    }
}
