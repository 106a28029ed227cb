package org.assistantapi.workers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.Synthesis;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Voice;
import org.assistantapi.engines.espeak.EspeakEngine;
import org.assistantapi.text.TextFrontEnd;
import org.assistantapi.text.TextSettings;

/**
 * What the text front-end costs next to synthesis: a 4 KB Markdown reply normalized (median of
 * many runs after warm-up, as a long-running worker does it) against espeak-ng synthesizing the
 * normalized text once. Prints the numbers; not a test. Run: see docs/developer/benchmarks.md.
 */
public final class NormalizationBenchmark {

    private static final int WARM_UP = 200;
    private static final int RUNS = 101;

    private NormalizationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String voiceId = args.length > 1 ? args[1] : "espeak:en-us";
        String text = Files.readString(file);
        TextFrontEnd frontEnd = new TextFrontEnd(TextSettings.DEFAULT);
        String language = voiceId.substring(voiceId.indexOf(':') + 1);
        for (int i = 0; i < WARM_UP; i++) {
            frontEnd.normalize(text, language);
        }
        long[] nanos = new long[RUNS];
        String normalized = null;
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            normalized = frontEnd.normalize(text, language);
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        double normalizeMs = nanos[RUNS / 2] / 1e6;
        double firstMs;
        try (EspeakEngine engine = new EspeakEngine(); Voice voice = engine.load(voiceId)) {
            TextFrontEnd cold = new TextFrontEnd(TextSettings.DEFAULT);
            long coldStart = System.nanoTime();
            cold.normalize(text, language);
            firstMs = (System.nanoTime() - coldStart) / 1e6;
            long[] samples = new long[1];
            PcmSink sink = (pcm, offset, length) -> {
                samples[0] += length;
                return true;
            };
            long started = System.nanoTime();
            Synthesis synthesis = voice.synthesize(normalized, SynthesisOptions.DEFAULT);
            while (synthesis.speakNext(sink)) {
                // every sentence
            }
            double synthesisMs = (System.nanoTime() - started) / 1e6;
            double audioSeconds = samples[0] / (double) voice.info().sampleRate();
            System.out.printf("text: %s, %d characters, voice %s%n", file.getFileName(), text.codePointCount(0, text.length()), voiceId);
            System.out.printf("normalize: median %.2f ms of %d runs (first run in a fresh front-end: %.1f ms)%n",
                    normalizeMs, RUNS, firstMs);
            System.out.printf("synthesis (espeak-ng, normalized text): %.0f ms for %.1f s of audio%n", synthesisMs, audioSeconds);
            System.out.printf("normalization / synthesis: %.2f %%%n", 100 * normalizeMs / synthesisMs);
        }
    }
}
