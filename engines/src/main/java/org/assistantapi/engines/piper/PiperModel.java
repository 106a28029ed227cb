package org.assistantapi.engines.piper;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

import org.assistantapi.engines.EngineException;

/**
 * One Piper model in an ONNX Runtime session: phoneme ids in, float audio out. Inputs are
 * Piper's: {@code input} int64 [1,N], {@code input_lengths} int64 [1], {@code scales} float [3]
 * (noise_scale, length_scale, noise_w) and, for multi-speaker models, {@code sid} int64 [1].
 */
final class PiperModel implements AutoCloseable {

    /** Scales for one synthesis, in the order the model reads them. */
    record Scales(float noiseScale, float lengthScale, float noiseW) {
        float[] toArray() {
            return new float[] {noiseScale, lengthScale, noiseW};
        }
    }

    private static final String INPUT = "input";
    private static final String INPUT_LENGTHS = "input_lengths";
    private static final String SCALES = "scales";
    private static final String SPEAKER = "sid";
    private static final List<String> SINGLE_SPEAKER_INPUTS = List.of(INPUT, INPUT_LENGTHS, SCALES);
    private static final List<String> MULTI_SPEAKER_INPUTS = List.of(INPUT, INPUT_LENGTHS, SCALES, SPEAKER);

    private final OrtEnvironment environment;
    private final OrtSession session;

    private PiperModel(OrtEnvironment environment, OrtSession session) {
        this.environment = environment;
        this.session = session;
    }

    /**
     * Opens a session on the model file and checks it takes Piper's inputs.
     *
     * @throws EngineException {@code voice_unavailable} when the file is not such a model
     */
    static PiperModel load(Path file, boolean multiSpeaker, int intraOpThreads) throws EngineException {
        OrtEnvironment environment = environment();
        OrtSession session = open(environment, file, intraOpThreads);
        for (String input : multiSpeaker ? MULTI_SPEAKER_INPUTS : SINGLE_SPEAKER_INPUTS) {
            if (!session.getInputNames().contains(input)) {
                closeQuietly(session);
                throw new EngineException(EngineException.VOICE_UNAVAILABLE,
                        file + ": not a Piper model (no input '" + input + "')");
            }
        }
        return new PiperModel(environment, session);
    }

    private static OrtSession open(OrtEnvironment environment, Path file, int intraOpThreads) throws EngineException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            // Piper's graph is one chain: a second pool of threads would only idle.
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            // Every sentence is an input of a new shape. The CPU arena keeps the largest buffers it
            // ever needed for the session's life, and memory patterns keep a plan per shape: under
            // texts of every length a worker's native memory grew from 90 MB to ~915 MB (issue 13).
            // Without them each run allocates what it needs and frees it.
            options.setCPUArenaAllocator(false);
            options.setMemoryPatternOptimization(false);
            return environment.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new EngineException(EngineException.VOICE_UNAVAILABLE,
                    file + ": ONNX Runtime cannot load it: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the model on one sentence's ids.
     *
     * @param speaker the speaker id, or -1 for single-speaker models (no {@code sid} input)
     * @return the audio, however many dimensions the model's output has, flattened
     */
    FloatBuffer infer(long[] ids, Scales scales, int speaker) throws EngineException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor input = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), new long[] {1, ids.length});
             OnnxTensor lengths = OnnxTensor.createTensor(environment, new long[] {ids.length});
             OnnxTensor scaleTensor = OnnxTensor.createTensor(environment, scales.toArray());
             OnnxTensor sid = speaker < 0 ? null : OnnxTensor.createTensor(environment, new long[] {speaker})) {
            inputs.put(INPUT, input);
            inputs.put(INPUT_LENGTHS, lengths);
            inputs.put(SCALES, scaleTensor);
            if (sid != null) {
                inputs.put(SPEAKER, sid);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxValue output = result.get(0);
                if (!(output instanceof OnnxTensor audio) || audio.getInfo().type != OnnxJavaType.FLOAT) {
                    throw new EngineException(EngineException.SYNTHESIS_FAILED,
                            "the model's output is not a float tensor: " + output.getInfo());
                }
                return audio.getFloatBuffer();
            }
        } catch (OrtException e) {
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "ONNX Runtime inference failed: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // ONNX Runtime's answer to a run on a closed session: the voice was closed (evicted) mid-text.
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "the voice was closed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    /**
     * The process's one ONNX Runtime environment (ONNX Runtime keeps it as a singleton). Its first
     * use loads the native library, from {@code -Donnxruntime.native.path} when set.
     */
    private static OrtEnvironment environment() throws EngineException {
        try {
            return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "assistant-api");
        } catch (RuntimeException | LinkageError e) {
            throw new EngineException(EngineException.VOICE_UNAVAILABLE, "ONNX Runtime could not start: " + e, e);
        }
    }

    private static void closeQuietly(OrtSession session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (OrtException e) {
            // Closing releases native memory; a failure here leaves nothing to recover.
        }
    }
}
