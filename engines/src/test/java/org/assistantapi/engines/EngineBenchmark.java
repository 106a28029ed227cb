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
import org.assistantapi.engines.piper.RealisticVoices;
import org.assistantapi.engines.piper.RealisticVoices.Quality;
import org.assistantapi.engines.piper.SentenceTimings;

/**
 * Real-time factors of the espeak-ng engine, of the Piper engine on the tone test voice and on the
 * realistic voices (Piper's medium and x_low networks, {@link RealisticVoices}; generated on the
 * first run), and where Piper's time goes per sentence. ONNX Runtime runs on one thread. Not a unit
 * test; run as documented in docs/developer/piper.md:
 * {@code ./mvnw -q -B -pl engines test-compile exec:exec@benchmark}.
 *
 * <p>Arguments: the directory holding reply.txt and long.txt, and the tone voice's directory.
 */
public final class EngineBenchmark {

    private static final int WARM_UPS = 3;
    private static final int RUNS = 9;
    /** The realistic voices cost seconds per run: fewer runs, and only on the reply. */
    private static final int REALISTIC_WARM_UPS = 1;
    private static final int REALISTIC_RUNS = 3;
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
        Path realistic = RealisticVoices.directory(Quality.MEDIUM, Quality.X_LOW);
        System.out.printf("%d cores, Java %s, median of %d runs after %d warm-ups (realistic voices: %d after %d)%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), RUNS, WARM_UPS, REALISTIC_RUNS,
                REALISTIC_WARM_UPS);
        try (EspeakEngine espeak = new EspeakEngine();
             PiperEngine piper = new PiperEngine(PiperSettings.of(List.of(voices, realistic)));
             Voice espeakVoice = espeak.load("espeak:en-us");
             Voice piperVoice = piper.load(PIPER_VOICE)) {
            for (String name : List.of("reply.txt", "long.txt")) {
                String text = Files.readString(texts.resolve(name));
                System.out.printf("%n%s (%d words)%n", name, words(text));
                report(espeakVoice, median(espeakVoice, text, WARM_UPS, RUNS));
                report(piperVoice, median(piperVoice, text, WARM_UPS, RUNS));
            }
            String reply = Files.readString(texts.resolve("reply.txt"));
            System.out.printf("%nreply.txt (%d words), realistic voices%n", words(reply));
            for (Quality quality : Quality.values()) {
                try (Voice voice = piper.load(quality.voiceId())) {
                    report(voice, median(voice, reply, REALISTIC_WARM_UPS, REALISTIC_RUNS));
                }
            }
        }
    }

    private static int words(String text) {
        return text.split("\\s+").length;
    }

    private static Run median(Voice voice, String text, int warmUps, int count) throws EngineException {
        for (int i = 0; i < warmUps; i++) {
            run(voice, text);
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(run(voice, text));
        }
        runs.sort(Comparator.comparingLong(Run::nanos));
        return runs.get(count / 2);
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
                sentences += t.ids() > 0 ? 1 : 0; // a windowed voice's later windows have no ids of their own
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
