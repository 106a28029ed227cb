package org.assistantapi.dist.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 13's mixed-abuse run: every {@link Attack}, each repeated by its own attacker, interleaved
 * with normal traffic (looping one-shot clients and LLM-paced sessions) for {@code length}. Passes
 * when every normal request got its whole audio, no attack got a 5xx, no worker restarted, and the
 * resident memory of the server and of each worker, sampled every few seconds, stayed within the
 * bounds given.
 */
final class Abuse implements Scenario {

    private static final Duration PAUSE_BETWEEN_HITS = Duration.ofMillis(500);
    private static final Duration MEMORY_EVERY = Duration.ofSeconds(5);

    private final Duration length;
    private final long serverBoundMib;
    private final long workerBoundMib;

    Abuse(Duration length, long serverBoundMib, long workerBoundMib) {
        this.length = length;
        this.serverBoundMib = serverBoundMib;
        this.workerBoundMib = workerBoundMib;
    }

    @Override
    public String name() {
        return "abuse";
    }

    @Override
    public String title(LoadContext context) {
        return "abuse: " + Attack.values().length + " attackers (" + List.of(Attack.values())
                + ") beside 4 one-shot clients and 4 LLM-paced sessions for " + length.toSeconds()
                + " s; bounds: server RSS " + serverBoundMib + " MiB, each worker " + workerBoundMib + " MiB";
    }

    @Override
    public Result run(LoadContext context) throws Exception {
        context.awaitNoStreams();
        int restartsBefore = context.api().health().restarts();
        Map<Attack, Map<Integer, Integer>> statuses = new EnumMap<>(Attack.class);
        MemoryPeaks peaks = new MemoryPeaks();
        long start = System.nanoTime();
        List<CallResult> oneShot;
        List<CallResult> sessions;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long deadline = start + length.toNanos();
            for (Attack attack : Attack.values()) {
                Map<Integer, Integer> counts = new ConcurrentHashMap<>();
                statuses.put(attack, counts);
                threads.submit(() -> repeat(attack, context, deadline, counts));
            }
            context.processes().ifPresent(processes -> threads.submit(() -> sample(processes, deadline, peaks)));
            Future<List<CallResult>> sessionCalls = threads.submit(() -> LlmSessions.run(context, 4, Duration.ofMillis(60), length));
            oneShot = Load.run(context.api(), List.of(context.oneShotClients("one-shot", 4)), length).all();
            sessions = sessionCalls.get();
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        List<String> notes = new ArrayList<>();
        statuses.forEach((attack, counts) -> notes.add(attack + ": statuses " + new TreeMap<>(counts)
                + (counts.keySet().stream().anyMatch(s -> s >= 500) ? "  <-- 5xx" : "")));
        int restarts = context.api().health().restarts() - restartsBefore;
        notes.add("worker restarts during the run: " + restarts);
        notes.add("peak RSS: server " + peaks.serverMib + " MiB, largest worker " + peaks.workerMib + " MiB");
        List<ResultRow> rows = List.of(
                new ResultRow("4 one-shot beside the attacks", 4, oneShot, wall, Optional.empty()),
                new ResultRow("4 LLM-paced sessions beside the attacks", 4, sessions, wall, Optional.empty()));
        return new Result(rows, notes, problems(statuses, restarts, peaks));
    }

    private List<String> problems(Map<Attack, Map<Integer, Integer>> statuses, int restarts, MemoryPeaks peaks) {
        List<String> problems = new ArrayList<>();
        statuses.forEach((attack, counts) -> counts.keySet().stream().filter(s -> s >= 500)
                .forEach(s -> problems.add(attack + " got " + s)));
        if (restarts > 0) {
            problems.add(restarts + " worker restarts");
        }
        if (peaks.serverMib > serverBoundMib) {
            problems.add("server RSS " + peaks.serverMib + " MiB over " + serverBoundMib);
        }
        if (peaks.workerMib > workerBoundMib) {
            problems.add("worker RSS " + peaks.workerMib + " MiB over " + workerBoundMib);
        }
        return problems;
    }

    private static void repeat(Attack attack, LoadContext context, long deadline, Map<Integer, Integer> counts) {
        while (System.nanoTime() < deadline) {
            try {
                attack.hit(context.api().base(), context.texts()).forEach(s -> counts.merge(s, 1, Integer::sum));
                Thread.sleep(PAUSE_BETWEEN_HITS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                counts.merge(-1, 1, Integer::sum); // refused or reset: a bounded server may do that
            }
        }
    }

    private static void sample(ServerProcesses processes, long deadline, MemoryPeaks peaks) {
        while (System.nanoTime() < deadline) {
            peaks.add(processes.memory());
            try {
                Thread.sleep(MEMORY_EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The largest resident sizes seen, in MiB. */
    private static final class MemoryPeaks {
        private volatile long serverMib;
        private volatile long workerMib;

        synchronized void add(MemorySample sample) {
            serverMib = Math.max(serverMib, sample.serverKib() / 1024);
            workerMib = Math.max(workerMib, sample.workersKib().stream().mapToLong(k -> k / 1024).max().orElse(0));
        }
    }
}
