package org.assistantapi.dist.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sessions fed at an LLM's pace: each client opens a session and appends reply.txt a word at a
 * time ({@code pause} apart, flushing at sentence ends), closes it, reads its audio to the end, and
 * starts over until the run's time or request count is up. Reports the time from the first flushing
 * append to the first audio.
 */
final class LlmSessions implements Scenario {

    private final int clients;
    private final Duration pause;

    LlmSessions(int clients, Duration pause) {
        this.clients = clients;
        this.pause = pause;
    }

    @Override
    public String name() {
        return "llm-sessions";
    }

    @Override
    public String title(LoadContext context) {
        return "llm-sessions: " + clients + " sessions at once for " + context.runDuration().toSeconds()
                + " s, reply.txt appended a word every " + pause.toMillis() + " ms, flushed at sentence ends";
    }

    @Override
    public Result run(LoadContext context) throws InterruptedException {
        context.awaitNoStreams();
        long start = System.nanoTime();
        List<CallResult> calls = run(context, clients, pause, context.runDuration());
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return new Result(List.of(new ResultRow(clients + " LLM-paced sessions", clients, calls, wall, Optional.empty())), List.of());
    }

    /** Runs the session clients until {@code duration} is up; shared with {@link WorkerKills}. */
    static List<CallResult> run(LoadContext context, int clients, Duration pause, Duration duration) {
        List<String> words = List.of(context.texts().reply().input().strip().split("(?<=\\s)"));
        List<CallResult> calls = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + duration.toNanos();
        try (ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                sessions.submit(() -> {
                    for (int i = 0; i < context.maxRequestsPerClient() && System.nanoTime() < deadline; i++) {
                        calls.add(context.api().speakInSession(context.texts().reply(), words, pause));
                    }
                });
            }
        }
        return List.copyOf(calls);
    }
}
