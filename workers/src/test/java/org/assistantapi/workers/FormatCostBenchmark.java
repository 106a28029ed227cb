package org.assistantapi.workers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.assistantapi.encoders.AudioEncoder;
import org.assistantapi.encoders.AudioFormat;
import org.assistantapi.encoders.EncoderSettings;
import org.assistantapi.encoders.Encoders;
import org.assistantapi.engines.Synthesis;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Voice;
import org.assistantapi.engines.piper.PiperEngine;
import org.assistantapi.engines.piper.PiperSettings;

/**
 * What each output format adds to a worker's work, beside the synthesis it encodes: the realistic
 * medium Piper voice speaks reply.txt, and the PCM it gave, in the chunks it gave them, is encoded
 * in every format at the rate a request gets by default, and in mp3 and opus at several LAME
 * qualities and Opus complexities. Costs are CPU time of this process and its children (ffmpeg for
 * aac) per second of audio; the share is encoding / synthesis, both measured in the same round.
 * Rounds alternate everything, so the shared machine's load hits all alike. Not a unit test; run as
 * documented in docs/developer/benchmarks.md:
 * {@code ./mvnw -q -B -pl workers -am test-compile exec:exec@format-cost-benchmark}.
 *
 * <p>Arguments: the directory holding reply.txt, and make_realistic_voices.py.
 */
public final class FormatCostBenchmark {

    private static final String VOICE = "en_US-realistic-medium";
    private static final int ROUNDS = 3;
    /** Encoding is cheap next to synthesis: each round encodes the reply this many times. */
    private static final int ENCODES_PER_ROUND = 4;
    private static final double CLOCK_TICKS_PER_SECOND = 100;

    /** A format with the encoder settings it runs with. */
    private record Variant(String name, AudioFormat format, EncoderSettings settings) {
    }

    private FormatCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String reply = Files.readString(Path.of(args[0]).resolve("reply.txt"));
        Path voices = realisticVoices(Path.of(args[1]));
        List<Variant> variants = variants();
        double[] synthesis = new double[ROUNDS];
        double[][] encoding = new double[variants.size()][ROUNDS];
        try (PiperEngine engine = new PiperEngine(PiperSettings.of(List.of(voices)));
             Voice voice = engine.load(VOICE)) {
            int rate = voice.info().sampleRate();
            List<short[]> chunks = speak(voice, reply);
            for (Variant variant : variants) {
                encode(variant, chunks, rate); // warm-up
            }
            System.out.printf(Locale.ROOT, "%s, reply.txt: %.1f s of audio in %d chunks; %d rounds, load average %s%n",
                    VOICE, seconds(chunks, rate), chunks.size(), ROUNDS, loadAverage());
            for (int round = 0; round < ROUNDS; round++) {
                double start = cpuSeconds();
                chunks = speak(voice, reply);
                double audioSeconds = seconds(chunks, rate);
                synthesis[round] = (cpuSeconds() - start) * 1000 / audioSeconds;
                for (int v = 0; v < variants.size(); v++) {
                    start = cpuSeconds();
                    for (int i = 0; i < ENCODES_PER_ROUND; i++) {
                        encode(variants.get(v), chunks, rate);
                    }
                    encoding[v][round] = (cpuSeconds() - start) * 1000 / (audioSeconds * ENCODES_PER_ROUND);
                }
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n%n", loadAverage());
        System.out.printf(Locale.ROOT, "synthesis: %s ms CPU per audio s (median, min–max)%n%n", spread(synthesis));
        System.out.println("| format | encoding ms CPU per audio s | share of synthesis (median, min–max) |");
        System.out.println("| --- | ---: | ---: |");
        for (int v = 0; v < variants.size(); v++) {
            double[] shares = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                shares[round] = 100 * encoding[v][round] / synthesis[round];
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s %% |%n", variants.get(v).name(), spread(encoding[v]), spread(shares));
        }
    }

    private static List<Variant> variants() {
        EncoderSettings defaults = EncoderSettings.defaults();
        List<Variant> variants = new ArrayList<>();
        for (AudioFormat format : List.of(AudioFormat.PCM, AudioFormat.WAV, AudioFormat.FLAC, AudioFormat.AAC)) {
            variants.add(new Variant(format.id(), format, defaults));
        }
        for (int quality : new int[] {5, 7, 9}) {
            variants.add(new Variant("mp3 q" + quality, AudioFormat.MP3, new EncoderSettings(defaults.mp3BitrateKbps(),
                    quality, defaults.opusBitrateKbps(), defaults.opusComplexity(), defaults.opusPageIntervalMs(),
                    defaults.aacBitrateKbps())));
        }
        for (int complexity : new int[] {5, 3, 2, 1, 0}) {
            variants.add(new Variant("opus c" + complexity, AudioFormat.OPUS, new EncoderSettings(defaults.mp3BitrateKbps(),
                    defaults.mp3Quality(), defaults.opusBitrateKbps(), complexity, defaults.opusPageIntervalMs(),
                    defaults.aacBitrateKbps())));
        }
        return variants;
    }

    /** Speaks the text; the PCM chunks as the engine handed them over. */
    private static List<short[]> speak(Voice voice, String text) throws Exception {
        List<short[]> chunks = new ArrayList<>();
        Synthesis synthesis = voice.synthesize(text, SynthesisOptions.DEFAULT);
        while (synthesis.speakNext((pcm, offset, length) -> chunks.add(Arrays.copyOfRange(pcm, offset, offset + length)))) {
            // every piece
        }
        return chunks;
    }

    private static double seconds(List<short[]> chunks, int rate) {
        return chunks.stream().mapToInt(chunk -> chunk.length).sum() / (double) rate;
    }

    private static void encode(Variant variant, List<short[]> chunks, int rate) throws IOException {
        try (AudioEncoder encoder = Encoders.open(variant.format(), rate, variant.format().defaultRate(rate),
                variant.settings(), OutputStream.nullOutputStream())) {
            for (short[] chunk : chunks) {
                encoder.encode(chunk, 0, chunk.length);
            }
            encoder.finish();
        }
    }

    /** CPU time of this process and of its children that have exited (ffmpeg), in seconds. */
    private static double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // Fields after the command name (in parentheses): utime, stime, cutime, cstime are 14–17.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = 0;
        for (int field = 14; field <= 17; field++) {
            ticks += Long.parseLong(fields[field - 3]);
        }
        return ticks / CLOCK_TICKS_PER_SECOND;
    }

    private static String spread(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    /** The realistic voices' directory, as the generator prints it (made on its first run). */
    private static Path realisticVoices(Path generator) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/python3", generator.toString(), "medium")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IOException(generator + " failed: " + output);
        }
        return Path.of(output.substring(output.lastIndexOf('\n') + 1));
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
