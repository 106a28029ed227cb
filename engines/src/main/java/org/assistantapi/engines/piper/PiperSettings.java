package org.assistantapi.engines.piper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the Piper engine finds and runs its voices.
 *
 * @param voiceDirs       directories holding {@code <id>.onnx} + {@code <id>.onnx.json}; the first
 *                        directory wins when two hold the same id; missing directories are skipped
 * @param sentenceSilence silence spoken after each sentence (Piper's {@code --sentence_silence})
 * @param intraOpThreads  ONNX Runtime threads per inference (0 lets ONNX Runtime use every core)
 * @param firstWindow     audio of a sentence's first decoder window, for voices whose network can be
 *                        split; zero runs every voice whole, a sentence per inference
 * @param window          audio of each later decoder window
 * @param pieceBudget     how long one inference may hold the worker: a longer sentence is spoken in pieces
 * @param firstPieceBudget the same for a text's first piece, kept short so its first audio comes early
 * @param graphOptimization how far ONNX Runtime rewrites a voice's graph when it loads
 */
public record PiperSettings(List<Path> voiceDirs, Duration sentenceSilence, int intraOpThreads, Duration firstWindow,
                            Duration window, Duration pieceBudget, Duration firstPieceBudget,
                            GraphOptimization graphOptimization) {

    public static final Duration DEFAULT_SENTENCE_SILENCE = Duration.ofMillis(200);
    public static final int DEFAULT_INTRA_OP_THREADS = 1;
    /** Short, so a sentence's first audio comes after little more than the front's work. */
    public static final Duration DEFAULT_FIRST_WINDOW = Duration.ofMillis(250);
    /** Long, because every window boundary decodes the receptive field's frames twice. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(4);
    public static final Duration DEFAULT_PIECE_BUDGET = Duration.ofMillis(300);
    public static final Duration DEFAULT_FIRST_PIECE_BUDGET = Duration.ofMillis(120);
    /** ONNX Runtime's own default; see docs/developer/benchmarks.md for what the levels cost. */
    public static final GraphOptimization DEFAULT_GRAPH_OPTIMIZATION = GraphOptimization.ALL;

    public PiperSettings {
        voiceDirs = List.copyOf(voiceDirs);
        Objects.requireNonNull(sentenceSilence, "sentenceSilence");
        Objects.requireNonNull(graphOptimization, "graphOptimization");
        if (sentenceSilence.isNegative()) {
            throw new IllegalArgumentException("sentenceSilence must not be negative: " + sentenceSilence);
        }
        if (!pieceBudget.isPositive() || !firstPieceBudget.isPositive()) {
            throw new IllegalArgumentException("piece budgets must be positive: " + pieceBudget + ", " + firstPieceBudget);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must not be negative: " + intraOpThreads);
        }
        if (firstWindow.isNegative() || !window.isPositive()) {
            throw new IllegalArgumentException("decoder windows must be positive (the first may be zero): "
                    + firstWindow + ", " + window);
        }
    }

    /** Default decoder windows, piece budgets and graph optimization. */
    public PiperSettings(List<Path> voiceDirs, Duration sentenceSilence, int intraOpThreads) {
        this(voiceDirs, sentenceSilence, intraOpThreads, DEFAULT_FIRST_WINDOW, DEFAULT_WINDOW, DEFAULT_PIECE_BUDGET,
                DEFAULT_FIRST_PIECE_BUDGET, DEFAULT_GRAPH_OPTIMIZATION);
    }

    /** Whether voices are split and sentences decoded in windows. */
    boolean splits() {
        return firstWindow.isPositive();
    }

    /** The windows in latent frames of {@code hop} samples at {@code sampleRate}. */
    DecoderWindows windows(int sampleRate, int hop) {
        return new DecoderWindows(frames(firstWindow, sampleRate, hop), frames(window, sampleRate, hop));
    }

    private static int frames(Duration audio, int sampleRate, int hop) {
        return (int) Math.max(1, Math.ceilDiv(audio.toNanos() * sampleRate, 1_000_000_000L * hop));
    }

    /** How ONNX Runtime runs the voices' sessions. */
    SessionTuning sessionTuning() {
        return new SessionTuning(intraOpThreads, graphOptimization);
    }

    /** These settings with other decoder windows. */
    public PiperSettings withWindows(Duration first, Duration later) {
        return new PiperSettings(voiceDirs, sentenceSilence, intraOpThreads, first, later, pieceBudget, firstPieceBudget,
                graphOptimization);
    }

    /** These settings with other piece budgets. */
    public PiperSettings withPieceBudgets(Duration first, Duration later) {
        return new PiperSettings(voiceDirs, sentenceSilence, intraOpThreads, firstWindow, window, later, first,
                graphOptimization);
    }

    /** These settings with other ONNX Runtime session options. */
    public PiperSettings withSessions(int threads, GraphOptimization optimization) {
        return new PiperSettings(voiceDirs, sentenceSilence, threads, firstWindow, window, pieceBudget, firstPieceBudget,
                optimization);
    }

    /** The given voice directories with the default silence and threads. */
    public static PiperSettings of(List<Path> voiceDirs) {
        return new PiperSettings(voiceDirs, DEFAULT_SENTENCE_SILENCE, DEFAULT_INTRA_OP_THREADS);
    }
}
