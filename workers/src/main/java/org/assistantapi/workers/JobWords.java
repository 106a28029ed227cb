package org.assistantapi.workers;

import java.util.ArrayDeque;
import java.util.function.Consumer;

import org.assistantapi.engines.WordTiming;
import org.assistantapi.workers.protocol.FromWorker;

/**
 * The words of a job whose client asked for them: each engine span is moved onto the job's audio
 * timeline (microseconds from the job's first sample) and sent as a {@link FromWorker.Word} once
 * the audio up to its end has gone to the encoder, so a word never comes before its audio.
 * Synthesis thread only.
 */
final class JobWords {

    private record Pending(int segment, String text, long startSample, long endSample) {
    }

    private final long jobId;
    private final int sampleRate;
    private final Consumer<FromWorker> frames;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** Samples of the job's audio encoded so far, at the voice's rate. */
    private long samples;
    private long callStart;
    private int segment;

    JobWords(long jobId, int sampleRate, Consumer<FromWorker> frames) {
        this.jobId = jobId;
        this.sampleRate = sampleRate;
        this.frames = frames;
    }

    /** An engine call for this segment begins: its words' samples count from here. */
    void beginCall(int segment) {
        this.segment = segment;
        callStart = samples;
    }

    void add(WordTiming word) {
        pending.add(new Pending(segment, word.text(), callStart + word.startSample(), callStart + word.endSample()));
        release(false);
    }

    /** This many more samples were encoded. */
    void advance(int length) {
        samples += length;
        release(false);
    }

    /**
     * The engine call is over. At the segment's end every word left goes, whatever its span
     * claimed; before that a word waits for its audio, which a later call of the same sentence may
     * make (a Piper voice's sentence comes a decoder window per call, its words with the first).
     */
    void endCall(boolean segmentEnded) {
        release(segmentEnded);
    }

    private void release(boolean all) {
        while (!pending.isEmpty() && (all || pending.peek().endSample() <= samples)) {
            Pending word = pending.poll();
            long end = Math.min(word.endSample(), samples);
            long start = Math.min(word.startSample(), end);
            frames.accept(new FromWorker.Word(jobId, word.segment(), word.text(), micros(start), micros(end)));
        }
    }

    private long micros(long sample) {
        return sample * 1_000_000 / sampleRate;
    }
}
