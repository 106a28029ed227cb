package org.assistantapi.dist.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What scenarios run against: the API, the calibrated texts, the server's processes when known,
 * and the run's bounds.
 *
 * @param runDuration          how long each load run sends requests
 * @param maxRequestsPerClient most requests a looping client sends in one run
 */
record LoadContext(ApiClient api, Texts texts, Optional<ServerProcesses> processes, Duration runDuration,
                   int maxRequestsPerClient) {

    /** Connects to the target and measures the reference length of each test text on it. */
    static LoadContext connect(Target target, Path texts, Duration runDuration, int maxRequestsPerClient)
            throws IOException {
        ApiClient api = new ApiClient(target.base());
        return new LoadContext(api, Texts.read(texts).calibrate(api), target.processes(), runDuration, maxRequestsPerClient);
    }

    static final Duration SETTLE_LIMIT = Duration.ofSeconds(15);

    /** A load run and the CPU the server's processes used during it (if they are known). */
    record Measured(LoadRun run, Optional<CpuUsage> cpu) {

        /** A row for some of the run's calls; CPU only makes sense for a row holding all of them. */
        ResultRow row(String label, int clients, List<CallResult> calls) {
            return new ResultRow(label, clients, calls, run.wall(), Optional.empty());
        }

        ResultRow totalRow(String label, int clients) {
            return new ResultRow(label, clients, run.all(), run.wall(), cpu);
        }
    }

    /** Runs client groups for {@link #runDuration}, sampling the processes' CPU time before and after. */
    Measured measure(List<ClientSpec> groups) {
        Optional<CpuSample> before = processes.map(ServerProcesses::cpu);
        LoadRun run = Load.run(api, groups, runDuration);
        return new Measured(run, processes.map(p -> p.cpu().since(before.orElseThrow())));
    }

    /**
     * Waits until the server has no stream open (every job finished or cancelled), polling
     * {@code GET /health}.
     *
     * @return how long that took, or empty if streams were still open after 15 s
     */
    Optional<Duration> awaitNoStreams() throws InterruptedException {
        return awaitHealth(health -> health.streams() == 0);
    }

    /**
     * Waits until every worker is up ({@link Health#fullStrength}), polling {@code GET /health}.
     *
     * @return whether they were, within 15 s
     */
    boolean awaitFullStrength() throws InterruptedException {
        return awaitHealth(Health::fullStrength).isPresent();
    }

    /** How long until {@code GET /health} showed {@code reached}, or empty if it had not after 15 s. */
    private Optional<Duration> awaitHealth(Predicate<Health> reached) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < SETTLE_LIMIT.toNanos()) {
            if (reached.test(api.health())) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - start));
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    /** A looping client group on the one-shot texts. */
    ClientSpec oneShotClients(String group, int clients) {
        return ClientSpec.looping(group, clients, texts.oneShot(), maxRequestsPerClient);
    }
}
