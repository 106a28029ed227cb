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
 */
public record PiperSettings(List<Path> voiceDirs, Duration sentenceSilence, int intraOpThreads) {

    public static final Duration DEFAULT_SENTENCE_SILENCE = Duration.ofMillis(200);
    public static final int DEFAULT_INTRA_OP_THREADS = 1;

    public PiperSettings {
        voiceDirs = List.copyOf(voiceDirs);
        Objects.requireNonNull(sentenceSilence, "sentenceSilence");
        if (sentenceSilence.isNegative()) {
            throw new IllegalArgumentException("sentenceSilence must not be negative: " + sentenceSilence);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must not be negative: " + intraOpThreads);
        }
    }

    /** The given voice directories with the default silence and threads. */
    public static PiperSettings of(List<Path> voiceDirs) {
        return new PiperSettings(voiceDirs, DEFAULT_SENTENCE_SILENCE, DEFAULT_INTRA_OP_THREADS);
    }
}
