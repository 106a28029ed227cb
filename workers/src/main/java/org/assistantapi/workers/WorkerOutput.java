package org.assistantapi.workers;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.assistantapi.workers.protocol.FrameCodec;
import org.assistantapi.workers.protocol.FromWorker;

/** The worker's stdout, frames only. If core stops reading, the worker has no reason to live. */
final class WorkerOutput {

    private static final Logger LOG = Logger.getLogger(WorkerOutput.class.getName());

    private final FrameCodec.Writer writer;

    WorkerOutput(FrameCodec.Writer writer) {
        this.writer = writer;
    }

    void send(FromWorker frame) {
        try {
            writer.write(frame);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "core closed the worker's stdout; exiting", e);
            Runtime.getRuntime().halt(1);
        }
    }
}
