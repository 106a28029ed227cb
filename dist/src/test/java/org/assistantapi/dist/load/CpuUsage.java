package org.assistantapi.dist.load;

import java.time.Duration;

/**
 * CPU time used over a stretch of load.
 *
 * @param server        the server process (HTTP, routing; it runs no engine)
 * @param workers       all worker processes together
 * @param loadTool      the load tool's own process, which shares the machine's cores
 * @param sameWorkers   false if a worker died or started meanwhile (its CPU is then partly missing)
 */
record CpuUsage(Duration server, Duration workers, Duration loadTool, boolean sameWorkers) {
}
