package org.assistantapi.dist.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The project's load tool: drives the real server on loopback with simulated clients on virtual
 * threads, scenario by scenario, and prints a table per scenario. Bounded in requests and time:
 * it stops by itself (and stops the server it started) after {@code --time-limit} whatever happens.
 * Exits 1 if a scenario found a problem (failed requests, streams left open, workers down).
 * Run through {@code dist/scripts/load-test.sh}; figures in docs/developer/benchmarks.md.
 */
public final class LoadTool {

    private static final PrintStream OUT = System.out;
    /** The resident-memory bounds the abuse run holds the server and each worker to (docs/developer/benchmarks.md). */
    private static final long ABUSE_SERVER_BOUND_MIB = 768;
    private static final long ABUSE_WORKER_BOUND_MIB = 768;

    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            OUT.println(Options.USAGE);
            return;
        }
        if (args.length > 0 && args[0].equals("scheduling")) { // two servers of its own: not a Scenario
            stopAfter(Duration.ofMinutes(30));
            SchedulingBench.main(List.of(args).subList(1, args.length));
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("first-audio")) { // two servers per voice of its own
            stopAfter(Duration.ofMinutes(15));
            FirstAudioBench.main(List.of(args).subList(1, args.length));
            System.exit(0);
        }
        Options options;
        List<Scenario> scenarios;
        try {
            options = Options.parse(args);
            scenarios = choose(options);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + Options.USAGE);
            System.exit(2);
            return;
        }
        stopAfter(options.timeLimit());
        long started = System.nanoTime();
        int problems = 0;
        try (Target target = start(options)) {
            Runtime.getRuntime().addShutdownHook(new Thread(target::close));
            LoadContext context = LoadContext.connect(target, Options.texts(), options.runDuration(), options.maxRequests());
            OUT.println("# assistant-api load run, " + Instant.now());
            OUT.println();
            OUT.println(describeMachine());
            OUT.println("- server: " + target.base() + (options.url().isPresent() ? "" : " (started from " + Options.home()
                    + ", workers.count " + options.workers().map(String::valueOf).orElse("default") + ")")
                    + "; health: " + context.api().health());
            Texts texts = context.texts();
            OUT.println("- texts: " + describe(texts.shortText()) + ", " + describe(texts.reply()) + ", "
                    + describe(texts.longText()) + "; voice " + ApiClient.VOICE + ", response_format pcm (24 kHz)");
            OptionalDouble engine = target.processes().isPresent()
                    ? OptionalDouble.of(EngineCost.msPerAudioSecond(texts.oneShot())) : OptionalDouble.empty();
            engine.ifPresent(ms -> OUT.println(ResultsTable.format(
                    "- engine: %.3f ms CPU per audio second (RTF %.5f) for short.txt + reply.txt, measured in this JVM", ms, ms / 1000)));
            OUT.println();
            OUT.println(ResultsTable.LEGEND);
            ResultsTable table = new ResultsTable(engine);
            for (Scenario scenario : scenarios) {
                ScenarioReport report = ScenarioRunner.run(scenario, context);
                table.print(OUT, report);
                problems += report.problems().size();
            }
        }
        OUT.println();
        OUT.printf("- total run time %.0f s, %d problems%n", (System.nanoTime() - started) / 1e9, problems);
        System.exit(problems == 0 ? 0 : 1);
    }

    private static List<Scenario> choose(Options options) {
        List<Scenario> all = List.of(
                new OneShotConcurrency(options.levels()),
                new SlowReaders(12, 4, Duration.ofSeconds(5)),
                new DisconnectBurst(8, 32),
                new SessionLatency(20),
                new LlmSessions(32, Duration.ofMillis(40)),
                new WorkerKills(8, 8),
                MixedLoad.standard());
        // Chosen by name only: "all" stays a few minutes long.
        List<Scenario> byNameOnly = List.of(new Soak(options.longRun()),
                new Abuse(options.longRun(), ABUSE_SERVER_BOUND_MIB, ABUSE_WORKER_BOUND_MIB));
        List<Scenario> chosen = new ArrayList<>();
        for (String name : options.scenarios()) {
            if (name.equals("all")) {
                chosen.addAll(all);
            } else {
                chosen.add(java.util.stream.Stream.concat(all.stream(), byNameOnly.stream())
                        .filter(s -> s.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + name)));
            }
        }
        return chosen;
    }

    private static Target start(Options options) throws Exception {
        if (options.url().isPresent()) {
            return Target.external(options.url().get(), options.pid());
        }
        return LaunchedServer.start(Options.home(), options.serverYaml());
    }

    /** The tool's hard bound: whatever hangs, the process exits (its shutdown hook stops the server). */
    private static void stopAfter(Duration limit) {
        Thread.ofPlatform().daemon().name("time-limit").start(() -> {
            try {
                Thread.sleep(limit);
                System.err.println("load tool: time limit of " + limit.toSeconds() + " s reached, stopping");
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static String describeMachine() throws IOException {
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        return "- machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average " + load
                + " before the run; load tool on Java " + Runtime.version();
    }

    private static String describe(Text text) {
        return ResultsTable.format("%s %.1f s", text.name(), Text.audioSeconds(text.referenceBytes()));
    }
}
