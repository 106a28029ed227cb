package org.assistantapi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The pool's restart bookkeeping, with real worker processes that cannot start. */
class WorkerPoolTest {

    @Test
    void workersThatDieAtOnceAreRestartedUntilTheyShowAsCrashLooping() throws Exception {
        // An option the JVM does not know makes each worker exit within milliseconds, often before
        // the pool has finished launching it: every one of those exits must still be seen.
        int workers = 6;
        CoreSettings failing = TestSettings.core(workers, List.of("-XX:+NoSuchOptionForTheTest"), "test");
        try (WorkerPool pool = new WorkerPool(failing)) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (pool.crashLooping() < workers && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(workers, pool.crashLooping(), "slots in a crash loop; restarts so far: " + pool.restarts());
            assertTrue(pool.restarts() >= 2 * workers, "each slot restarted at least twice: " + pool.restarts());
            assertTrue(pool.readyWorkers().isEmpty());
        }
    }
}
