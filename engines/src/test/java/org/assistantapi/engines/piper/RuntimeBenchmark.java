package org.assistantapi.engines.piper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.piper.RealisticVoices.Quality;

/**
 * ONNX Runtime's settings measured on the realistic medium voice (issue 15), side by side in one
 * run so that the shared machine's load hits every variant alike:
 * <ol>
 * <li>graph optimization levels: load time (session, split, load check, warm-up) and the cost of a
 * sentence (wall time per audio second);</li>
 * <li>the first three requests after each of several fresh loads: is the first slower?</li>
 * <li>intra-op threads (1, 2) against workers (1, 2): each worker a thread with its own loaded
 * voice speaking twenty-words.txt back to back, as a worker's synthesis thread does; the total rate
 * (audio seconds per wall second) and the per-sentence latency (first audio, whole sentence);</li>
 * <li>resident memory with 0, 1 and 2 medium voices loaded, in a fresh JVM with a worker's heap
 * bound (a second voice is the same files under another id).</li>
 * </ol>
 * Not a unit test; run as documented in docs/developer/benchmarks.md:
 * {@code ./mvnw -q -B -pl engines test-compile exec:exec@runtime-benchmark}.
 *
 * <p>Arguments: the directory holding twenty-words.txt and reply.txt; or {@code memory}, the
 * voice directory and that texts directory (the fresh JVM the run starts for part 3).
 */
public final class RuntimeBenchmark {

    private static final int COST_RUNS = 5;
    private static final int ROUNDS = 2;
    private static final int FRESH_LOADS = 5;
    private static final Duration RUN_TIME = Duration.ofSeconds(12);
    /** A worker's heap bound (workers.jvm_options' default). */
    private static final String WORKER_HEAP = "-Xmx512m";
    private static final String SECOND_VOICE = "en_US-realistic-medium-b";

    /** One sentence spoken: from the call to its first audio and to its end, and its audio with the silence after it. */
    private record Sentence(long firstNanos, long totalNanos, double audioSeconds) {
        /** Wall seconds per audio second. */
        double cost() {
            return totalNanos / 1e9 / audioSeconds;
        }
    }

    /** A number of workers, each running inferences on a number of threads. */
    private record Layout(int workers, int threads) {
        @Override
        public String toString() {
            return workers + " worker" + (workers > 1 ? "s" : "") + " × " + threads + " thread" + (threads > 1 ? "s" : "");
        }
    }

