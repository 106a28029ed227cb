package org.assistantapi.engines.piper;

/**
 * How ONNX Runtime runs a voice's sessions.
 *
 * @param intraOpThreads threads per inference (0 lets ONNX Runtime use every core)
 * @param optimization   how far the graph is rewritten when a session opens
 */
record SessionTuning(int intraOpThreads, GraphOptimization optimization) {

    /** The given threads with the default graph optimization. */
    static SessionTuning threads(int intraOpThreads) {
        return new SessionTuning(intraOpThreads, PiperSettings.DEFAULT_GRAPH_OPTIMIZATION);
    }
}
