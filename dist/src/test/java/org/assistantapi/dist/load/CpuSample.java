package org.assistantapi.dist.load;

import java.time.Duration;
import java.util.Map;

/** CPU time used so far by the server process, by each worker process (by pid) and by the load tool. */
record CpuSample(Duration server, Map<Long, Duration> workers, Duration loadTool) {

    /**
     * What was used between {@code before} and this sample. A worker that started in between counts
     * from zero; one that died in between is lost (its last figures cannot be read any more).
     */
    CpuUsage since(CpuSample before) {
        Duration workersUsed = Duration.ZERO;
        for (Map.Entry<Long, Duration> worker : workers.entrySet()) {
            workersUsed = workersUsed.plus(worker.getValue().minus(before.workers.getOrDefault(worker.getKey(), Duration.ZERO)));
        }
        return new CpuUsage(server.minus(before.server), workersUsed, loadTool.minus(before.loadTool), workers.keySet().equals(before.workers.keySet()));
    }
}
