package org.assistantapi.core;

import java.time.Duration;

/**
 * How long core waits for workers and readers.
 *
 * @param jobStart    how long a job may take to start (includes loading its voice)
 * @param heartbeat   a worker silent for this long is killed and replaced
 * @param clientStall a one-shot stream whose reader takes nothing for this long, while audio waits, is cancelled
 */
public record Timeouts(Duration jobStart, Duration heartbeat, Duration clientStall) {

    public Timeouts {
        for (Duration d : new Duration[] {jobStart, heartbeat, clientStall}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
    }

    /** How often workers are pinged: ten pings per heartbeat timeout, at most one a second. */
    public Duration heartbeatInterval() {
        return Duration.ofSeconds(Math.max(1, heartbeat.toSeconds() / 10));
    }
}
