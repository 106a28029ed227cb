package org.assistantapi.engines.piper;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

/**
 * A float tensor in native memory this object owns, freed the moment it closes. ONNX Runtime reads
 * a direct buffer in place; given a Java array it copies it into a direct buffer of its own, which
 * only the garbage collector frees. Between two collections a worker's native heap then grew by
 * every window's inputs, and the runs faulted in pages the kernel had to hand out anew
 * (docs/developer/piper.md, "Inference and PCM").
 */
final class NativeTensor implements AutoCloseable {

    private final Arena memory;
    private final OnnxTensor tensor;

    private NativeTensor(Arena memory, OnnxTensor tensor) {
        this.memory = memory;
        this.tensor = tensor;
    }

    /**
     * Columns {@code [from, to)} of every row of {@code values} (rows of {@code rowLength} laid end to
     * end), as a tensor of {@code shape}, whose last axis must be {@code to - from}.
     */
    static NativeTensor columns(OrtEnvironment environment, float[] values, int rowLength, int from, int to, long[] shape)
            throws OrtException {
        int width = to - from;
        int rows = values.length / rowLength;
        Arena memory = Arena.ofConfined();
        try {
            MemorySegment segment = memory.allocate(ValueLayout.JAVA_FLOAT, (long) rows * width);
            for (int row = 0; row < rows; row++) {
                MemorySegment.copy(values, row * rowLength + from, segment, ValueLayout.JAVA_FLOAT,
                        (long) row * width * Float.BYTES, width);
            }
            return new NativeTensor(memory, OnnxTensor.createTensor(environment,
                    segment.asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer(), shape));
        } catch (OrtException | RuntimeException e) {
            memory.close();
            throw e;
        }
    }

    /** All of {@code values} as a tensor of {@code shape}. */
    static NativeTensor of(OrtEnvironment environment, float[] values, long[] shape) throws OrtException {
        return columns(environment, values, values.length, 0, values.length, shape);
    }

    OnnxTensor tensor() {
        return tensor;
    }

    @Override
    public void close() {
        tensor.close();
        memory.close();
    }
}
