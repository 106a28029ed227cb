package org.assistantapi.engines.piper;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.assistantapi.engines.EngineException;

/**
 * The ONNX Runtime runs of one {@link PiperSynthesis} call, which another thread may stop
 * ({@link org.assistantapi.engines.Synthesis#interrupt}). ONNX Runtime checks a run's terminate
 * flag before each node it executes, so the run in progress ends within one node's time (a few
 * milliseconds for a medium voice's largest convolutions) with an error, and any later run of the
 * call fails at once; the call tells that error from a real failure by {@link #interrupted()}.
 */
final class CallRuns implements AutoCloseable {

    private final OrtSession.RunOptions options;
    /** Guarded by {@code this}, like {@link #closed}: an interrupt never touches closed options. */
    private boolean interrupted;
    private boolean closed;

    private CallRuns(OrtSession.RunOptions options) {
        this.options = options;
    }

    static CallRuns open() throws EngineException {
        try {
            return new CallRuns(new OrtSession.RunOptions());
        } catch (OrtException e) {
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "ONNX Runtime's run options: " + e.getMessage(), e);
        }
    }

    /** The options every run of the call passes to ONNX Runtime. */
    OrtSession.RunOptions options() {
        return options;
    }

    /** Stops the call's runs (the one in progress and any later one); once closed, nothing. */
    synchronized void interrupt() {
        if (closed || interrupted) {
            return;
        }
        try {
            options.setTerminate(true);
            interrupted = true;
        } catch (OrtException e) {
            // Not interrupted: the call runs to its end, as if the interrupt had come after it.
        }
    }

    /** Whether the call was interrupted: a run that failed since failed for that. */
    synchronized boolean interrupted() {
        return interrupted;
    }

    @Override
    public synchronized void close() {
        closed = true;
        options.close();
    }
}
