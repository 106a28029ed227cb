package org.assistantapi.dist.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.assistantapi.dist.MetricsText;
import org.assistantapi.dist.RealisticVoiceDirectory;

/**
 * Issue 15's benchmark: the compute-realistic medium Piper voice, 1, 2, 4, 8, 12 and 16 clients
 * (or {@code --levels}), each asking once for an assistant reply (reply.txt), then the same number
 * of LLM-paced sessions (the reply fed a word every 40–80 ms, flushed at sentence ends), against
 * two servers started side by side, one per {@code scheduling.order} (or, with {@code --against},
 * both deadline, the second with other keys; with {@code --against-image}, both deadline, the
 * second from another build's runtime image), each level run on one then the other. Per row: first byte p50/p99, the share of streams where a player starting at the
 * first byte waits more than 0.25 s for the server, the worst such wait (and, beside it, the worst
 * wait counting the time a session's text was not written yet: the LLM's part, which no server
 * can help; a session client reads the session's events to know where each flush's audio ends),
 * the machine's total rate (audio seconds
 * per wall second: demand-bound below capacity, where the deadline order paces jobs far ahead),
 * the CPU the server and its workers spent per audio second (what capacity is made of: 2
 * cores over it is the most the machine can make) and the load tool's own, and the share of the
 * machine's cores all three kept busy during the row (its clients run on the same cores), and the
 * turns the workers preempted with the compute those lost (the server's /metrics). Bounded: one
 * request or session per client and level (five, one after the other, for one client), and the
 * load tool's time limit.
 */
final class SchedulingBench {

    private static final PrintStream OUT = System.out;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double WAIT_THRESHOLD_SECONDS = 0.25;
    /**
     * Untimed rows of one reply per worker before the table: a fresh worker's first ~40 sentences
     * of a split voice run slower while its heaps grow (docs/developer/piper.md), and a real
     * server's workers are past them; with one row the first clients of the table paid for it.
     */
    private static final int WARM_UP_ROWS = 8;
    /**
     * Untimed session rows with the most clients of any row, before the table: a session's appends
     * and event streams are requests a one-shot never makes, and a fresh server's JIT compiles them
     * for several rows (its C2 threads spent 1.0, 0.4 and 0.1 CPU s in the fifth to seventh
     * 16-session rows of one fresh server, of 1.4–2.3 s the server spent in each), on the cores the
     * rows' workers need. A real server has long been past that.
     */
    private static final int SESSION_WARM_UP_ROWS = 4;
    /**
     * A one-client row asks this many times, one after the other: the figure every other row's
     * first byte is held against, a median rather than one request's luck.
     */
    private static final int ONE_CLIENT_RUNS = 5;
    /** The most a session's append connection may live (its watchdog): a session's reply takes ~30 s. */
    private static final Duration SESSION_LIFETIME = Duration.ofMinutes(5);

    /**
     * One of the two servers: its label in the table, its {@code scheduling.*} keys ("key: value,key: value")
     * and the runtime image it runs from.
     */
    private record Scheduler(String label, String keys, Path home) {
        String yaml() {
            return "scheduling:\n  " + keys.replace(",", "\n  ") + "\n";
        }
    }

    private final String reply;
    private final String voice;
    /** Client i of n starts i/n of this after the row's start (0: all at once). */
    private final Duration spread;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SchedulingBench(String reply, String voice, Duration spread) {
        this.reply = reply;
        this.voice = voice;
        this.spread = spread;
    }

