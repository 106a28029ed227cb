package org.assistantapi.engines.piper;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import com.google.protobuf.InvalidProtocolBufferException;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.piper.onnx.Onnx.ModelProto;

/**
 * One Piper model in an ONNX Runtime session: phoneme ids in, float audio out. Inputs are
 * Piper's: {@code input} int64 [1,N], {@code input_lengths} int64 [1], {@code scales} float [3]
 * (noise_scale, length_scale, noise_w) and, for multi-speaker models, {@code sid} int64 [1].
 *
 * <p>When it loads, the network is also split into its front and its decoder
 * ({@link NetworkSplitter}) and the parts are checked against the whole; a network that cannot
 * be split, or whose parts disagree with it, runs whole, with one log line saying why. A split
 * model keeps only its parts' sessions: {@link #infer} is then not available.
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

    /** Largest difference between the whole network and its parts (both float32) that still counts as equal. */
    private static final float SPLIT_TOLERANCE = 1e-4f;
    private static final DecoderWindows PROBE_WINDOWS = new DecoderWindows(3, 7);
    private static final Logger LOG = Logger.getLogger(PiperModel.class.getName());

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final SplitNetwork split;

    private PiperModel(OrtEnvironment environment, OrtSession session, SplitNetwork split) {
        this.environment = environment;
        this.session = session;
        this.split = split;
    }

    /**
     * Opens a session on the model file and checks it takes Piper's inputs.
     *
     * @throws EngineException {@code voice_unavailable} when the file is not such a model
     */
    static PiperModel load(Path file, boolean multiSpeaker, int intraOpThreads) throws EngineException {
        return load(file, multiSpeaker, SessionTuning.threads(intraOpThreads), null);
    }

    /**
     * Like {@link #load(Path, boolean, int)} with the given session tuning, and splits the network when {@code probeIds} is not
     * null: a test sentence of valid ids on which the parts are checked against the whole.
     *
     * @throws EngineException {@code voice_unavailable} when the file is not an ONNX model with
     *                         Piper's inputs (random bytes, a truncated file)
     */
    static PiperModel load(Path file, boolean multiSpeaker, SessionTuning tuning, long[] probeIds) throws EngineException {
        byte[] bytes = read(file);
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new EngineException(EngineException.VOICE_UNAVAILABLE,
                    file + ": not an ONNX model (" + e.getMessage() + ")", e);
        }
        OrtEnvironment environment = environment();
        OrtSession session = open(environment, file, bytes, tuning);
        for (String input : multiSpeaker ? MULTI_SPEAKER_INPUTS : SINGLE_SPEAKER_INPUTS) {
            if (!session.getInputNames().contains(input)) {
                closeQuietly(session);
                throw new EngineException(EngineException.VOICE_UNAVAILABLE,
                        file + ": not a Piper model (no input '" + input + "')");
            }
        }
        PiperModel whole = new PiperModel(environment, session, null);
        if (probeIds == null) {
            return whole;
        }
        try {
            SplitNetwork split = whole.split(file, proto, tuning, probeIds, multiSpeaker ? 0 : -1);
            // The parts do all the work from now on: the whole network's memory is given back.
            closeQuietly(session);
            return new PiperModel(environment, null, split);
        } catch (NetworkSplitter.Unsplittable e) {
            LOG.info(() -> file.getFileName() + " runs whole, without decoder windows: " + e.getMessage());
            return whole;
        }
    }

    private SplitNetwork split(Path file, ModelProto proto, SessionTuning tuning, long[] ids, int speaker)
            throws NetworkSplitter.Unsplittable {
        NetworkSplitter.Parts parts = NetworkSplitter.split(proto);
        SplitNetwork split;
        try {
            split = new SplitNetwork(environment, open(environment, file, parts.front(), tuning),
                    parts.flowInputs(), open(environment, file, parts.flow(), tuning), parts.flowField(),
                    open(environment, file, parts.decoderHead(), tuning), parts.headField(),
                    open(environment, file, parts.decoderTail(), tuning), parts.tailField(), parts.latentChannels());
        } catch (EngineException e) {
            throw new NetworkSplitter.Unsplittable("ONNX Runtime refuses a part: " + e.getMessage());
        }
        try {
            Scales quiet = new Scales(0f, 1f, 0f);
            float[] expected = floats(infer(ids, quiet, speaker));
            SplitNetwork.Front whole = split.front(ids, quiet, speaker);
            compare(expected, split.decode(whole, 0, whole.frames(), speaker), "in one window");
            // Windows much smaller than any real ones: a receptive field too small would show here.
            SplitNetwork.Front windowed = split.front(ids, quiet, speaker);
            float[] joined = new float[0];
            for (DecoderWindows.Window window : PROBE_WINDOWS.plan(windowed.frames())) {
                float[] audio = split.decode(windowed, window.start(), window.end(), speaker);
                joined = Arrays.copyOf(joined, joined.length + audio.length);
                System.arraycopy(audio, 0, joined, joined.length - audio.length, audio.length);
            }
            compare(expected, joined, "in windows of " + PROBE_WINDOWS.nextFrames() + " frames");
            return split;
        } catch (EngineException | NetworkSplitter.Unsplittable e) {
            split.close();
            throw e instanceof NetworkSplitter.Unsplittable u ? u : new NetworkSplitter.Unsplittable(e.getMessage());
        }
    }

    private static void compare(float[] expected, float[] parts, String how) throws NetworkSplitter.Unsplittable {
        if (parts.length != expected.length) {
            throw new NetworkSplitter.Unsplittable("the parts make " + parts.length + " samples " + how
                    + ", the whole network " + expected.length);
        }
        float worst = 0;
        for (int i = 0; i < parts.length; i++) {
            worst = Math.max(worst, Math.abs(parts[i] - expected[i]));
        }
        if (worst > SPLIT_TOLERANCE) {
            throw new NetworkSplitter.Unsplittable("the parts differ from the whole network by " + worst + " " + how);
        }
    }

    /** The network's parts, when it could be split. */
    Optional<SplitNetwork> split() {
        return Optional.ofNullable(split);
    }

    private static byte[] read(Path file) throws EngineException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            throw new EngineException(EngineException.VOICE_UNAVAILABLE, file + ": cannot read it: " + e, e);
        }
    }

    private static float[] floats(FloatBuffer buffer) {
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private static OrtSession open(OrtEnvironment environment, Path file, byte[] model, SessionTuning tuning)
            throws EngineException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(tuning.intraOpThreads());
            options.setOptimizationLevel(tuning.optimization().level());
            // Piper's graph is one chain: a second pool of threads would only idle.
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            // Every sentence is an input of a new shape. The CPU arena keeps the largest buffers it
            // ever needed for the session's life, and memory patterns keep a plan per shape: under
            // texts of every length a worker's native memory grew from 90 MB to ~915 MB (issue 13).
            // Without them each run allocates what it needs and frees it.
            options.setCPUArenaAllocator(false);
            options.setMemoryPatternOptimization(false);
            return environment.createSession(model, options);
        } catch (OrtException e) {
            throw new EngineException(EngineException.VOICE_UNAVAILABLE,
                    file + ": ONNX Runtime cannot load it: " + e.getMessage(), e);
        }
    }

    static void putInputs(Map<String, OnnxTensor> inputs, OnnxTensor ids, OnnxTensor lengths, OnnxTensor scales,
                          OnnxTensor sid) {
        inputs.put(INPUT, ids);
        inputs.put(INPUT_LENGTHS, lengths);
        inputs.put(SCALES, scales);
        if (sid != null) {
            inputs.put(SPEAKER, sid);
        }
    }

    /**
     * Runs the model on one sentence's ids.
     *
     * @param speaker the speaker id, or -1 for single-speaker models (no {@code sid} input)
     * @return the audio, however many dimensions the model's output has, flattened
     */
    FloatBuffer infer(long[] ids, Scales scales, int speaker) throws EngineException {
        return infer(ids, scales, speaker, null);
    }

    /** @param options the run's options, which may stop it (see {@link CallRuns}); null for none */
    FloatBuffer infer(long[] ids, Scales scales, int speaker, OrtSession.RunOptions options) throws EngineException {
        if (session == null) {
            throw new IllegalStateException("a split network runs through split(), not whole");
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor input = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), new long[] {1, ids.length});
             OnnxTensor lengths = OnnxTensor.createTensor(environment, new long[] {ids.length});
             OnnxTensor scaleTensor = OnnxTensor.createTensor(environment, scales.toArray());
             OnnxTensor sid = speaker < 0 ? null : OnnxTensor.createTensor(environment, new long[] {speaker})) {
            putInputs(inputs, input, lengths, scaleTensor, sid);
            try (OrtSession.Result result = session.run(inputs, options)) {
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
        if (split != null) {
            split.close();
        }
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

    static void closeQuietly(OrtSession session) {
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
