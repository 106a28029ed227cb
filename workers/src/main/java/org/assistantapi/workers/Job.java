package org.assistantapi.workers;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

import org.assistantapi.encoders.AudioEncoder;
import org.assistantapi.engines.EngineException;
import org.assistantapi.workers.protocol.FailureCode;
import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.Synthesis;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Voice;
import org.assistantapi.engines.WordTiming;
import org.assistantapi.workers.protocol.FromWorker;

/**
 * One job in a worker: its text segments, its one encoder for the whole stream, and the frames
 * waiting for credit. The synthesis thread speaks the segments a sentence at a time into the
 * outbox; audio frames leave only while core has granted credit, so a slow reader pauses its own
 * job and nothing else. Other frames (segment marks, the end) keep their place behind the audio.
 */
final class Job {

    private static final Logger LOG = Logger.getLogger(Job.class.getName());

    /** Where a job is in its life; only {@link #SPEAKING} takes turns. */
    enum State {
        /** Speaking its text, or waiting for more. */
        SPEAKING,
        /** Everything is spoken and its End waits behind audio that has no credit yet. */
        END_QUEUED,
        /** Core cancelled it; the synthesis thread drops it at its next look. */
        CANCELLED,
        /** Its End has left: finished normally. */
        ENDED,
        /** It ended with a Failed frame. */
        FAILED,
        /** It was dropped without a word (its reader is gone). */
        DROPPED;

        /** Whether the job's encoder and voice are released: nothing more happens to it. */
        boolean isReleased() {
            return this == ENDED || this == FAILED || this == DROPPED;
        }
    }

    /** Opens the job's encoder on the stream the job collects its audio frames from. */
    @FunctionalInterface
    interface EncoderOpener {
        AudioEncoder open(OutputStream frames);
    }

    /** A segment's sentences, prepared by the engine. */
    private record Segment(int number, Synthesis synthesis) {
    }

    private final long id;
    private final Voice voice;
    private final UnaryOperator<String> reading;
    private final SynthesisOptions options;
    private final AudioEncoder encoder;
    private final long maxSegmentSamples;
    private final WorkerOutput output;
    private final Runnable onDone;
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private final ArrayDeque<FromWorker> outbox = new ArrayDeque<>();
    private boolean textEnded;
    private int credits;
    /** Written under the job's lock; read without it by the engine's sink to stop a cancelled sentence. */
    private volatile State state = State.SPEAKING;
    /** Synthesis thread only. */
    private final PlaybackClock playback = new PlaybackClock();
    /** The samples spoken so far in the current segment, and the engine's time for them. */
    private long segmentSamples;
    private long segmentEngineNanos;
    /** Null unless the client asked for word timings. */
    private JobWords words;
    /** When the listener runs dry of the audio delivered so far (before the first audio: when the job came). */
    private volatile long dryAtNanos = System.nanoTime();
    /** The synthesis speaking in the engine call in progress; null between calls. */
    private volatile Synthesis speaking;
    /** The call in progress was interrupted ({@link #interrupt}). */
    private volatile boolean interrupted;

    /**
     * Opens the encoder on the job's own frame stream: each flush of it becomes an audio frame of this job.
     *
     * @param reading           what each segment's text becomes before the engine speaks it (the text front-end, or as is)
     * @param maxSegmentSamples the most audio one segment may become (limits.max_audio_seconds); the rest is skipped
     */
    Job(long id, Voice voice, UnaryOperator<String> reading, SynthesisOptions options, EncoderOpener encoder,
        long maxSegmentSamples, int credits, WorkerOutput output, Runnable onDone) {
        this.id = id;
        this.voice = voice;
        this.reading = reading;
        this.options = options;
        this.maxSegmentSamples = maxSegmentSamples;
        this.credits = credits;
        this.output = output;
        this.onDone = onDone;
        this.encoder = encoder.open(new FrameOutputStream(this::offer));
    }

    long id() {
        return id;
    }

    State state() {
        return state;
    }

