package org.assistantapi.workers;

import java.util.List;

/** How the worker's synthesis thread picks the job that speaks its next piece. */
enum TurnOrder {
    /**
     * The job whose listener has the least audio in hand goes next, so a job about to run dry is
     * served before one far ahead, and a new job (its listener waiting, slack below zero) before any
     * job that is ahead. A job more than the configured margin ahead waits while the worker holds
     * other jobs; alone, it goes on (a client fetching a whole file gets it as fast as it is made).
     */
    DEADLINE,
    /** Jobs take turns a piece at a time in the order they came, whatever their listeners have. */
    ROUND_ROBIN;

    /** The chosen job, or none with how long to wait before a job far ahead is due (-1: until a frame comes). */
    record Turn(Job job, long waitNanos) {
    }

    /**
     * @param jobs          the jobs in turn, ROUND_ROBIN's rotation order (it moves the chosen one last)
     * @param maxAheadMicros the slack past which DEADLINE lets a job wait
     */
    Turn next(List<Job> jobs, long nowNanos, long maxAheadMicros) {
        return switch (this) {
            case ROUND_ROBIN -> firstReady(jobs);
            case DEADLINE -> leastSlack(jobs, nowNanos, maxAheadMicros);
        };
    }

    private static Turn firstReady(List<Job> jobs) {
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            if (job.ready()) {
                jobs.remove(i);
                jobs.add(job);
                return new Turn(job, 0);
            }
        }
        return new Turn(null, -1);
    }

    private static Turn leastSlack(List<Job> jobs, long nowNanos, long maxAheadMicros) {
        Job best = null;
        long bestSlack = Long.MAX_VALUE;
        long soonestDue = Long.MAX_VALUE;
        for (Job job : jobs) {
            if (!job.ready()) {
                continue;
            }
            long slack = job.slackMicros(nowNanos);
            if (slack > maxAheadMicros && jobs.size() > 1) {
                soonestDue = Math.min(soonestDue, slack - maxAheadMicros);
            } else if (slack < bestSlack) { // ties: the earlier job, as jobs are in arrival order
                best = job;
                bestSlack = slack;
            }
        }
        if (best != null) {
            return new Turn(best, 0);
        }
        return new Turn(null, soonestDue == Long.MAX_VALUE ? -1 : soonestDue * 1_000);
    }
}
