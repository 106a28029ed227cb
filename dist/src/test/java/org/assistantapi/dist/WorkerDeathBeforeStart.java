package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A worker that dies while a job starts on it, made to happen every time: both workers of a
 * two-worker server are stopped (SIGSTOP), so the job waits on the one it was placed on; that one
 * is killed (SIGKILL) and the other let go (SIGCONT).
 */
final class WorkerDeathBeforeStart {

    private WorkerDeathBeforeStart() {
    }

    /** Runs {@code request} (which starts one job) across such a death and returns what it returned. */
    static <T> T during(RunningServer server, Callable<T> request) throws Exception {
        JsonNode workers = WorkerPoolIT.health(server).get("workers");
        assertEquals(2, workers.size(), "a server with two workers");
        long[] pids = {workers.get(0).get("pid").longValue(), workers.get(1).get("pid").longValue()};
        for (long pid : pids) {
            signal("-STOP", pid);
        }
        CompletableFuture<T> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return request.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        JsonNode waiting = WorkerPoolIT.awaitHealth(server, h -> h.get("streams").intValue() == 1, Duration.ofSeconds(10));
        long victim = SessionsIT.workerWithStream(server);
        assertTrue(!answer.isDone(), "the request waits for its stopped worker: " + waiting);
        signal("-CONT", victim == pids[0] ? pids[1] : pids[0]);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();
        return answer.get(30, TimeUnit.SECONDS);
    }

    /** Sends a process a signal ({@code -STOP}, {@code -CONT}, ...) with kill(1). */
    static void signal(String signal, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", signal, String.valueOf(pid)).start().waitFor(), "kill " + signal + " " + pid);
    }
}