    /** Adds a segment of text; it is read into words and the engine splits it into sentences now. Synthesis thread only. */
    void append(int number, String text) throws EngineException {
        playback.textCame(System.nanoTime(), !segments.isEmpty());
        segments.add(new Segment(number, voice.synthesize(reading.apply(text), options)));
    }

    /** Sends each spoken word's timing beside the audio. Before the first step. */
    void reportWords() {
        words = new JobWords(id, voice.info().sampleRate(), this::queue);
    }

    /** How much audio the listener has in hand, in microseconds (see {@link PlaybackClock}). Synthesis thread only. */
    long slackMicros(long nowNanos) {
        return playback.slackMicros(nowNanos, !segments.isEmpty());
    }

    /**
     * When its listener runs dry of the audio delivered so far, as of the last delivery (in the
     * past once it has: a session's listener waiting for its next text, say). Any thread.
     */
    long dryAtNanos() {
        return dryAtNanos;
    }

    /**
     * Stops the engine call in progress, if any (see {@link Synthesis#interrupt()}): it speaks
     * nothing, and the job speaks that part at its next turn. Any thread.
     */
    void interrupt() {
        Synthesis synthesis = speaking;
        if (synthesis != null) {
            interrupted = true;
            synthesis.interrupt();
        }
    }

    /** The segment its next step speaks, if any. Synthesis thread only. */
    OptionalInt nextSegment() {
        Segment next = segments.peek();
        return next == null ? OptionalInt.empty() : OptionalInt.of(next.number());
    }

    /** No segment will follow: the job ends after the last one. Synthesis thread only. */
    void endText() {
        textEnded = true;
    }

    /** Ready for its next step: speaking, everything sent so far has left, and it has work. */
    synchronized boolean ready() {
        return state == State.SPEAKING && outbox.isEmpty() && (!segments.isEmpty() || textEnded);
    }

    /** Whether the synthesis thread should drop it: cancelled, or failed. */
    boolean gone() {
        State now = state;
        return now == State.CANCELLED || now == State.FAILED || now == State.DROPPED;
    }

