package org.assistantapi.workers;

import java.io.IOException;
import java.util.ArrayDeque;

import org.assistantapi.encoders.AudioEncoder;
import org.assistantapi.engines.EngineException;
import org.assistantapi.workers.protocol.FailureCode;
import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.Synthesis;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Voice;
import org.assistantapi.workers.protocol.FromWorker;

/**
 * One job in a worker: its text segments, its one encoder for the whole stream, and the frames
 * waiting for credit. The synthesis thread speaks the segments a sentence at a time into the
 * outbox; audio frames leave only while core has granted credit, so a slow reader pauses its own
 * job and nothing else. Other frames (segment marks, the end) keep their place behind the audio.
 */
final class Job {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Job.class.getName());

    /** A segment's sentences, prepared by the engine. */
    private record Segment(int number, Synthesis synthesis) {
    }

    private final long id;
    private final Voice voice;
    private final SynthesisOptions options;
    private final AudioEncoder encoder;
    private final long maxSegmentSamples;
    private final WorkerOutput output;
    private final Runnable onDone;
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private final ArrayDeque<FromWorker> outbox = new ArrayDeque<>();
    private boolean textEnded;
    private int credits;
    private boolean endQueued;
    private boolean done;
    private volatile boolean cancelled;
    /** The samples spoken so far in the current segment, and the engine's time for them. */
    private long segmentSamples;
    private long segmentEngineNanos;

    /** @param maxSegmentSamples the most audio one segment may become (limits.max_audio_seconds); the rest is skipped */
    Job(long id, Voice voice, SynthesisOptions options, AudioEncoder encoder, long maxSegmentSamples, int credits,
        WorkerOutput output, Runnable onDone) {
        this.id = id;
        this.voice = voice;
        this.options = options;
        this.encoder = encoder;
        this.maxSegmentSamples = maxSegmentSamples;
        this.credits = credits;
        this.output = output;
        this.onDone = onDone;
    }

    long id() {
        return id;
    }

    /** Adds a segment of text; the engine splits it into sentences now. Synthesis thread only. */
    void append(int number, String text) throws EngineException {
        segments.add(new Segment(number, voice.synthesize(text, options)));
    }

    /** The segment its next step speaks, if any. Synthesis thread only. */
    java.util.OptionalInt nextSegment() {
        Segment next = segments.peek();
        return next == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(next.number());
    }

    /** No segment will follow: the job ends after the last one. Synthesis thread only. */
    void endText() {
        textEnded = true;
    }

    /** Ready for its next step: not cancelled or finished, everything sent so far has left, and it has work. */
    synchronized boolean ready() {
        return !cancelled && !done && !endQueued && outbox.isEmpty() && (!segments.isEmpty() || textEnded);
    }

    /** Whether the synthesis thread should drop it: cancelled, or failed. */
    synchronized boolean gone() {
        return cancelled || (done && !endQueued);
    }

    /**
     * Speaks the next sentence into the encoder, marking a segment spoken after its last sentence,
     * and ends the stream once the text has ended and every segment is spoken. Synthesis thread only.
     */
    void step() throws EngineException, IOException {
        Segment segment = segments.peek();
        if (segment != null) {
            speak(segment.synthesis());
            boolean capped = segmentSamples >= maxSegmentSamples;
            if (cancelled || (!capped && segment.synthesis().hasNext())) {
                return;
            }
            if (capped && segment.synthesis().hasNext()) {
                LOG.warning("job " + id + ": segment " + segment.number() + " reached the audio limit of "
                        + maxSegmentSamples / voice.info().sampleRate() + " s; the rest of its text is not spoken");
            }
            segments.poll();
            long audioMicros = segmentSamples * 1_000_000 / voice.info().sampleRate();
            queue(new FromWorker.SegmentSpoken(id, segment.number(), audioMicros, segmentEngineNanos / 1_000));
            segmentSamples = 0;
            segmentEngineNanos = 0;
        }
        if (segments.isEmpty() && textEnded) {
            encoder.finish();
            end();
        }
    }

    /** Whether the job has queued its end: it takes no more turns. */
    synchronized boolean ended() {
        return endQueued;
    }

    private void speak(Synthesis synthesis) throws EngineException, IOException {
        IOException[] encoderFailure = new IOException[1];
        long[] encodingNanos = new long[1];
        PcmSink sink = (samples, offset, length) -> {
            long encodingStarted = System.nanoTime();
            try {
                encoder.encode(samples, offset, length);
                segmentSamples += length;
                return !cancelled && segmentSamples < maxSegmentSamples;
            } catch (IOException e) {
                encoderFailure[0] = e; // the engine may be in native code: stop it, throw below
                return false;
            } finally {
                encodingNanos[0] += System.nanoTime() - encodingStarted;
            }
        };
        long started = System.nanoTime();
        synthesis.speakNext(sink);
        segmentEngineNanos += System.nanoTime() - started - encodingNanos[0];
        if (encoderFailure[0] != null) {
            throw encoderFailure[0];
        }
    }

    /** Queues one encoded frame; it leaves at once if credit allows. */
    void offer(byte[] frame) {
        queue(new FromWorker.Audio(id, frame));
    }

    /** Core's reader took frames off the stream: send that many more. */
    synchronized void grant(int frames) {
        credits += frames;
        drain();
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Ends the job with an error in place of its End; queued frames are dropped. */
    synchronized void fail(FailureCode code, String message) {
        outbox.clear();
        if (!done) {
            output.send(new FromWorker.Failed(id, code, message));
            finish();
        }
    }

    /** Drops the job without a word: its reader is gone. */
    synchronized void drop() {
        outbox.clear();
        if (!done) {
            finish();
        }
    }

    private synchronized void end() {
        endQueued = true;
        queue(new FromWorker.End(id));
    }

    private synchronized void queue(FromWorker frame) {
        outbox.add(frame);
        drain();
    }

    private void drain() {
        while (!outbox.isEmpty() && !cancelled && !done) {
            boolean audio = outbox.peek() instanceof FromWorker.Audio;
            if (audio && credits == 0) {
                return;
            }
            FromWorker frame = outbox.poll();
            output.send(frame);
            if (audio) {
                credits--;
            } else if (frame instanceof FromWorker.End) {
                finish();
            }
        }
    }

    private void finish() {
        done = true;
        encoder.close();
        onDone.run();
    }
}
