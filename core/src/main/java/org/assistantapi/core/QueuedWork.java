package org.assistantapi.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The text a worker has been sent and not yet spoken, per job and segment, in characters: what
 * {@link WorkerPool#pick} weighs, at each voice's measured cost, to place a new job where it
 * waits least. A one-shot job's text counts until the job ends (workers report progress per
 * segment, and it is one segment).
 */
final class QueuedWork {

    private record Job(String voice, Map<Integer, Integer> unspokenChars) {
    }

    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();

    void started(long jobId, String voice, String text) {
        Job job = new Job(voice, new ConcurrentHashMap<>());
        job.unspokenChars().put(0, text.length());
        jobs.put(jobId, job);
    }

    void appended(long jobId, int segment, String text) {
        Job job = jobs.get(jobId);
        if (job != null) {
            job.unspokenChars().put(segment, text.length());
        }
    }

    /** @return the characters of the segment just spoken (0 if unknown) */
    int spoken(long jobId, int segment) {
        Job job = jobs.get(jobId);
        Integer chars = job == null ? null : job.unspokenChars().remove(segment);
        return chars == null ? 0 : chars;
    }

    void ended(long jobId) {
        jobs.remove(jobId);
    }

    /** Seconds of compute the unspoken text will take, at each voice's cost per character. */
    double seconds(SynthesisMeter cost) {
        double seconds = 0;
        for (Job job : jobs.values()) {
            int chars = job.unspokenChars().values().stream().mapToInt(Integer::intValue).sum();
            seconds += chars * cost.engineSecondsPerChar(job.voice());
        }
        return seconds;
    }
}
