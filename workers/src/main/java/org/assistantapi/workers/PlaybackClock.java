package org.assistantapi.workers;

/**
 * Where a job's listener is, as the worker can tell: a player that starts at the job's first
 * audio and plays in real time. Slack is the audio delivered minus the audio played: how long the
 * listener can go on before running dry. Audio is counted in samples as spoken, so a job at speed
 * 2 delivers half the seconds for the same text.
 *
 * <p>The playhead never passes the audio delivered while the job has no text waiting (a session
 * between flushes: the listener has heard everything and waits for the assistant, which is not
 * late); while text waits, it runs on and slack goes negative: the job is late, and stays late
 * until it has caught up (the scheduler's deadline does not forgive a stall).
 * Before the first audio, slack is minus the time the listener has waited since the text came.
 *
 * <p>Beside that deadline it follows what the listener hears: a real player waits when it runs
 * dry and goes on when audio comes. A listener that ran dry while text was waiting has
 * {@linkplain #waitedMicros() waited} (a stall: a gap in its speech); one that heard everything
 * while nothing was waiting has rested, and the audio after that pause starts anew, like the
 * first audio (see {@link #playing()}). Not thread-safe: the owning job guards it.
 */
final class PlaybackClock {

    private long waitingSinceNanos = -1;
    private long firstAudioNanos = -1;
    private long deliveredMicros;
    private long playedMicros;
    private long updatedNanos;
    /** What the listener has heard: never more than the audio delivered. */
    private long heardMicros;
    /** How long the listener has waited, dry with text waiting, since the last audio came. */
    private long waitedMicros;
    /** The listener heard everything with no text waiting, and no audio came since. */
    private boolean rested;

    /** Text came; the first time, the listener starts waiting for audio. */
    void textCame(long nowNanos, boolean textWasWaiting) {
        advance(nowNanos, textWasWaiting);
        if (waitingSinceNanos < 0) {
            waitingSinceNanos = nowNanos;
        }
    }

    /** Audio left for the listener; the first, the player starts. */
    void delivered(long micros, long nowNanos, boolean textWaiting) {
        advance(nowNanos, textWaiting);
        if (firstAudioNanos < 0) {
            firstAudioNanos = nowNanos;
            updatedNanos = nowNanos;
        }
        deliveredMicros += micros;
        waitedMicros = 0;
        rested = false;
    }

    boolean started() {
        return firstAudioNanos >= 0;
    }

    /**
     * Whether the listener is in the middle of speech: audio came, and it has not since heard
     * everything while nothing was waiting. Audio delivered now continues what it hears; audio
     * delivered otherwise starts (or restarts) its playback.
     */
    boolean playing() {
        return started() && !rested;
    }

    /** The listener's margin in microseconds: negative when waiting for audio. */
    long slackMicros(long nowNanos, boolean textWaiting) {
        if (!started()) {
            return waitingSinceNanos < 0 ? 0 : -(nowNanos - waitingSinceNanos) / 1_000;
        }
        advance(nowNanos, textWaiting);
        return deliveredMicros - playedMicros;
    }

    /** How long the listener, having run dry while text was waiting, has waited since the last audio came (as of the last update). */
    long waitedMicros() {
        return waitedMicros;
    }

    private void advance(long nowNanos, boolean textWaiting) {
        if (!started()) {
            return;
        }
        long elapsed = (nowNanos - updatedNanos) / 1_000;
        long played = playedMicros + elapsed;
        playedMicros = textWaiting ? played : Math.min(played, Math.max(playedMicros, deliveredMicros));
        long heard = heardMicros + elapsed;
        if (heard >= deliveredMicros) {
            if (textWaiting) {
                waitedMicros += heard - deliveredMicros;
            } else {
                rested = true;
            }
        }
        heardMicros = Math.min(heard, deliveredMicros);
        updatedNanos = nowNanos;
    }
}
