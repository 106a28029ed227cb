package org.assistantapi.engines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.assistantapi.engines.espeak.EspeakEngine;
import org.assistantapi.engines.piper.PiperEngine;
import org.assistantapi.engines.piper.PiperSettings;
import org.assistantapi.engines.piper.PiperSynthesis;
import org.assistantapi.engines.piper.SentenceTimings;

/**
 * Real-time factors of the espeak-ng engine and of the Piper engine on the test voice, and where
 * Piper's time goes per sentence. Not a unit test; run as documented in docs/developer/piper.md:
 * {@code ./mvnw -q -B -pl engines test-compile exec:exec@benchmark}.
 *
 * <p>Arguments: the directory holding reply.txt and long.txt, and the Piper voice directory.
 */
public final class EngineBenchmark {

    private static final int WARM_UPS = 3;
    private static final int RUNS = 9;
    private static final String PIPER_VOICE = "en_US-tones-medium";

    /** One text spoken to the end; the step times are Piper's (zero for espeak). */
    private record Run(long nanos, long samples, int sentences, long phonemize, long ids, long inference,
                       long conversion) {
    }

    private EngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path texts = Path.of(args[0]);
        Path voices = Path.of(args[1]);
        System.out.printf("%d cores, Java %s, median of %d runs after %d warm-ups%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), RUNS, WARM_UPS);
        try (EspeakEngine espeak = new EspeakEngine();
             PiperEngine piper = new PiperEngine(PiperSettings.of(List.of(voices)));
             Voice espeakVoice = espeak.load("espeak:en-us");
             Voice piperVoice = piper.load(PIPER_VOICE)) {
            for (String name : List.of("reply.txt", "long.txt")) {
                String text = Files.readString(texts.resolve(name));
                System.out.printf("%n%s (%d words)%n", name, text.split("\\s+").length);
                report(espeakVoice, median(espeakVoice, text));
                report(piperVoice, median(piperVoice, text));
            }
        }
    }

    private static Run median(Voice voice, String text) throws EngineException {
        for (int i = 0; i < WARM_UPS; i++) {
            run(voice, text);
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add(run(voice, text));
        }
        runs.sort(Comparator.comparingLong(Run::nanos));
        return runs.get(RUNS / 2);
    }

    private static Run run(Voice voice, String text) throws EngineException {
        long[] samples = {0};
        PcmSink sink = (pcm, offset, length) -> {
            samples[0] += length;
            return true;
        };
        long start = System.nanoTime();
        Synthesis synthesis = voice.synthesize(text, SynthesisOptions.DEFAULT);
        int sentences = 0;
        long ids = 0;
        long inference = 0;
        long conversion = 0;
        long phonemize = 0;
        if (synthesis instanceof PiperSynthesis timed) {
            phonemize = timed.phonemizeNanos();
            for (SentenceTimings t = timed.speakNextTimed(sink); t != null; t = timed.speakNextTimed(sink)) {
                sentences++;
                ids += t.idsNanos();
                inference += t.inferenceNanos();
                conversion += t.conversionNanos();
            }
        } else {
            while (synthesis.speakNext(sink)) {
                sentences++;
            }
        }
        return new Run(System.nanoTime() - start, samples[0], sentences, phonemize, ids, inference, conversion);
    }

    private static void report(Voice voice, Run run) {
        double seconds = run.nanos() / 1e9;
        double audio = (double) run.samples() / voice.info().sampleRate();
        System.out.printf("  %-20s %3d sentences, %6.1f ms for %6.1f s of audio: RTF %.5f (%,.0f× real time)%n",
                voice.info().id(), run.sentences(), seconds * 1e3, audio, seconds / audio, audio / seconds);
        if (run.phonemize() > 0) {
            System.out.printf("  %-20s per sentence: phonemize %.3f ms, ids %.3f ms, inference %.3f ms, "
                    + "conversion %.3f ms%n", "", perSentence(run.phonemize(), run), perSentence(run.ids(), run),
                    perSentence(run.inference(), run), perSentence(run.conversion(), run));
        }
    }

    private static double perSentence(long nanos, Run run) {
        return nanos / 1e6 / run.sentences();
    }
}