    /**
     * @param args {@code [--levels 1,2,4] [--workers N] [--voice medium|x_low] [--kinds one-shot,llm-session]
     *             [--scheduling "key: value,key: value"] [--against "key: value"] [--against-image DIR]
     *             [--spread SECONDS]} (more {@code scheduling.*} keys for both servers; a second server with the
     *             deadline order and these keys instead of the round robin; or one with the deadline order from
     *             the runtime image in DIR, another build's; clients starting evenly over that many seconds
     *             instead of all at once)
     */
    static void main(List<String> args) throws Exception {
        List<Integer> levels = List.of(1, 2, 4, 8, 12, 16);
        List<String> kinds = List.of("one-shot", "llm-session");
        int workers = 2;
        String quality = "medium";
        String extraScheduling = ""; // e.g. "max_ahead_ms: 60000", for both servers
        String against = ""; // e.g. "shared_turn_ms: 60000": deadline against deadline with these keys
        Path againstImage = null; // e.g. a copy of dist/target/assistant-api built from an earlier commit
        Duration spread = Duration.ZERO;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--levels" -> levels = java.util.Arrays.stream(args.get(i + 1).split(",")).map(String::strip).map(Integer::valueOf).toList();
                case "--workers" -> workers = Integer.parseInt(args.get(i + 1));
                case "--voice" -> quality = args.get(i + 1);
                case "--kinds" -> kinds = List.of(args.get(i + 1).split(","));
                case "--scheduling" -> extraScheduling = args.get(i + 1);
                case "--against" -> against = args.get(i + 1);
                case "--against-image" -> againstImage = Path.of(args.get(i + 1)).toAbsolutePath().normalize();
                case "--spread" -> spread = Duration.ofMillis(Math.round(Double.parseDouble(args.get(i + 1)) * 1000));
                default -> throw new IllegalArgumentException(
                        "scheduling takes --levels, --workers, --voice, --kinds, --scheduling, --against, --against-image, "
                                + "--spread, not "
                                + args.get(i));
            }
        }
        Path voices = RealisticVoiceDirectory.of(quality);
        String voice = quality.equals("medium") ? RealisticVoiceDirectory.MEDIUM : RealisticVoiceDirectory.X_LOW;
        SchedulingBench bench = new SchedulingBench(Files.readString(Options.texts().resolve("reply.txt")).strip(), voice, spread);
        OUT.println("# scheduling benchmark, " + Instant.now());
        OUT.println("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + Files.readString(Path.of("/proc/loadavg")).strip() + " before the run");
        OUT.println("- voice " + voice + " (make_realistic_voices.py), workers.count " + workers + " per server, reply.txt ("
                + bench.reply.split("\\s+").length + " words), response_format pcm; a player starts at the first byte; "
                + (spread.isZero() ? "a row's clients start together" : "a row's clients start evenly over " + spread.toMillis() / 1000.0 + " s")
                + (extraScheduling.isEmpty() ? "" : "; scheduling " + extraScheduling));
        String both = extraScheduling.isEmpty() ? "" : "," + extraScheduling;
        List<Scheduler> schedulers = List.of(new Scheduler("deadline", "order: deadline" + both, Options.home()),
                secondServer(both, against, againstImage));
        Map<String, LaunchedServer> servers = new java.util.concurrent.ConcurrentHashMap<>();
        // On the time limit or a signal too, the servers and their workers stop.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.values().forEach(LaunchedServer::close)));
        try {
            for (Scheduler scheduler : schedulers) {
                servers.put(scheduler.label(), LaunchedServer.start(scheduler.home(), "workers:\n  count: " + workers
                        + "\nvoices:\n  dirs: [\"" + voices + "\"]\n  prewarm: [" + voice + "]\n" + scheduler.yaml()));
            }
            for (LaunchedServer server : servers.values()) { // untimed: the workers' JIT and heaps warm up
                for (int i = 0; i < WARM_UP_ROWS; i++) {
                    bench.row("one-shot", workers, "warm-up", server);
                }
                for (int i = 0; kinds.contains("llm-session") && i < SESSION_WARM_UP_ROWS; i++) {
                    bench.row("llm-session", Collections.max(levels), "warm-up", server);
                }
            }
            OUT.println();
            OUT.println("| kind | clients | scheduler | first byte p50 / p99 ms | streams waiting > 0.25 s | worst wait s (with the LLM's) | total rate (audio s / wall s) | CPU s per audio s: workers + server (+ load tool) | machine busy | turns preempted (compute lost) | load avg (1 min) |");
            OUT.println("|---|---|---|---|---|---|---|---|---|---|---|");
            boolean deadlineFirst = true;
            for (String kind : kinds) {
                for (int clients : levels) {
                    // Each scheduler goes first every other row: the machine's load drifts.
                    for (Scheduler scheduler : deadlineFirst ? schedulers : schedulers.reversed()) {
                        OUT.println(bench.row(kind, clients, scheduler.label(), servers.get(scheduler.label())));
                    }
                    deadlineFirst = !deadlineFirst;
                }
            }
        } finally {
            servers.values().forEach(LaunchedServer::close);
        }
    }

    /**
     * The server the defaults are held against: another build's image (deadline order), the
     * deadline order with other keys, or the round robin.
     */
    private static Scheduler secondServer(String both, String against, Path againstImage) {
        if (againstImage == null) {
            return against.isEmpty()
                    ? new Scheduler("round_robin", "order: round_robin" + both, Options.home())
                    : new Scheduler("deadline, " + against, "order: deadline" + both + "," + against, Options.home());
        }
        if (!Files.isExecutable(againstImage.resolve("bin/assistant-api"))) {
            throw new IllegalArgumentException("--against-image: no runtime image at " + againstImage + " (no bin/assistant-api)");
        }
        return new Scheduler("deadline, " + againstImage.getFileName(), "order: deadline" + both, againstImage);
    }

    private String row(String kind, int clients, String order, LaunchedServer server) throws Exception {
        URI base = server.base();
        ServerProcesses processes = server.processes().orElseThrow();
        CpuSample cpuBefore = processes.cpu();
        Preemptions preemptedBefore = preemptions(base);
        long started = System.nanoTime();
        List<PlaybackTrace> traces = new ArrayList<>();
        for (int run = 0; run < (clients == 1 ? ONE_CLIENT_RUNS : 1); run++) {
            traces.addAll(clients(kind, clients, base));
        }
        List<PlaybackTrace> spoken = traces.stream().filter(t -> t.error() == null && t.hasAudio()).toList();
        long failed = traces.size() - spoken.size();
        if (spoken.isEmpty()) {
            return "| " + kind + " | " + clients + " | " + order + " | all " + failed + " failed: " + traces.getFirst().error() + " |";
        }
        Percentiles firstByte = new Percentiles(spoken.stream().map(PlaybackTrace::firstByteNanos).toList());
        List<PlaybackTrace.Waits> waits = spoken.stream().map(PlaybackTrace::waits).toList();
        long waiting = waits.stream().filter(w -> w.worstForServer() > WAIT_THRESHOLD_SECONDS).count();
        double worst = waits.stream().mapToDouble(PlaybackTrace.Waits::worstForServer).max().orElse(0);
        double worstAny = waits.stream().mapToDouble(PlaybackTrace.Waits::worst).max().orElse(0);
        double audio = spoken.stream().mapToDouble(PlaybackTrace::audioSeconds).sum();
        double wall = (spoken.stream().mapToLong(PlaybackTrace::endNanos).max().orElse(started) - started) / 1e9;
        CpuUsage cpu = processes.cpu().since(cpuBefore);
        Preemptions preempted = preemptions(base).since(preemptedBefore);
        double workersPerAudio = cpu.workers().toNanos() / 1e9 / audio;
        double serverPerAudio = cpu.server().toNanos() / 1e9 / audio;
        double toolPerAudio = cpu.loadTool().toNanos() / 1e9 / audio;
        // The share of the machine's cores the row kept busy, the load tool's clients included.
        double busy = (cpu.workers().plus(cpu.server()).plus(cpu.loadTool()).toNanos() / 1e9) / wall
                / Runtime.getRuntime().availableProcessors();
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        return ResultsTable.format("| %s | %d | %s | %.0f / %.0f | %d of %d%s | %.2f (%.2f) | %.1f× | %.3f + %.3f (+ %.3f)%s | %.0f %% | %d (%.2f s) | %s |",
                kind, clients, order, firstByte.millis(0.5), firstByte.millis(0.99), waiting, spoken.size(),
                failed > 0 ? " (" + failed + " failed)" : "", worst, worstAny, audio / wall, workersPerAudio, serverPerAudio,
                toolPerAudio, cpu.sameWorkers() ? "" : " (a worker restarted)", busy * 100, preempted.turns(), preempted.seconds(), load);
    }

    /** The server's count of preempted turns and the compute they lost, from /metrics. */
    private record Preemptions(long turns, double seconds) {
        Preemptions since(Preemptions before) {
            return new Preemptions(turns - before.turns, seconds - before.seconds);
        }
    }

    private Preemptions preemptions(URI base) throws IOException, InterruptedException {
        String metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new Preemptions((long) MetricsText.value(metrics, "assistant_api_preempted_turns_total"),
                MetricsText.value(metrics, "assistant_api_preempted_seconds_total"));
    }

    /** The row's clients, each starting at its place in the spread, and what each one's player made of its stream. */
    private List<PlaybackTrace> clients(String kind, int clients, URI base) throws Exception {
        List<PlaybackTrace> traces = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<PlaybackTrace>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                long delayMillis = spread.toMillis() * i / clients;
                futures.add(pool.submit(() -> {
                    Thread.sleep(delayMillis);
                    return kind.equals("one-shot") ? oneShot(base) : session(base);
                }));
            }
            for (Future<PlaybackTrace> future : futures) {
                traces.add(future.get());
            }
        }
        return traces;
    }

    /** One request for the reply, read as it comes. */
    private PlaybackTrace oneShot(URI base) {
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = post(base, "/v1/audio/speech",
                    Map.of("input", reply, "voice", voice, "response_format", "pcm"), HttpResponse.BodyHandlers.ofInputStream());
            int rate = Integer.parseInt(response.headers().firstValue("X-Sample-Rate").orElse("24000"));
            return new PlaybackTrace(start, 2.0 * rate).read(response);
        } catch (IOException e) {
            return failed(start, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(start, e);
        }
    }

    /**
     * A session fed as an LLM writes: a word every 40–80 ms, flushing at each sentence end, over a
     * keep-alive connection of its own ({@link RawConnection#exchange}: the JDK's client took a
     * quarter of the machine's CPU for 16 sessions' appends, which satellites do not take from the
     * server). Its trace starts at the first flush (before it, the listener has nothing to wait for).
     */
    private PlaybackTrace session(URI base) {
        long start = System.nanoTime();
        try (RawConnection appends = RawConnection.open(base, SESSION_LIFETIME)) {
            HttpResponse<String> created = post(base, "/v1/audio/speech/sessions",
                    Map.of("voice", voice, "response_format", "pcm"), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                return failed(start, new IOException("session not created: HTTP " + created.statusCode()));
            }
            var session = JSON.readTree(created.body());
            String path = "/v1/audio/speech/sessions/" + session.path("id").asText();
            PlaybackTrace trace = null;
            List<Thread> readers = new ArrayList<>();
            java.util.Random random = new java.util.Random(path.hashCode());
            String[] words = reply.split(" ");
            var audio = http.sendAsync(HttpRequest.newBuilder(base.resolve(path + "/audio")).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            var events = http.sendAsync(HttpRequest.newBuilder(base.resolve(path + "/events")).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            for (int i = 0; i < words.length; i++) {
                boolean flush = i == words.length - 1 || words[i].matches(".*[.!?]$");
                if (flush && trace == null) {
                    PlaybackTrace started = new PlaybackTrace(System.nanoTime(), 2.0 * session.path("sample_rate").asInt(24_000));
                    trace = started;
                    readers.add(Thread.ofVirtual().start(() -> started.read(audio.join()))); // audio read as it comes
                    readers.add(Thread.ofVirtual().start(() -> events.join().body().forEach(line -> segmentEvent(line, started))));
                }
                if (flush) {
                    trace.flushed(System.nanoTime());
                }
                RawConnection.Response appended = appends.exchange(RawConnection.jsonRequest("POST", path + "/append",
                        JSON.writeValueAsString(Map.of("text", (i == 0 ? "" : " ") + words[i], "flush", flush))));
                if (appended.status() != 200) {
                    return failed(start, new IOException("append: HTTP " + appended.status()));
                }
                Thread.sleep(40 + random.nextInt(41));
            }
            appends.exchange(RawConnection.jsonRequest("POST", path + "/close", "{}"));
            for (Thread reader : readers) {
                reader.join(); // the event stream ends with speech.session.done
            }
            return trace;
        } catch (IOException e) {
            return failed(start, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(start, e);
        }
    }

    /** A speech.segment event: where the segment's audio ends, for telling waits for text from waits for the server. */
    private static void segmentEvent(String line, PlaybackTrace trace) {
        if (!line.startsWith("data: ")) {
            return;
        }
        try {
            var event = JSON.readTree(line.substring("data: ".length()));
            if (event.path("type").asText().equals("speech.segment")) {
                trace.segmentEnded(event.path("segment").asInt(), event.path("end").asDouble());
            }
        } catch (IOException e) {
            trace.failed("bad event: " + line);
        }
    }

    private <T> HttpResponse<T> post(URI base, String path, Map<String, ?> body, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), handler);
    }

    private static PlaybackTrace failed(long start, Exception e) {
        PlaybackTrace trace = new PlaybackTrace(start, 1);
        trace.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        return trace;
    }
}
