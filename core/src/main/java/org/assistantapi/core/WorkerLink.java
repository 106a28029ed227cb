package org.assistantapi.core;

import org.assistantapi.workers.protocol.ToWorker;

/**
 * What a job's stream needs of the worker running it: start the job, send it more text, end its
 * text, return credit, cancel it. {@link WorkerProcess} is the real one (frames over a worker
 * JVM's stdin); the narrow shape lets core's stream and session logic be tested with a fake.
 */
interface WorkerLink {

    /** Registers the stream for its job's frames and sends the job. */
    void startJob(AudioStream stream, ToWorker.StartJob job);

    /** Sends another segment of text to a job started with more text to come. */
    void appendText(long jobId, int segment, String text);

    /** Tells a job that no more text follows. */
    void endText(long jobId);

    /** Gives a job room for this many more audio frames. */
    void credit(long jobId, int frames);

    /** The stream's reader left: the job stops, and the stream gets no more frames. */
    void cancel(AudioStream stream);
}