    /**
     * Speaks the next sentence (or the part of one that fits {@code budget}, for an engine that can
     * bound its calls) into the encoder, marking a segment spoken after its last sentence, and ends
     * the stream once the text has ended and every segment is spoken. Synthesis thread only.
     */
    void step(Duration budget) throws EngineException, IOException {
        Segment segment = segments.peek();
        if (segment != null) {
            speak(segment, budget);
            boolean capped = segmentSamples >= maxSegmentSamples;
            if (state == State.CANCELLED || (!capped && segment.synthesis().hasNext())) {
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
    boolean ended() {
        State now = state;
        return now == State.END_QUEUED || now == State.ENDED;
    }

    private void speak(Segment segment, Duration budget) throws EngineException, IOException {
        long samplesBefore = segmentSamples;
        IOException[] encoderFailure = new IOException[1];
        long[] encodingNanos = new long[1];
        PcmSink sink = new PcmSink() {
            @Override
            public boolean accept(short[] samples, int offset, int length) {
                long encodingStarted = System.nanoTime();
                try {
                    encoder.encode(samples, offset, length);
                    segmentSamples += length;
                    if (words != null) {
                        words.advance(length);
                    }
                    return state != State.CANCELLED && segmentSamples < maxSegmentSamples;
                } catch (IOException e) {
                    encoderFailure[0] = e; // the engine may be in native code: stop it, throw below
                    return false;
                } finally {
                    encodingNanos[0] += System.nanoTime() - encodingStarted;
                }
            }

            @Override
            public void word(WordTiming word) {
                if (words != null) {
                    words.add(word);
                }
            }
        };
        if (words != null) {
            words.beginCall(segment.number());
        }
        long started = System.nanoTime();
        interrupted = false;
        speaking = segment.synthesis();
        try {
            segment.synthesis().speakNext(sink, budget);
        } finally {
            speaking = null;
        }
        if (words != null) {
            words.endCall(!segment.synthesis().hasNext());
        }
        long now = System.nanoTime();
        long engineNanos = now - started - encodingNanos[0];
        if (interrupted && segmentSamples == samplesBefore) {
            // Made nothing: not this segment's cost (core measures each voice's cost from it).
            output.send(new FromWorker.Preempted(id, engineNanos / 1_000));
        } else {
            segmentEngineNanos += engineNanos;
        }
        deliver((segmentSamples - samplesBefore) * 1_000_000 / voice.info().sampleRate(), now);
        if (encoderFailure[0] != null) {
            throw encoderFailure[0];
        }
    }

    /**
     * Moves the playback clock past audio just spoken. Audio that continues what the listener
     * hears is reported with the listener's slack and wait just before it (for {@code /metrics});
     * the first audio, and the first after a session's listener rested, are not. The report does
     * not wait for credit: it says what the worker saw now.
     */
    private void deliver(long micros, long nowNanos) {
        if (micros > 0 && playback.playing() && state == State.SPEAKING) {
            long slack = playback.slackMicros(nowNanos, true);
            output.send(new FromWorker.Slack(id, slack, playback.waitedMicros()));
        }
        playback.delivered(micros, nowNanos, true);
        if (micros > 0) {
            dryAtNanos = nowNanos + playback.slackMicros(nowNanos, true) * 1_000;
        }
    }

    /** Queues one encoded frame; it leaves at once if credit allows. */
    private void offer(byte[] frame) {
        queue(new FromWorker.Audio(id, frame));
    }

    /** Core's reader took frames off the stream: send that many more. */
    void grant(int frames) {
        boolean ended;
        synchronized (this) {
            credits += frames;
            ended = drain();
        }
        releaseIf(ended);
    }

    /** Core no longer wants the job; a job already ended or failed stays as it is. */
    synchronized void cancel() {
        if (state == State.SPEAKING || state == State.END_QUEUED) {
            state = State.CANCELLED;
        }
    }

    boolean cancelled() {
        return state == State.CANCELLED;
    }

    /** Ends the job with an error in place of its End; queued frames are dropped. */
    void fail(FailureCode code, String message) {
        boolean failed;
        synchronized (this) {
            outbox.clear();
            failed = settle(State.FAILED);
            if (failed) {
                output.send(new FromWorker.Failed(id, code, message));
            }
        }
        releaseIf(failed);
    }

    /** Drops the job without a word: its reader is gone. */
    void drop() {
        boolean dropped;
        synchronized (this) {
            outbox.clear();
            dropped = settle(State.DROPPED);
        }
        releaseIf(dropped);
    }

    private void end() {
        synchronized (this) {
            state = State.END_QUEUED;
        }
        queue(new FromWorker.End(id));
    }

    private void queue(FromWorker frame) {
        boolean ended;
        synchronized (this) {
            outbox.add(frame);
            ended = drain();
        }
        releaseIf(ended);
    }

    /**
     * Sends what credit allows. Caller holds the lock.
     *
     * @return whether the End just left: the caller releases the job once it has let go of the lock
     */
    private boolean drain() {
        while (!outbox.isEmpty() && (state == State.SPEAKING || state == State.END_QUEUED)) {
            boolean audio = outbox.peek() instanceof FromWorker.Audio;
            if (audio && credits == 0) {
                return false;
            }
            FromWorker frame = outbox.poll();
            output.send(frame);
            if (audio) {
                credits--;
            } else if (frame instanceof FromWorker.End) {
                return settle(State.ENDED);
            }
        }
        return false;
    }

    /** Moves to a final state unless already in one. Caller holds the lock. @return whether it moved */
    private boolean settle(State last) {
        if (state.isReleased()) {
            return false;
        }
        state = last;
        return true;
    }

    /** Closes the encoder of a job that never started: for failures before it is registered. */
    void discard() {
        encoder.close();
    }

    /**
     * Closes the encoder and gives back the voice, never under the job's lock: closing the AAC
     * encoder joins its pump thread, which may be waiting for that lock to hand over ffmpeg's last
     * output (a disconnect while ffmpeg was still writing hung the worker this way).
     */
    private void releaseIf(boolean settled) {
        if (settled) {
            encoder.close();
            onDone.run();
        }
    }
}
