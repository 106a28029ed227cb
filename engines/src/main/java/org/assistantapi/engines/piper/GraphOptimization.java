package org.assistantapi.engines.piper;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * How far ONNX Runtime rewrites a voice's graph when it opens a session, from nothing to every
 * rewrite it has (its own default). Measured on Piper's medium network in
 * docs/developer/benchmarks.md (ONNX Runtime settings).
 */
public enum GraphOptimization {
    /** The graph as exported. */
    DISABLED(OptLevel.NO_OPT),
    /** Constant folding, redundant nodes removed. */
    BASIC(OptLevel.BASIC_OPT),
    /** Also fusions of common node groups. */
    EXTENDED(OptLevel.EXTENDED_OPT),
    /** Also layout changes for the CPU's kernels. */
    LAYOUT(OptLevel.LAYOUT_OPT),
    /** Every rewrite ONNX Runtime has: its own default. */
    ALL(OptLevel.ALL_OPT);

    private final OptLevel level;

    GraphOptimization(OptLevel level) {
        this.level = level;
    }

    OptLevel level() {
        return level;
    }
}
