package org.assistantapi.engines.piper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.piper.RealisticVoices.Quality;

/**
 * Decoder windows against whole sentences, side by side in one run, on the realistic medium and
 * x_low voices (one ONNX Runtime thread): for texts/twenty-words.txt, the time to the first audio
 * with windows, the time of the whole sentence without them, and each way's cost per second of
 * audio. Each way runs in a process of its own, as a worker would run it: in one process the
 * whole network's large, short-lived buffers leave the allocator's memory in a state that the
 * windows' runs then pay for (docs/developer/piper.md). The benchmark asks the two processes in
 * turn, so that the shared machine's load hits both alike, and its ratios are medians of each
 * run's own ratios (a run's windowed and whole sentences are measured back to back), which drift
 * with the machine's load less than the medians' ratios. Costs are per audio second, because the
 * voice's noise gives every rendering its own length. Not a unit test; run as documented in
 * docs/developer/piper.md: {@code ./mvnw -q -B -pl engines test-compile exec:exec@split-benchmark}.
 *
 * <p>Argument: the directory holding twenty-words.txt.
 */
public final class SplitBenchmark {

    /**
     * Sentences each process speaks before the counted ones: its JIT settles, and its native heap
     * grows to where it stays (a windowed x_low voice: ~40 sentences, page faults until then).
     */
    private static final int WARM_UPS = 40;
    private static final int RUNS = 25;
    private static final String SPEAKER = "speaker";
    private static final String SPEAK = "speak";

    /** One sentence spoken (phonemized, synthesized, converted) by a speaker process. */
    private record Run(long firstNanos, long totalNanos, long cpuNanos, long samples, long pageFaults) {

        String line() {
            return firstNanos + " " + totalNanos + " " + cpuNanos + " " + samples + " " + pageFaults;
        }

        static Run parse(String line) {
            String[] fields = line.split(" ");
            return new Run(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                    Long.parseLong(fields[3]), Long.parseLong(fields[4]));
        }

        double wallPerSample() {
            return (double) totalNanos / samples;
        }

        double cpuPerSample() {
            return (double) cpuNanos / samples;
        }
    }

