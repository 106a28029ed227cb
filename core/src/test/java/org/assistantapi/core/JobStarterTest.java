package org.assistantapi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.assistantapi.workers.protocol.ToWorker;
import org.junit.jupiter.api.Test;

/** Placing jobs that arrive together. */
class JobStarterTest {

    @Test
    void jobsArrivingTogetherSpreadOverTheWorkers() throws Exception {
        List<FakeWorker> workers = List.of(new FakeWorker(), new FakeWorker());
        // Like the pool's pick: the worker with the fewest jobs; the pause is the time a real pick
        // takes, during which another request may pick too.
        WorkerPicker leastJobs = voice -> {
            Optional<FakeWorker> least = workers.stream()
                    .min(Comparator.comparingInt(worker -> worker.received(ToWorker.StartJob.class).size()));
            pause();
            return least;
        };
        JobStarter jobs = new JobStarter(leastJobs, new CrashingTexts(), 8, Duration.ofSeconds(30));
        CountDownLatch together = new CountDownLatch(1);
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AudioStream>> started = java.util.stream.IntStream.range(0, 8).mapToObj(i -> requests.submit(() -> {
                together.await();
                return jobs.start(FakeWorker.REQUEST, "Hello.", JobKind.ONE_SHOT, () -> { }, WordTimings.EXCLUDED);
            })).toList();
            together.countDown();
            for (Future<AudioStream> job : started) {
                job.get();
            }
        }
        assertEquals(List.of(4, 4), workers.stream().map(worker -> worker.received(ToWorker.StartJob.class).size()).toList());
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
