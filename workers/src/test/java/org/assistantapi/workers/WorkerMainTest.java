package org.assistantapi.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class WorkerMainTest {

    @Test
    void aSynthesisThreadThatDiesEndsTheWorker() throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread synthesis = WorkerMain.startSynthesis(() -> {
            throw new IllegalStateException("a bug outside any job");
        }, exit::complete);
        synthesis.join(10_000);
        assertEquals(WorkerMain.SYNTHESIS_DIED, exit.get(10, TimeUnit.SECONDS));
    }
}
