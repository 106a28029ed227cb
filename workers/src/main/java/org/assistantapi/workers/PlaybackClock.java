package org.assistantapi.workers;

/**
 * Where a job's listener is, as the worker can tell: a player that starts at the job's first
 * audio and plays in real time. Slack is the audio delivered minus the audio played: how long the
 * listener can go on before running dry. Audio is counted in samples as spoken, so a job at speed
 * 2 delivers half the seconds for the same text.
 *
 * <p>The playhead never passes the audio delivered while the job has no text waiting (a session
 * between flushes: the listener has heard everything and waits for the assistant, which is not
 * late); while text waits, it runs on and slack goes negative: the listener is stalled.
 * Before the first audio, slack is minus the time the listener has waited since the text came.
 * Not thread-safe: the owning job guards it.
 */
final class PlaybackClock {

    private long waitingSinceNanos = -1;
    private long firstAudioNanos = -1;
    private long deliveredMicros;
    private long playedMicros;
    private long updatedNanos;

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
    }

    boolean started() {
        return firstAudioNanos >= 0;
    }

    /** The listener's margin in microseconds: negative when waiting for audio. */
    long slackMicros(long nowNanos, boolean textWaiting) {
        if (!started()) {
            return waitingSinceNanos < 0 ? 0 : -(nowNanos - waitingSinceNanos) / 1_000;
        }
        advance(nowNanos, textWaiting);
        return deliveredMicros - playedMicros;
    }

    private void advance(long nowNanos, boolean textWaiting) {
        if (!started()) {
            return;
        }
        long played = playedMicros + (nowNanos - updatedNanos) / 1_000;
        playedMicros = textWaiting ? played : Math.min(played, Math.max(playedMicros, deliveredMicros));
        updatedNanos = nowNanos;
    }
}
