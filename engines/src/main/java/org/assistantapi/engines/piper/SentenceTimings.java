package org.assistantapi.engines.piper;

/**
 * Where one sentence's time went, for benchmarks: measured with {@link System#nanoTime()} around
 * each step of the pipeline.
 *
 * @param ids            the number of phoneme ids sent to the model
 * @param samples        the samples of speech produced (without the sentence silence)
 * @param idsNanos       phonemes to ids
 * @param inferenceNanos the ONNX Runtime run
 * @param conversionNanos float audio to 16-bit PCM
 */
public record SentenceTimings(int ids, int samples, long idsNanos, long inferenceNanos, long conversionNanos) {
}
