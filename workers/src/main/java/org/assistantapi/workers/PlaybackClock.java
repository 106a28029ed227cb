package org.assistantapi.workers;

/**
 * Where a job's listener is, as the worker can tell: a player that starts at the job's first
 * audio, plays in real time, waits when it has played everything and goes on when audio comes.
 * Slack is the audio delivered minus the audio heard: how long the listener can go on before
 * running dry; a listener waiting for audio while text is waiting has minus the time it has
 * waited. Audio is counted in samples as spoken, so a job at speed 2 delivers half the seconds for
 * the same text. Before the first audio, slack is minus the time the listener has waited since the
 * text came.
 *
 * <p>A stall is forgiven once audio comes: the player goes on from where it stopped, so a job that
 * stalled is as urgent as its listener's new margin, not as the time lost. (A deadline that kept
 * the lost time would keep a job that stalled once ahead of every other job until it had made the
 * loss up, and cut every other job's turns to the smallest: under load one stall led to the next.)
 *
 * <p>A listener that heard everything while text was waiting has {@linkplain #waitedMicros()
 * waited} (a stall: a gap in its speech); one that heard everything while nothing was waiting (a
 * session between flushes: the listener waits for the assistant, which is not late) has rested,
 * and the audio after that pause starts anew, like the first audio (see {@link #playing()}). Not
 * thread-safe: the owning job guards it.
 */
final class PlaybackClock {

    private long waitingSinceNanos = -1;
    private long firstAudioNanos = -1;
    private long deliveredMicros;
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
        return deliveredMicros - heardMicros - waitedMicros;
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
