package org.assistantapi.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

import org.assistantapi.workers.protocol.ToWorker;

/** Starts jobs: picks the worker for a checked request, creates the job's audio stream and sends the job. */
final class JobStarter {

    private static final Logger LOG = Logger.getLogger(JobStarter.class.getName());
    /** Workers that may die under one job before it started, before the caller hears of it. */
    static final int MAX_STARTS = 3;
    /** Between two starts: long enough for the pool to see a dead worker gone. */
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final WorkerPicker workers;
    private final CrashingTexts crashingTexts;
    private final int credits;
    private final Duration startTimeout;
    private final AtomicLong jobIds = new AtomicLong();
    /**
     * Held from picking a worker until the job is in its queue: requests that arrive together
     * would otherwise all see the same queues and land on the same worker.
     */
    private final ReentrantLock placement = new ReentrantLock();

    JobStarter(WorkerPicker workers, CrashingTexts crashingTexts, int credits, Duration startTimeout) {
        this.workers = workers;
        this.crashingTexts = crashingTexts;
        this.credits = credits;
        this.startTimeout = startTimeout;
    }

    /**
     * Sends a checked request's job to the worker the picker chooses.
     *
     * @param checked a request as {@link RequestValidator#check} returned it
     * @param text      the text to speak; empty for a session, whose text follows through the stream
     * @param whenEnded runs once when the job is over (finished, failed, cancelled or closed)
     * @param words     whether the worker sends the words it speaks
     */
    AudioStream start(SpeechRequest checked, String text, JobKind kind, Runnable whenEnded, WordTimings words)
            throws SpeechException {
        placement.lock();
        try {
            WorkerLink worker = workers.pick(checked.voice())
                    .orElseThrow(() -> new SpeechException(SpeechException.Reason.NOT_READY, "no worker is ready"));
            long jobId = jobIds.incrementAndGet();
            AudioStream stream = new AudioStream(jobId, checked.voice(), checked.format(), worker, credits,
                    startTimeout.toMillis(), kind.cancelWhenStalled(), whenEnded);
            stream.rememberText(0, text);
            worker.startJob(stream, new ToWorker.StartJob(jobId, checked.voice(), checked.speaker(), checked.speed(),
                    checked.format(), checked.sampleRate(), credits, text, kind.moreText(), kind.continuation(),
                    words == WordTimings.INCLUDED, checked.normalization() == TextNormalization.OFF));
            return stream;
        } finally {
            placement.unlock();
        }
    }

    /** One attempt at starting a job (a new stream on the worker the picker chooses). */
    @FunctionalInterface
    interface Attempt {
        AudioStream start() throws SpeechException;
    }

    /**
     * Starts a job with {@code attempt} and waits until its worker took it. A worker that dies
     * before that (killed, crashed) has cost the caller nothing yet: the job is started again, on
     * another worker, up to {@value #MAX_STARTS} times in all.
     *
     * @return the stream, started
     */
    static AudioStream startedOnALiveWorker(Attempt attempt) throws SpeechException {
        for (int tries = 1; ; tries++) {
            AudioStream stream = attempt.start();
            try {
                stream.awaitStart();
                return stream;
            } catch (SpeechException e) {
                if (e.reason() != SpeechException.Reason.WORKER_FAILED || tries == MAX_STARTS) {
                    throw e;
                }
                LOG.warning("job " + stream.jobId() + ": its worker failed before the job started; starting it on another");
                pause(); // the pool sees the worker gone
            }
        }
    }

    /** Waits {@link #RETRY_PAUSE} before a job is started again. */
    static void pause() throws SpeechException {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException(SpeechException.Reason.NOT_READY, "interrupted while waiting for a worker");
        }
    }

    /** Texts that crashed a worker: refused before they reach another. */
    CrashingTexts crashingTexts() {
        return crashingTexts;
    }

    /** How long a job may take to start, its voice's loading included. */
    Duration startTimeout() {
        return startTimeout;
    }
}
