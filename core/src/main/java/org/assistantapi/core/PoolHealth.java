package org.assistantapi.core;

/**
 * How the workers are doing.
 *
 * @param workersUp       workers ready to take jobs
 * @param workersExpected workers configured
 * @param restarts        replacements started since the server began
 * @param crashLooping    worker places whose processes keep dying right after start
 * @param streams         audio streams open on workers (jobs in flight)
 * @param queued          of those, jobs not started yet (waiting for a voice to load or for their turn)
 * @param workers         each worker's state
 */
public record PoolHealth(int workersUp, int workersExpected, int restarts, int crashLooping, int streams, int queued,
                         java.util.List<WorkerStatus> workers) {

    public PoolHealth {
        workers = java.util.List.copyOf(workers);
    }

    /** Ready when every worker is up and none is crash-looping. */
    public boolean ready() {
        return workersUp == workersExpected && crashLooping == 0;
    }
}