    private SplitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String sentence = Files.readString(Path.of(args[0]).resolve("twenty-words.txt")).strip();
        if (args.length == 4 && args[1].equals(SPEAKER)) {
            speak(sentence, Quality.valueOf(args[2]), Boolean.parseBoolean(args[3]));
            return;
        }
        PiperSettings settings = PiperSettings.of(List.of(RealisticVoices.directory(Quality.MEDIUM, Quality.X_LOW)));
        System.out.printf("%d cores, Java %s, one ONNX Runtime thread, a process per way, median of %d runs after %d"
                        + " warm-ups%n", Runtime.getRuntime().availableProcessors(), Runtime.version(), RUNS, WARM_UPS);
        System.out.printf("\"%s\" (%d words); windows: first %d ms, then %d ms%n%n", sentence,
                sentence.split("\\s+").length, settings.firstWindow().toMillis(), settings.window().toMillis());
        System.out.printf("%-24s %7s %12s %15s %11s %16s %15s %21s %15s%n", "voice", "audio", "first audio",
                "whole sentence", "first/whole", "windowed wall/s", "windowed CPU/s", "CPU/s, quietest 1/4", "page faults");
        for (Quality quality : Quality.values()) {
            compare(args[0], quality);
        }
    }

    private static void compare(String texts, Quality quality) throws IOException {
        List<Run> windowedRuns = new ArrayList<>();
        List<Run> wholeRuns = new ArrayList<>();
        int sampleRate;
        try (SpeakerProcess windowed = new SpeakerProcess(texts, quality, true);
             SpeakerProcess whole = new SpeakerProcess(texts, quality, false)) {
            sampleRate = windowed.sampleRate();
            for (int i = 0; i < WARM_UPS + RUNS; i++) {
                // Which goes first alternates, so that neither always follows the other's run.
                Run w;
                Run u;
                if (i % 2 == 0) {
                    w = windowed.speak();
                    u = whole.speak();
                } else {
                    u = whole.speak();
                    w = windowed.speak();
                }
                if (i >= WARM_UPS) {
                    windowedRuns.add(w);
                    wholeRuns.add(u);
                }
            }
        }
        double audio = windowedRuns.stream().mapToLong(Run::samples).average().orElseThrow() / sampleRate;
        System.out.printf("%-24s %6.2fs %9.1f ms %12.1f ms %10.0f%% %15.2f× %14.2f× %20.2f× %7.0f / %.0f%n",
                quality.voiceId(), audio, median(windowedRuns, Run::firstNanos) / 1e6,
                median(wholeRuns, Run::totalNanos) / 1e6,
                100 * medianRatio(windowedRuns, wholeRuns, Run::firstNanos, Run::totalNanos),
                medianRatio(windowedRuns, wholeRuns, Run::wallPerSample, Run::wallPerSample),
                medianRatio(windowedRuns, wholeRuns, Run::cpuPerSample, Run::cpuPerSample),
                quartile(windowedRuns, Run::cpuPerSample) / quartile(wholeRuns, Run::cpuPerSample),
                median(windowedRuns, Run::pageFaults), median(wholeRuns, Run::pageFaults));
    }

    /** A speaker process's side: loads the voice one way, then speaks the sentence for each line read. */
    private static void speak(String sentence, Quality quality, boolean windowed) throws Exception {
        PiperSettings settings = PiperSettings.of(List.of(RealisticVoices.directory(Quality.MEDIUM, Quality.X_LOW)));
        if (!windowed) {
            settings = settings.withWindows(Duration.ZERO, settings.window());
        }
        PrintStream out = System.out;
        try (PiperEngine engine = new PiperEngine(settings);
             PiperVoice voice = (PiperVoice) engine.load(quality.voiceId());
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            if (voice.windowed() != windowed) {
                throw new IllegalStateException(quality + " did not load " + (windowed ? "windowed" : "whole"));
            }
            out.println(voice.info().sampleRate());
            out.flush();
            for (String line = in.readLine(); SPEAK.equals(line); line = in.readLine()) {
                out.println(run(voice, sentence).line());
                out.flush();
            }
        }
    }

    private static Run run(PiperVoice voice, String sentence) throws Exception {
        long[] first = {-1};
        long faultsBefore = pageFaults();
        long cpuStart = threadCpuNanos();
        long start = System.nanoTime();
        PcmSink sink = (pcm, offset, length) -> {
            if (first[0] < 0) {
                first[0] = System.nanoTime() - start;
            }
            return true;
        };
        long samples = 0;
        PiperSynthesis synthesis = voice.synthesize(sentence, SynthesisOptions.DEFAULT);
        for (SentenceTimings call = synthesis.speakNextTimed(sink); call != null; call = synthesis.speakNextTimed(sink)) {
            samples += call.samples(); // a windowed voice: a window per call
        }
        long total = System.nanoTime() - start;
        return new Run(first[0], total, threadCpuNanos() - cpuStart, samples, pageFaults() - faultsBefore);
    }

    /**
     * The process's minor page faults so far ({@code /proc/self/stat}'s tenth field): memory the
     * kernel had to hand the process anew. On the shared machine a run with thousands of them costs
     * a third more than one without, whichever way it speaks.
     */
    private static long pageFaults() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
    }

    /**
     * CPU time of this thread in nanoseconds (the kernel's schedstat): ONNX Runtime with one intra-op
     * thread computes on the caller's, so this is a sentence's compute, whatever else the shared
     * machine runs meanwhile.
     */
    private static long threadCpuNanos() throws IOException {
        return Long.parseLong(Files.readString(Path.of("/proc/thread-self/schedstat")).split(" ")[0]);
    }

    /** The median over runs of a windowed run's value over the whole run's measure next to it. */
    private static double medianRatio(List<Run> windowed, List<Run> whole, ToDoubleFunction<Run> value,
                                      ToDoubleFunction<Run> measure) {
        double[] ratios = java.util.stream.IntStream.range(0, windowed.size())
                .mapToDouble(i -> value.applyAsDouble(windowed.get(i)) / measure.applyAsDouble(whole.get(i)))
                .sorted().toArray();
        return ratios[ratios.length / 2];
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        return runs.stream().mapToDouble(value).sorted().toArray()[runs.size() / 2];
    }

    /** The lower quartile: what a way costs in its quieter runs, which the machine's noise reaches least. */
    private static double quartile(List<Run> runs, ToDoubleFunction<Run> value) {
        return runs.stream().mapToDouble(value).sorted().toArray()[runs.size() / 4];
    }

    /**
     * This class run as a speaker in a JVM like this one (ONNX Runtime's native library from the
     * same place); the workers' malloc settings come with the environment.
     */
    private static final class SpeakerProcess implements AutoCloseable {
        private static final String NATIVE_PATH = "onnxruntime.native.path";
        private final Process process;
        private final BufferedReader out;
        private final Writer in;
        private final int sampleRate;

        SpeakerProcess(String texts, Quality quality, boolean windowed) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElseThrow());
            // -Xmx512m: the workers' heap (core's WorkerSettings), which a JVM's default would exceed.
            command.addAll(List.of("-Xmx512m", "--enable-native-access=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow", "-D" + NATIVE_PATH + "=" + System.getProperty(NATIVE_PATH)));
            command.addAll(List.of("-classpath", System.getProperty("java.class.path"), SplitBenchmark.class.getName(),
                    texts, SPEAKER, quality.name(), Boolean.toString(windowed)));
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = process.inputReader(StandardCharsets.UTF_8);
            in = process.outputWriter(StandardCharsets.UTF_8);
            sampleRate = Integer.parseInt(readLine());
        }

        /** The voice's sample rate, which the process prints once it has loaded the voice. */
        int sampleRate() {
            return sampleRate;
        }

        Run speak() throws IOException {
            in.append(SPEAK).append('\n').flush();
            return Run.parse(readLine());
        }

        private String readLine() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("the speaker process ended (exit " + process.onExit().join().exitValue() + ")");
            }
            return line;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