    private RuntimeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("memory")) {
            memory(Path.of(args[1]), Files.readString(Path.of(args[2]).resolve("reply.txt")));
            return;
        }
        Path texts = Path.of(args[0]);
        String sentence = Files.readString(texts.resolve("twenty-words.txt")).strip();
        Path voices = RealisticVoices.directory(Quality.MEDIUM);
        System.out.printf(Locale.ROOT, "%d cores, Java %s, %s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Quality.MEDIUM.voiceId(), loadAverage());
        System.out.printf(Locale.ROOT, "sentence: \"%s\"%n", sentence);
        optimizationLevels(voices, sentence);
        firstRequests(voices, sentence);
        threadsAgainstWorkers(voices, sentence);
        memoryInFreshJvm(voices, texts);
    }

    private static void optimizationLevels(Path voices, String sentence) throws Exception {
        System.out.printf(Locale.ROOT, "%n## Graph optimization (1 thread; cost: wall s per audio s, median of %d "
                + "alternating runs, min–max)%n%n", COST_RUNS);
        System.out.println("| level | load (in order / again in reverse order) | cost | load avg |");
        System.out.println("| --- | ---: | ---: | ---: |");
        GraphOptimization[] levels = GraphOptimization.values();
        List<PiperVoice> loaded = new ArrayList<>();
        List<PiperEngine> engines = new ArrayList<>();
        long[] loadNanos = new long[levels.length];
        try {
            for (int i = 0; i < levels.length; i++) {
                PiperEngine engine = new PiperEngine(PiperSettings.of(List.of(voices)).withSessions(1, levels[i]));
                engines.add(engine);
                long start = System.nanoTime();
                PiperVoice voice = (PiperVoice) engine.load(Quality.MEDIUM.voiceId());
                loadNanos[i] = System.nanoTime() - start;
                loaded.add(voice);
            }
            // Loaded again in reverse order: the first loads of a process also pay for loading ONNX Runtime.
            long[] reloadNanos = new long[levels.length];
            for (int i = levels.length - 1; i >= 0; i--) {
                long start = System.nanoTime();
                engines.get(i).load(Quality.MEDIUM.voiceId()).close();
                reloadNanos[i] = System.nanoTime() - start;
            }
            double[][] costs = new double[levels.length][COST_RUNS];
            for (int run = 0; run < COST_RUNS; run++) {
                for (int i = 0; i < levels.length; i++) {
                    costs[i][run] = speak(loaded.get(i), sentence).cost();
                }
            }
            for (int i = 0; i < levels.length; i++) {
                double[] sorted = costs[i].clone();
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "| %s | %.1f / %.1f s | %.3f (%.3f–%.3f) | %s |%n", levels[i],
                        loadNanos[i] / 1e9, reloadNanos[i] / 1e9, sorted[COST_RUNS / 2], sorted[0],
                        sorted[COST_RUNS - 1], loadAverage());
            }
        } finally {
            loaded.forEach(PiperVoice::close);
            engines.forEach(PiperEngine::close);
        }
    }

    /** The first requests after each of several fresh loads (the load warms the voice up). */
    private static void firstRequests(Path voices, String sentence) throws Exception {
        System.out.printf(Locale.ROOT, "%n## The first requests after a load (default settings, %d fresh loads; cost: "
                + "wall s per audio s)%n%n", FRESH_LOADS);
        System.out.println("| load | 1st request | 2nd | 3rd | 1st / 2nd | load avg |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        double[] ratios = new double[FRESH_LOADS];
        try (PiperEngine engine = new PiperEngine(PiperSettings.of(List.of(voices)))) {
            for (int i = 0; i < FRESH_LOADS; i++) {
                try (PiperVoice voice = load(engine)) {
                    double[] costs = {speak(voice, sentence).cost(), speak(voice, sentence).cost(),
                            speak(voice, sentence).cost()};
                    ratios[i] = costs[0] / costs[1];
                    System.out.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.2f | %s |%n", i + 1, costs[0], costs[1],
                            costs[2], ratios[i], loadAverage());
                }
            }
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "%nfirst / second request: median %.2f (%.2f–%.2f)%n", ratios[FRESH_LOADS / 2],
                ratios[0], ratios[FRESH_LOADS - 1]);
    }

    private static void threadsAgainstWorkers(Path voices, String sentence) throws Exception {
        List<Layout> layouts = List.of(new Layout(1, 1), new Layout(1, 2), new Layout(2, 1), new Layout(2, 2));
        System.out.printf(Locale.ROOT, "%n## Intra-op threads against workers (%d s each, %d rounds; latency: "
                + "median / p90 per sentence)%n%n", RUN_TIME.toSeconds(), ROUNDS);
        System.out.println("| round | layout | sentences | total rate (audio s / wall s) | first audio ms | "
                + "whole sentence ms | load avg |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        // Two voices per thread count, loaded once: a worker each.
        PiperVoice[][] byThreads = new PiperVoice[3][];
        try (PiperEngine one = new PiperEngine(PiperSettings.of(List.of(voices)).withSessions(1,
                     PiperSettings.DEFAULT_GRAPH_OPTIMIZATION));
             PiperEngine two = new PiperEngine(PiperSettings.of(List.of(voices)).withSessions(2,
                     PiperSettings.DEFAULT_GRAPH_OPTIMIZATION))) {
            byThreads[1] = new PiperVoice[] {load(one), load(one)};
            byThreads[2] = new PiperVoice[] {load(two), load(two)};
            for (int round = 1; round <= ROUNDS; round++) {
                for (Layout layout : layouts) {
                    runLayout(round, layout, byThreads[layout.threads()], sentence);
                }
            }
        } finally {
            for (PiperVoice[] pair : byThreads) {
                if (pair != null) {
                    Arrays.stream(pair).forEach(PiperVoice::close);
                }
            }
        }
    }

    private static PiperVoice load(PiperEngine engine) throws EngineException {
        return (PiperVoice) engine.load(Quality.MEDIUM.voiceId());
    }

    private static void runLayout(int round, Layout layout, PiperVoice[] voices, String sentence) throws Exception {
        ConcurrentLinkedQueue<Sentence> spoken = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long deadline = start + RUN_TIME.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < layout.workers(); w++) {
            PiperVoice voice = voices[w];
            workers.add(Thread.ofPlatform().name("worker-" + w).start(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        spoken.add(speak(voice, sentence));
                    }
                } catch (EngineException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double audio = spoken.stream().mapToDouble(Sentence::audioSeconds).sum();
        long[] first = spoken.stream().mapToLong(Sentence::firstNanos).sorted().toArray();
        long[] total = spoken.stream().mapToLong(Sentence::totalNanos).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %d | %s | %d | %.2f× | %.0f / %.0f | %.0f / %.0f | %s |%n", round, layout,
                total.length, audio / wall, percentile(first, 50) / 1e6, percentile(first, 90) / 1e6,
                percentile(total, 50) / 1e6, percentile(total, 90) / 1e6, loadAverage());
    }

    /** Part 3 in a fresh JVM with a worker's heap bound, so that nothing else this run loaded counts. */
    private static void memoryInFreshJvm(Path voices, Path texts) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("runtime-benchmark");
        try {
            for (String suffix : List.of(".onnx", ".onnx.json")) {
                Files.createSymbolicLink(dir.resolve(Quality.MEDIUM.voiceId() + suffix),
                        voices.resolve(Quality.MEDIUM.voiceId() + suffix));
                Files.createSymbolicLink(dir.resolve(SECOND_VOICE + suffix), voices.resolve(Quality.MEDIUM.voiceId() + suffix));
            }
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), WORKER_HEAP,
                    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                    "-D" + PiperEngine.NATIVE_PATH_PROPERTY + "=" + System.getProperty(PiperEngine.NATIVE_PATH_PROPERTY),
                    "-cp", System.getProperty("java.class.path"), RuntimeBenchmark.class.getName(), "memory",
                    dir.toString(), texts.toString());
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IOException("the memory run exited with " + exit);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static void memory(Path voices, String reply) throws Exception {
        System.out.printf(Locale.ROOT, "%n## Resident memory (a fresh JVM, %s; each voice speaks reply.txt twice "
                + "before the reading)%n%n", WORKER_HEAP);
        System.out.println("| state | VmRSS | RssAnon | heap committed | load avg |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        try (PiperEngine engine = new PiperEngine(PiperSettings.of(List.of(voices)))) {
            printMemory("engine made, no voice loaded");
            try (PiperVoice first = (PiperVoice) engine.load(Quality.MEDIUM.voiceId())) {
                printMemory("1 voice loaded");
                speakTwice(first, reply);
                printMemory("1 voice, after speaking");
                try (PiperVoice second = (PiperVoice) engine.load(SECOND_VOICE)) {
                    printMemory("2 voices loaded");
                    speakTwice(second, reply);
                    speakTwice(first, reply);
                    printMemory("2 voices, after speaking");
                }
                System.gc();
                printMemory("second voice closed");
            }
            System.gc();
            printMemory("both closed");
        }
    }

    private static void speakTwice(PiperVoice voice, String text) throws EngineException {
        for (int i = 0; i < 2; i++) {
            PiperSynthesis synthesis = voice.synthesize(text, SynthesisOptions.DEFAULT);
            while (synthesis.speakNext((samples, offset, length) -> true)) {
                // every sentence
            }
        }
    }

    private static void printMemory(String state) throws IOException {
        String status = Files.readString(Path.of("/proc/self/status"));
        System.out.printf(Locale.ROOT, "| %s | %d MiB | %d MiB | %d MiB | %s |%n", state, statusMiB(status, "VmRSS"),
                statusMiB(status, "RssAnon"), Runtime.getRuntime().totalMemory() >> 20, loadAverage());
    }

    private static long statusMiB(String status, String field) {
        String line = status.lines().filter(l -> l.startsWith(field + ":")).findFirst().orElseThrow();
        return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
    }

    /** Speaks the one-sentence text, piece by piece as a worker does. */
    private static Sentence speak(PiperVoice voice, String sentence) throws EngineException {
        long[] first = {-1};
        long[] samples = {0};
        long start = System.nanoTime();
        PcmSink sink = (pcm, offset, length) -> {
            if (first[0] < 0) {
                first[0] = System.nanoTime() - start;
            }
            samples[0] += length;
            return true;
        };
        PiperSynthesis synthesis = voice.synthesize(sentence, SynthesisOptions.DEFAULT);
        while (synthesis.speakNext(sink)) {
            // every piece
        }
        return new Sentence(first[0], System.nanoTime() - start, samples[0] / (double) voice.info().sampleRate());
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
