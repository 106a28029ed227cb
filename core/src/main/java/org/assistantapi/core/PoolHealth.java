package org.assistantapi.core;

/**
 * How the workers are doing.
 *
 * @param workersUp       workers ready to take jobs
 * @param workersExpected workers configured
 * @param restarts        replacements started since the server began
 * @param crashLooping    worker places whose processes keep dying right after start
 * @param streams         audio streams open on workers
 */
public record PoolHealth(int workersUp, int workersExpected, int restarts, int crashLooping, int streams) {

    /** Ready when every worker is up and none is crash-looping. */
    public boolean ready() {
        return workersUp == workersExpected && crashLooping == 0;
    }
}
