package org.assistantapi.core;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.assistantapi.workers.protocol.FromWorker;

/**
 * The audio of one job as it is made: a queue filled by the worker's reader thread and drained by
 * the transport. The queue is bounded by credit: the worker may only send as many frames as the
 * reader has room for, so the worker's reader never waits on a slow client.
 */
public final class AudioStream implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AudioStream.class.getName());

    private sealed interface Item {
    }

    private record Data(byte[] bytes) implements Item {
    }

    /** A word or a segment's end: passed to the reader's {@link StreamMarks} before the audio after it. */
    private record Mark(FromWorker frame) implements Item {
    }

    private record Done() implements Item {
    }

    private record Failure(SpeechException error) implements Item {
    }

    private final long jobId;
    private final String voice;
    private final String formatId;
    private final WorkerLink worker;
    private final int credits;
    private final long startTimeoutMillis;
    private final boolean cancelWhenStalled;
    private final Runnable whenEnded;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<StreamFormat> format = new CompletableFuture<>();
    private final CompletableFuture<Void> abandoned = new CompletableFuture<>();
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    /** Audio items in the queue (marks take no credit, so they are not counted against it). */
    private final AtomicInteger queuedAudio = new AtomicInteger();
    private int takenSinceCredit;
    private volatile boolean finished;
    private volatile long lastTakeNanos = System.nanoTime();
    /** The reader has called {@link #read} at least once. */
    private volatile boolean readerStarted;
    /** The reader is inside {@link #read}, waiting for the next item: it keeps up with the job. */
    private volatile boolean readerWaiting;
    private volatile int lastSpokenSegment = -1;
    /** The text of each segment sent and not yet spoken: what to blame if the worker crashes on it. */
    private final java.util.Map<Integer, String> unspokenTexts = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int crashedSegment = -1;

    AudioStream(long jobId, String voice, String formatId, WorkerLink worker, int credits, long startTimeoutMillis,
                boolean cancelWhenStalled, Runnable whenEnded) {
        this.jobId = jobId;
        this.voice = voice;
        this.formatId = formatId;
        this.worker = worker;
        this.credits = credits;
        this.startTimeoutMillis = startTimeoutMillis;
        this.cancelWhenStalled = cancelWhenStalled;
        this.whenEnded = whenEnded;
    }

    long jobId() {
        return jobId;
    }

    /** The voice speaking it (its id, without a speaker). */
    String voice() {
        return voice;
    }

    /**
     * Waits until the worker has accepted the job and says what the audio will be. A job that does
     * not start in time, or a wait that is interrupted, closes the stream (the job is cancelled).
     *
     * @throws SpeechException when the job was refused (bad speaker, unsupported rate...) or did not start in time
     */
    public StreamFormat awaitStart() throws SpeechException {
        try {
            return format.get(startTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (SpeechException) e.getCause();
        } catch (TimeoutException e) {
            close();
            throw new SpeechException(SpeechException.Reason.NOT_READY, "the job did not start within " + startTimeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new SpeechException(SpeechException.Reason.NOT_READY, "interrupted while waiting for the job to start");
        }
    }

    /**
     * The next piece of audio, waiting for it if need be.
     *
     * @return the bytes, or null once the audio is complete
     * @throws SpeechException when the stream broke off (its worker failed): the audio is incomplete
     */
    public byte[] read() throws SpeechException {
        return read(StreamMarks.NONE);
    }

    /**
     * Like {@link #read()}, first passing to {@code words} the words that came before the audio it
     * returns (only a stream started with {@link WordTimings#INCLUDED} has any). They are on this
     * stream's timeline: microseconds from its first sample.
     */
    public byte[] read(Consumer<SpokenWord> words) throws SpeechException {
        return read(new StreamMarks() {
            @Override
            public void word(FromWorker.Word word) {
                words.accept(new SpokenWord(word.segment(), word.text(), word.startMicros(), word.endMicros()));
            }

            @Override
            public void segmentSpoken(int segment, long audioMicros) {
                // One-shot speech is one segment.
            }
        });
    }

    /** The next audio, passing the marks queued before it to {@code marks}. */
    byte[] read(StreamMarks marks) throws SpeechException {
        readerStarted = true;
        while (!finished) {
            Item item;
            readerWaiting = true;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new SpeechException(SpeechException.Reason.WORKER_FAILED, "interrupted while reading audio");
            } finally {
                readerWaiting = false;
            }
            lastTakeNanos = System.nanoTime();
            switch (item) {
                case Data data -> {
                    queuedAudio.decrementAndGet();
                    returnCredit();
                    return data.bytes();
                }
                case Mark mark -> {
                    switch (mark.frame()) {
                        case FromWorker.Word word -> marks.word(word);
                        case FromWorker.SegmentSpoken spoken -> marks.segmentSpoken(spoken.segment(), spoken.audioMicros());
                        default -> throw new IllegalStateException("not a mark: " + mark.frame());
                    }
                }
                case Done done -> {
                    finished = true;
                    end();
                }
                case Failure failure -> {
                    finished = true;
                    throw failure.error();
                }
            }
        }
        return null;
    }

    /** Stops the job if it is still running: nobody will hear the rest. A blocked reader gets the end. */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            worker.cancel(this);
            queue.add(new Done());
        }
        end();
    }

    /** Sends another segment of text to a job started with more text to come. */
    void appendText(int segment, String text) {
        rememberText(segment, text);
        worker.appendText(jobId, segment, text);
    }

    /** Keeps a segment's text until it is spoken (the job's first text is segment 0). */
    void rememberText(int segment, String text) {
        if (!text.isEmpty()) {
            unspokenTexts.put(segment, text);
        }
    }

    /** The text of a segment not yet spoken, or null. */
    String textOf(int segment) {
        return unspokenTexts.get(segment);
    }

    /** The segment whose text crashed the worker, or -1. */
    int crashedSegment() {
        return crashedSegment;
    }

    /** The worker crashed while its engine read this segment. */
    void failOnInput(int segment, SpeechException error) {
        crashedSegment = segment;
        fail(error);
    }

    /** Tells the job that no more text follows. */
    void endText() {
        worker.endText(jobId);
    }

    /** The last segment whose audio has all arrived (it is in this stream's queue or already read), or -1. */
    int lastSpokenSegment() {
        return lastSpokenSegment;
    }

    boolean waitingToStart() {
        return !format.isDone();
    }

    /**
     * Cancels the job if its reader has taken nothing for longer than {@code stallMillis} while audio
     * waited; the reader then gets {@code CLIENT_STALLED}. A session's stream is never cancelled so:
     * its reader may come later, and the session's idle timeout rules (see {@link #millisSinceReaderTook}).
     */
    void cancelIfStalled(long stallMillis) {
        long stalled = cancelWhenStalled ? millisSinceReaderTook() : 0;
        if (stalled > stallMillis) {
            LOG.warning("the reader of job " + jobId + " took nothing for " + stalled + " ms; cancelling the job");
            worker.cancel(this);
            fail(new SpeechException(SpeechException.Reason.CLIENT_STALLED, "the client read nothing for " + stallMillis + " ms"));
            abandoned.complete(null);
        }
    }

    /**
     * Runs {@code action} once if core cancels the job because its reader took nothing for too
     * long (at once if it has already). A transport ends the reader's connection with it: a writer
     * blocked on a client that reads nothing would otherwise wait for that client for ever.
     */
    public void whenAbandoned(Runnable action) {
        abandoned.thenRun(action);
    }

    /**
     * How long the reader has been behind: it took nothing while audio waited, or while it was away
     * delivering what it took last; 0 while it keeps up (waits in {@link #read} for more).
     */
    long millisSinceReaderTook() {
        // Audio waiting in the queue, or a reader away with what it took (a transport blocked
        // writing to a client that reads nothing; the worker may meanwhile have paused a job that
        // far ahead of its listener, so nothing need wait here).
        boolean readerBehind = queuedAudio.get() > 0 || (readerStarted && !readerWaiting && !finished);
        return readerBehind ? (System.nanoTime() - lastTakeNanos) / 1_000_000 : 0;
    }

    /** Called by the worker's reader thread with this job's frames. */
    void accept(FromWorker frame) {
        switch (frame) {
            case FromWorker.Started started ->
                    format.complete(new StreamFormat(formatId, started.contentType(), started.sampleRate()));
            case FromWorker.Audio audio -> {
                if (queuedAudio.get() > credits + 1) {
                    LOG.severe("worker sent job " + jobId + " more frames than its credit");
                    fail(new SpeechException(SpeechException.Reason.WORKER_FAILED, "protocol violation"));
                    return;
                }
                queuedAudio.incrementAndGet();
                queue.add(new Data(audio.data()));
            }
            case FromWorker.SegmentSpoken spoken -> {
                lastSpokenSegment = spoken.segment();
                unspokenTexts.remove(spoken.segment());
                queue.add(new Mark(spoken));
            }
            case FromWorker.Word word -> queue.add(new Mark(word));
            case FromWorker.End end -> queue.add(new Done());
            case FromWorker.Failed failed -> fail(SpeechException.fromWorker(failed.code(), failed.message()));
            default -> LOG.warning("unexpected frame for job " + jobId + ": " + frame.getClass().getSimpleName());
        }
    }

    /**
     * The job cannot finish: its worker died, refused it, or cancelled it for a stalled reader. The
     * stream's place is given back now, even if its reader never reads again.
     */
    void fail(SpeechException error) {
        format.completeExceptionally(error);
        queue.add(new Failure(error));
        end();
    }

    /** Runs the stream's end action once: the job is over, for whatever reason. */
    private void end() {
        if (ended.compareAndSet(false, true)) {
            whenEnded.run();
        }
    }

    private void returnCredit() {
        if (++takenSinceCredit >= Math.max(1, credits / 2)) {
            worker.credit(jobId, takenSinceCredit);
            takenSinceCredit = 0;
        }
    }
}
