package org.assistantapi.dist.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The load tool's command line.
 *
 * @param scenarios     scenario names, in order ({@code all} = every one)
 * @param url           a running server to use instead of starting one
 * @param pid           that server's process id, to read its CPU and memory
 * @param workers       {@code workers.count} for a started server (empty: the server's default)
 * @param runDuration   how long each load run sends requests
 * @param levels        the concurrency levels of the {@code pool} scenario
 * @param maxRequests   most requests one looping client sends per run
 * @param timeLimit     the whole tool stops (and stops its server) after this long, whatever happens
 * @param longRun       the length of the long scenarios, soak and abuse
 */
record Options(List<String> scenarios, Optional<URI> url, Optional<Long> pid, Optional<Integer> workers,
               Duration runDuration, List<Integer> levels, int maxRequests, Duration timeLimit, Duration longRun) {

    static final String USAGE = """
            usage: LoadTool [SCENARIO...] [--url http://127.0.0.1:PORT [--pid PID]] [--workers N]
                            [--seconds S] [--levels 1,8,32,64] [--max-requests N] [--time-limit S]
                            [--minutes M]
              SCENARIO      pool, slow-readers, disconnects, session-latency, llm-sessions,
                            worker-kills, mixed; all (the default) runs those; soak and abuse
                            only by name
              --help        this text
            usage: LoadTool scheduling [--levels 1,2,4,8,12,16] [--workers 2] [--voice medium|x_low]
                                       [--kinds one-shot,llm-session] [--scheduling "key: v,key: v"]
                                       [--spread SECONDS] [--against "key: v" | --against-image DIR]
                            issue 15's benchmark: two servers (scheduling.order deadline and
                            round_robin, or with --against deadline and deadline with those
                            keys, or with --against-image deadline and deadline from the
                            runtime image in DIR, another build's), the realistic Piper voice,
                            one-shot replies and
                            LLM-paced sessions, a row's clients starting together (or evenly
                            over --spread seconds); 30 minutes at most
            usage: LoadTool first-audio [--voices medium,x_low] [--runs 7]
                            issue 16's benchmark: a 20-word sentence's first and last audio
                            through the server, decoder windows against whole sentences
                            (piper.first_window_ms 0), one-shot and a session's flushed append;
                            15 minutes at most
              --url         load a running server (loopback only) instead of starting the image's
              --pid         that server's pid, for CPU and memory figures
              --workers     workers.count of the started server (default: the server's, one per core)
              --seconds     length of each load run (default 8)
              --levels      concurrency levels of the pool scenario (default 1,8,32,64)
              --max-requests  most requests per client and run (default 1000)
              --time-limit  hard stop for the whole tool, in seconds (default 300)
              --minutes     length of soak and abuse (default 10)
            System properties: assistantapi.home (the image, default dist/target/assistant-api),
            assistantapi.texts (the test texts, default testdata/texts)""";

    static Options parse(String[] args) {
        List<String> scenarios = new ArrayList<>();
        Optional<URI> url = Optional.empty();
        Optional<Long> pid = Optional.empty();
        Optional<Integer> workers = Optional.empty();
        Duration runDuration = Duration.ofSeconds(8);
        List<Integer> levels = List.of(1, 8, 32, 64);
        int maxRequests = 1000;
        Duration timeLimit = Duration.ofSeconds(300);
        Duration longRun = Duration.ofMinutes(10);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                scenarios.add(arg);
                continue;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String value = args[++i];
            switch (arg) {
                case "--url" -> url = Optional.of(URI.create(value));
                case "--pid" -> pid = Optional.of(Long.parseLong(value));
                case "--workers" -> workers = Optional.of(Integer.parseInt(value));
                case "--seconds" -> runDuration = Duration.ofSeconds(Long.parseLong(value));
                case "--levels" -> levels = Arrays.stream(value.split(",")).map(String::strip).map(Integer::valueOf).toList();
                case "--max-requests" -> maxRequests = Integer.parseInt(value);
                case "--time-limit" -> timeLimit = Duration.ofSeconds(Long.parseLong(value));
                case "--minutes" -> longRun = Duration.ofMinutes(Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (url.isPresent() && workers.isPresent()) {
            throw new IllegalArgumentException("--workers configures a server the tool starts, not one at --url");
        }
        return new Options(scenarios.isEmpty() ? List.of("all") : List.copyOf(scenarios), url, pid, workers,
                runDuration, levels, maxRequests, timeLimit, longRun);
    }

    static Path home() {
        return Path.of(System.getProperty("assistantapi.home", "dist/target/assistant-api")).toAbsolutePath().normalize();
    }

    static Path texts() {
        return Path.of(System.getProperty("assistantapi.texts", "testdata/texts")).toAbsolutePath().normalize();
    }

    /** The YAML of a server this tool starts. */
    String serverYaml() {
        return workers.map(n -> "workers:\n  count: " + n + "\n").orElse("");
    }
}
