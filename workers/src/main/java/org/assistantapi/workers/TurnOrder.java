package org.assistantapi.workers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.assistantapi.engines.Synthesis;

/** How the worker's synthesis thread picks the job that speaks its next piece. */
enum TurnOrder {
    /**
     * The job whose listener has the least audio in hand goes next, so a job about to run dry is
     * served before one far ahead, and a new job (its listener waiting, slack below zero) before any
     * job that is ahead. A job more than the configured margin ahead waits while other jobs of the
     * worker are ready to speak; otherwise it goes on (a client fetching a whole file gets it as fast
     * as it is made, beside jobs that wait for their clients or their text).
     * The turn's budget keeps the others fed (see {@link #budget}), and while the worker has other
     * jobs, ready or not, it is at most the shared turn: a job that becomes ready meanwhile (a new
     * one, or a session's next text after its listener has heard everything) would otherwise wait
     * for a whole window of a job far ahead, up to a quarter second with a medium Piper voice.
     */
    DEADLINE,
    /** Jobs take turns a piece at a time in the order they came, whatever their listeners have; no budget. */
    ROUND_ROBIN;

    /**
     * The chosen job and how much compute its turn may take (an engine that can, speaks a smaller
     * part to fit), or none with how long to wait before a job far ahead is due (-1: until a frame
     * comes).
     */
    record Turn(Job job, long waitNanos, Duration budget) {
    }

    /**
     * @param jobs           the jobs in turn, ROUND_ROBIN's rotation order (it moves the chosen one last)
     * @param maxAheadMicros the slack past which DEADLINE lets a job wait
     * @param sharedTurn     DEADLINE's longest turn while the worker has other jobs
     */
    Turn next(List<Job> jobs, long nowNanos, long maxAheadMicros, Duration sharedTurn) {
        return switch (this) {
            case ROUND_ROBIN -> firstReady(jobs);
            case DEADLINE -> leastSlack(jobs, nowNanos, maxAheadMicros, sharedTurn);
        };
    }

    private static Turn firstReady(List<Job> jobs) {
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            if (job.ready()) {
                jobs.remove(i);
                jobs.add(job);
                return new Turn(job, 0, Synthesis.NO_BUDGET);
            }
        }
        return new Turn(null, -1, Synthesis.NO_BUDGET);
    }

    private static Turn leastSlack(List<Job> jobs, long nowNanos, long maxAheadMicros, Duration sharedTurn) {
        Job best = null;
        long bestSlack = Long.MAX_VALUE;
        long soonestDue = Long.MAX_VALUE;
        List<Long> slacks = new ArrayList<>();
        List<Job> ready = jobs.stream().filter(Job::ready).toList();
        for (Job job : ready) {
            long slack = job.slackMicros(nowNanos);
            if (slack > maxAheadMicros && ready.size() > 1) {
                soonestDue = Math.min(soonestDue, slack - maxAheadMicros);
                continue;
            }
            slacks.add(slack);
            if (slack < bestSlack) { // ties: the earlier job, as jobs are in arrival order
                best = job;
                bestSlack = slack;
            }
        }
        if (best != null) {
            slacks.remove(Long.valueOf(bestSlack));
            Duration budget = budget(slacks);
            return new Turn(best, 0, jobs.size() > 1 && budget.compareTo(sharedTurn) > 0 ? sharedTurn : budget);
        }
        return new Turn(null, soonestDue == Long.MAX_VALUE ? -1 : soonestDue * 1_000, Synthesis.NO_BUDGET);
    }

    /**
     * The longest turn after which, were every turn as long, each other job waiting would still be
     * served before its listener runs dry: the job with the k-th least slack waits for k turns
     * (this one and k - 1 before its own), so the budget is the least of slack / k. With nobody
     * else waiting there is no budget; with a listener already dry (or a new job waiting for its
     * first audio), zero: the engine's smallest part.
     */
    static Duration budget(List<Long> otherSlacksMicros) {
        List<Long> sorted = otherSlacksMicros.stream().sorted().toList();
        long budget = Long.MAX_VALUE;
        for (int k = 1; k <= sorted.size(); k++) {
            budget = Math.min(budget, Math.max(0, sorted.get(k - 1)) / k);
        }
        return budget == Long.MAX_VALUE ? Synthesis.NO_BUDGET : Duration.ofNanos(budget * 1_000);
    }
}
