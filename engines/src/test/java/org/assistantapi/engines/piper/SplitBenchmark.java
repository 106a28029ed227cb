package org.assistantapi.engines.piper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.piper.RealisticVoices.Quality;

/**
 * Decoder windows against whole sentences, side by side in one run, on the realistic medium and
 * x_low voices (one ONNX Runtime thread): for texts/twenty-words.txt, the time to the first audio
 * with windows, the time of the whole sentence without them, and each way's total time. Runs
 * alternate between the two loads of the voice so that the shared machine's load hits both alike,
 * and the ratios are medians of each run's own ratios (a run's windowed and whole sentence are
 * measured back to back), which drift with the machine's load less than the medians' ratios.
 * Not a unit test; run as documented in docs/developer/piper.md:
 * {@code ./mvnw -q -B -pl engines test-compile exec:exec@split-benchmark}.
 *
 * <p>Argument: the directory holding twenty-words.txt.
 */
public final class SplitBenchmark {

    private static final int WARM_UPS = 2;
    private static final int RUNS = 15;

    /** One sentence spoken (phonemized, synthesized, converted): its first audio and its end, from the call. */
    private record Run(long firstNanos, long totalNanos, long cpuNanos) {
    }

    /**
     * CPU time of this thread in nanoseconds (the kernel's schedstat): ONNX Runtime with one intra-op
     * thread computes on the caller's, so this is a sentence's compute, whatever else the shared
     * machine runs meanwhile.
     */
    private static long threadCpuNanos() throws java.io.IOException {
        return Long.parseLong(Files.readString(Path.of("/proc/thread-self/schedstat")).split(" ")[0]);
    }

    private SplitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String sentence = Files.readString(Path.of(args[0]).resolve("twenty-words.txt")).strip();
        Path voices = RealisticVoices.directory(Quality.MEDIUM, Quality.X_LOW);
        PiperSettings windowed = PiperSettings.of(List.of(voices));
        PiperSettings whole = windowed.withWindows(Duration.ZERO, windowed.window());
        System.out.printf("%d cores, Java %s, one ONNX Runtime thread, median of %d runs after %d warm-ups%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), RUNS, WARM_UPS);
        System.out.printf("\"%s\" (%d words); windows: first %d ms, then %d ms%n%n", sentence,
                sentence.split("\\s+").length, windowed.firstWindow().toMillis(), windowed.window().toMillis());
        System.out.printf("%-24s %8s %7s %14s %14s %11s %14s %16s%n", "voice", "audio", "context", "first audio",
                "whole sentence", "first/whole", "total windowed", "CPU windowed");
        for (Quality quality : Quality.values()) {
            try (PiperEngine splitEngine = new PiperEngine(windowed);
                 PiperEngine wholeEngine = new PiperEngine(whole);
                 PiperVoice split = (PiperVoice) splitEngine.load(quality.voiceId());
                 PiperVoice unsplit = (PiperVoice) wholeEngine.load(quality.voiceId())) {
                if (!split.windowed() || unsplit.windowed()) {
                    throw new IllegalStateException(quality + " did not split as configured");
                }
                List<Run> splitRuns = new ArrayList<>();
                List<Run> wholeRuns = new ArrayList<>();
                long[] samples = {0};
                for (int i = 0; i < WARM_UPS + RUNS; i++) {
                    Run s = run(split, sentence, samples);
                    Run w = run(unsplit, sentence, samples);
                    if (i >= WARM_UPS) {
                        splitRuns.add(s);
                        wholeRuns.add(w);
                    }
                }
                double audio = (double) samples[0] / (2 * (WARM_UPS + RUNS)) / split.info().sampleRate();
                long first = median(splitRuns, Run::firstNanos);
                long splitTotal = median(splitRuns, Run::totalNanos);
                long wholeTotal = median(wholeRuns, Run::totalNanos);
                System.out.printf("%-24s %7.2fs %7d %11.1f ms %11.1f ms %10.0f%% %11.1f ms (%.2f×) %9.1f ms (%.2f×)%n",
                        quality.voiceId(), audio, split.model().split().orElseThrow().field().contextFrames(),
                        first / 1e6, wholeTotal / 1e6, 100 * medianRatio(splitRuns, wholeRuns, Run::firstNanos, Run::totalNanos),
                        splitTotal / 1e6, medianRatio(splitRuns, wholeRuns, Run::totalNanos, Run::totalNanos),
                        median(splitRuns, Run::cpuNanos) / 1e6, medianRatio(splitRuns, wholeRuns, Run::cpuNanos, Run::cpuNanos));
            }
        }
    }

    private static Run run(PiperVoice voice, String sentence, long[] samples) throws Exception {
        long[] first = {-1};
        long cpuStart = threadCpuNanos();
        long start = System.nanoTime();
        PcmSink sink = (pcm, offset, length) -> {
            if (first[0] < 0) {
                first[0] = System.nanoTime() - start;
            }
            return true;
        };
        PiperSynthesis synthesis = voice.synthesize(sentence, SynthesisOptions.DEFAULT);
        for (SentenceTimings call = synthesis.speakNextTimed(sink); call != null; call = synthesis.speakNextTimed(sink)) {
            samples[0] += call.samples(); // a windowed voice: a window per call
        }
        long total = System.nanoTime() - start;
        return new Run(first[0], total, threadCpuNanos() - cpuStart);
    }

    /** The median over runs of a windowed run's value over the whole run's measure next to it. */
    private static double medianRatio(List<Run> split, List<Run> whole, ToLongFunction<Run> value, ToLongFunction<Run> measure) {
        double[] ratios = java.util.stream.IntStream.range(0, split.size())
                .mapToDouble(i -> (double) value.applyAsLong(split.get(i)) / measure.applyAsLong(whole.get(i))).sorted().toArray();
        return ratios[ratios.length / 2];
    }

    private static long median(List<Run> runs, ToLongFunction<Run> value) {
        return runs.stream().mapToLong(value).sorted().toArray()[runs.size() / 2];
    }
}
