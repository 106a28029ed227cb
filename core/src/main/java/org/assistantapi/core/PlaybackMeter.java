package org.assistantapi.core;

import java.util.concurrent.atomic.LongAdder;

/**
 * What workers report of their listeners at each delivery of audio in the middle of a stream's
 * speech: the slack the scheduler saw just before it, and whether the listener had run dry and
 * waited (a stall) and for how long; and the turns their schedulers stopped to serve a listener
 * due sooner.
 */
final class PlaybackMeter {

    /** Seconds; below zero, the stream was late. */
    static final double[] SLACK_BOUNDS = {-5, -2, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 2, 5, 10, 30};

    private final Histogram slack = new Histogram(SLACK_BOUNDS);
    private final LongAdder stalls = new LongAdder();
    private final LongAdder waitedMicros = new LongAdder();
    private final LongAdder preempted = new LongAdder();
    private final LongAdder lostMicros = new LongAdder();

    void record(long slackMicros, long waitedMicros) {
        slack.observe(slackMicros / 1e6);
        if (waitedMicros > 0) {
            stalls.increment();
            this.waitedMicros.add(waitedMicros);
        }
    }

    /** A worker stopped a turn for a listener due sooner; the turn's compute so far is spent again. */
    void preempted(long lostMicros) {
        preempted.increment();
        this.lostMicros.add(lostMicros);
    }

    PlaybackTotals totals() {
        return new PlaybackTotals(slack.counts(), stalls.sum(), waitedMicros.sum() / 1e6, preempted.sum(),
                lostMicros.sum() / 1e6);
    }
}
