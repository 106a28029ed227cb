package org.assistantapi.workers;

import java.util.ArrayDeque;

import org.assistantapi.encoders.AudioEncoder;
import org.assistantapi.engines.Synthesis;
import org.assistantapi.workers.protocol.FromWorker;

/**
 * One job in a worker: its sentences, its encoder, and the audio frames waiting for credit. The
 * synthesis thread fills the outbox; frames leave only while core has granted credit, so a slow
 * reader pauses its own job and nothing else.
 */
final class Job {

    private final long id;
    private final WorkerOutput output;
    private final Runnable onDone;
    private final ArrayDeque<byte[]> outbox = new ArrayDeque<>();
    private final Synthesis synthesis;
    private final AudioEncoder encoder;
    private int credits;
    private boolean endQueued;
    private boolean done;
    private volatile boolean cancelled;

    Job(long id, int credits, Synthesis synthesis, AudioEncoder encoder, WorkerOutput output, Runnable onDone) {
        this.id = id;
        this.credits = credits;
        this.synthesis = synthesis;
        this.encoder = encoder;
        this.output = output;
        this.onDone = onDone;
    }

    long id() {
        return id;
    }

    Synthesis synthesis() {
        return synthesis;
    }

    AudioEncoder encoder() {
        return encoder;
    }

    /** Queues one encoded frame; it leaves at once if credit allows. */
    synchronized void offer(byte[] frame) {
        outbox.add(frame);
        drain();
    }

    /** Core's reader took frames off the stream: send that many more. */
    synchronized void grant(int frames) {
        credits += frames;
        drain();
    }

    /** The last frame is queued: End follows it once everything before it has left. */
    synchronized void end() {
        endQueued = true;
        drain();
    }

    /** Ready for its next sentence: not cancelled, not finished, and everything sent so far has left. */
    synchronized boolean ready() {
        return !cancelled && !endQueued && outbox.isEmpty();
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Ends the job with an error in place of its End; queued audio is dropped. */
    synchronized void fail(String code, String message) {
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

    private void drain() {
        while (credits > 0 && !outbox.isEmpty() && !cancelled) {
            output.send(new FromWorker.Audio(id, outbox.poll()));
            credits--;
        }
        if (endQueued && outbox.isEmpty() && !done && !cancelled) {
            output.send(new FromWorker.End(id));
            finish();
        }
    }

    private void finish() {
        done = true;
        encoder.close();
        onDone.run();
    }
}
