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
 * @param pieceBudget     how long one inference may hold the worker: a longer sentence is spoken in pieces
 * @param firstPieceBudget the same for a text's first piece, kept short so its first audio comes early
 */
public record PiperSettings(List<Path> voiceDirs, Duration sentenceSilence, int intraOpThreads,
                            Duration pieceBudget, Duration firstPieceBudget) {

    public static final Duration DEFAULT_SENTENCE_SILENCE = Duration.ofMillis(200);
    public static final int DEFAULT_INTRA_OP_THREADS = 1;
    public static final Duration DEFAULT_PIECE_BUDGET = Duration.ofMillis(300);
    public static final Duration DEFAULT_FIRST_PIECE_BUDGET = Duration.ofMillis(120);

    public PiperSettings {
        voiceDirs = List.copyOf(voiceDirs);
        Objects.requireNonNull(sentenceSilence, "sentenceSilence");
        if (sentenceSilence.isNegative()) {
            throw new IllegalArgumentException("sentenceSilence must not be negative: " + sentenceSilence);
        }
        if (!pieceBudget.isPositive() || !firstPieceBudget.isPositive()) {
            throw new IllegalArgumentException("piece budgets must be positive: " + pieceBudget + ", " + firstPieceBudget);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must not be negative: " + intraOpThreads);
        }
    }

    /** The given voice directories with the default silence and threads. */
    public static PiperSettings of(List<Path> voiceDirs) {
        return new PiperSettings(voiceDirs, DEFAULT_SENTENCE_SILENCE, DEFAULT_INTRA_OP_THREADS, DEFAULT_PIECE_BUDGET,
                DEFAULT_FIRST_PIECE_BUDGET);
    }
}
