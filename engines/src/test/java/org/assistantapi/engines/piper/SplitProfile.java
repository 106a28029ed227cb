package org.assistantapi.engines.piper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.assistantapi.engines.piper.RealisticVoices.Quality;

/**
 * Where a windowed sentence's time goes, part by part, against the whole network, on the realistic
 * voices with the noise scales at 0 (so every run renders the same frames): the whole network; the
 * front alone; the front and the flow and decoder over all frames in one window (the cost of
 * splitting, without windows); the front and the configured windows; and the front with the
 * windows up to each one. Two rounds per voice, median of 9 each, with the load average after
 * each round. Not a unit test; run as documented in docs/developer/piper.md:
 * {@code ./mvnw -q -B -pl engines test-compile exec:exec@split-profile}.
 *
 * <p>Argument: the directory holding twenty-words.txt.
 */
public final class SplitProfile {

    private static final int RUNS = 9;

    /** One timed step. */
    private interface Step {
        void run() throws Exception;
    }

    private SplitProfile() {
    }

    private static double med(int n, Step s) throws Exception {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) { long a = System.nanoTime(); s.run(); t[i] = System.nanoTime() - a; }
        Arrays.sort(t);
        return t[n / 2] / 1e6;
    }

    public static void main(String[] args) throws Exception {
        String sentence = Files.readString(Path.of(args[0]).resolve("twenty-words.txt")).strip();
        Path voices = RealisticVoices.directory(Quality.MEDIUM, Quality.X_LOW);
        PiperSettings windowed = PiperSettings.of(List.of(voices));
        PiperSettings whole = windowed.withWindows(Duration.ZERO, windowed.window());
        for (Quality q : new Quality[] {Quality.X_LOW, Quality.MEDIUM}) {
            try (PiperEngine se = new PiperEngine(windowed); PiperEngine we = new PiperEngine(whole);
                 PiperVoice sv = (PiperVoice) se.load(q.voiceId()); PiperVoice wv = (PiperVoice) we.load(q.voiceId())) {
                String ph = sv.phonemize(sentence).getFirst().phonemes();
                long[] ids = sv.ids(ph).ids();
                PiperModel.Scales quiet = new PiperModel.Scales(0f, 1f, 0f);
                SplitNetwork net = sv.model().split().orElseThrow();
                PiperModel wm = wv.model();
                int frames = net.front(ids, quiet, -1).frames();
                List<DecoderWindows.Window> plan = sv.windows().plan(frames);
                int n = RUNS;
                for (int w = 0; w < 3; w++) { wm.infer(ids, quiet, -1); net.front(ids, quiet, -1); }
                for (int round = 0; round < 2; round++) {
                double tWhole = med(n, () -> wm.infer(ids, quiet, -1));
                double tFront = med(n, () -> net.front(ids, quiet, -1));
                double tOne = med(n, () -> { var fr = net.front(ids, quiet, -1); net.decode(fr, 0, frames, -1); });
                double tWin = med(n, () -> { var fr = net.front(ids, quiet, -1); for (var win : plan) net.decode(fr, win.start(), win.end(), -1); });
                StringBuilder per = new StringBuilder();
                for (int k = 0; k < plan.size(); k++) {
                    final int kk = k;
                    double tk = med(n, () -> { var fr = net.front(ids, quiet, -1); for (int j = 0; j <= kk; j++) net.decode(fr, plan.get(j).start(), plan.get(j).end(), -1); });
                    per.append(String.format(" upto-window%d %.1f", k, tk));
                }
                System.out.printf("%s frames %d plan %s: whole %.1f front %.1f front+one-window %.1f front+windows %.1f %s load %s%n",
                        q, frames, plan, tWhole, tFront, tOne, tWin, per,
                        Files.readString(Path.of("/proc/loadavg")).strip());
                }
            }
        }
    }
}
