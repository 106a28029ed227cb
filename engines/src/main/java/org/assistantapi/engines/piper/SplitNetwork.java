package org.assistantapi.engines.piper;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.assistantapi.engines.EngineException;

/**
 * A voice's network in its parts ({@link NetworkSplitter}): the front runs once per sentence and
 * gives the flow's inputs (the expanded prior, its noise, the frame mask) and each id's duration;
 * the flow and then the decoder turn any window of frames, widened by their receptive fields,
 * into exactly the samples the whole network would have made for it. The flow's output (the
 * latent) is kept per sentence, so each latent frame is made once, apart from the flow's context
 * at each new stretch; there are three: the first window's, the second's, then the rest of the
 * sentence. The decoder runs as its head (first upsampling stage) over the window widened by the
 * head's reach and the tail's, then its tail over the head's output widened by the tail's reach
 * only: the tail, most of the decoder's cost, recomputes a frame or two at a window's edge where
 * the whole decoder would recompute a dozen.
 */
final class SplitNetwork implements AutoCloseable {

    /** One of the front's outputs: values in ONNX Runtime's row-major order, and the shape. */
    private record Tensor(float[] values, long[] shape) {
        boolean hasFrames(int frames) {
            return shape.length >= 2 && shape[shape.length - 1] == frames;
        }
    }

    /** One sentence: the front's output, and the latent frames the flow has made so far. */
    static final class Front {
        private final Map<String, Tensor> flowInputs;
        private final int frames;
        private final float[] durations;
        private final float[] latent;
        private int ready;
        /** Stretches of the flow run so far. */
        private int stretches;

        private Front(Map<String, Tensor> flowInputs, int frames, float[] durations, int channels) {
            this.flowInputs = flowInputs;
            this.frames = frames;
            this.durations = durations;
            this.latent = new float[channels * frames];
        }

        /** Latent frames; the sentence's audio is {@code frames · hop} samples. */
        int frames() {
            return frames;
        }

        /** Frames per phoneme id. */
        float[] durations() {
            return durations.clone();
        }
    }

    /** Windows whose flow runs only as far as they need; the next runs it to the sentence's end. */
    private static final int WINDOWED_STRETCHES = 2;

    private final OrtEnvironment environment;
    private final OrtSession front;
    private final List<String> flowInputs;
    private final OrtSession flow;
    private final ReceptiveField flowField;
    private final OrtSession head;
    private final ReceptiveField headField;
    private final OrtSession tail;
    /** The tail's reach in latent frames (its own is in the head's samples). */
    private final int tailFrames;
    private final int channels;
    private final ReceptiveField field;

    /** A decoder window's frames, widened: for the tail's input and, wider, for the head's. */
    private record Spans(int tailFrom, int tailTo, int headFrom, int headTo) {
    }

    SplitNetwork(OrtEnvironment environment, OrtSession front, List<String> flowInputs, OrtSession flow,
                 ReceptiveField flowField, OrtSession head, ReceptiveField headField, OrtSession tail,
                 ReceptiveField tailField, int channels) {
        this.environment = environment;
        this.front = front;
        this.flowInputs = List.copyOf(flowInputs);
        this.flow = flow;
        this.flowField = flowField;
        this.head = head;
        this.headField = headField;
        this.tail = tail;
        this.tailFrames = Math.ceilDiv(tailField.contextFrames(), headField.hop());
        this.channels = channels;
        this.field = new ReceptiveField(headField.hop() * tailField.hop(), headField.contextFrames() + tailFrames);
    }

    /** The whole decoder's hop and receptive field (latent frames each side that can change a window). */
    ReceptiveField field() {
        return field;
    }

    /** The flow's receptive field, in latent frames. */
    ReceptiveField flowField() {
        return flowField;
    }

    Front front(long[] ids, PiperModel.Scales scales, int speaker) throws EngineException {
        return front(ids, scales, speaker, null);
    }

    /** @param options the run's options, which may stop it (see {@link CallRuns}); null for none */
    Front front(long[] ids, PiperModel.Scales scales, int speaker, OrtSession.RunOptions options) throws EngineException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor input = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), new long[] {1, ids.length});
             OnnxTensor lengths = OnnxTensor.createTensor(environment, new long[] {ids.length});
             OnnxTensor scaleTensor = OnnxTensor.createTensor(environment, scales.toArray());
             OnnxTensor sid = speaker < 0 ? null : OnnxTensor.createTensor(environment, new long[] {speaker})) {
            PiperModel.putInputs(inputs, input, lengths, scaleTensor, sid);
            inputs.keySet().retainAll(front.getInputNames());
            try (OrtSession.Result result = front.run(inputs, options)) {
                Map<String, Tensor> outputs = new HashMap<>();
                int frames = 0;
                for (String name : flowInputs) {
                    OnnxTensor tensor = (OnnxTensor) result.get(name).orElseThrow();
                    long[] shape = tensor.getInfo().getShape();
                    outputs.put(name, new Tensor(floats(tensor.getFloatBuffer()), shape));
                    if (shape.length >= 2) {
                        frames = Math.max(frames, Math.toIntExact(shape[shape.length - 1]));
                    }
                }
                float[] durations = floats(((OnnxTensor) result.get(NetworkSplitter.DURATIONS).orElseThrow()).getFloatBuffer());
                return new Front(outputs, frames, durations, channels);
            }
        } catch (OrtException e) {
            throw failed(e);
        } catch (IllegalStateException e) {
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "the voice was closed: " + e.getMessage(), e);
        }
    }

    /**
     * The audio of frames {@code [start, end)}: the head runs on the frames widened by both stages'
     * reach, the tail on the head's output widened by its own (within the sentence), and the
     * context's samples are cut off after each.
     */
    float[] decode(Front sentence, int start, int end, int speaker) throws EngineException {
        return decode(sentence, start, end, speaker, null);
    }

    /**
     * Like {@link #decode(Front, int, int, int)}, with options that may stop its runs (see
     * {@link CallRuns}; null for none). A stopped decode leaves the sentence as it was, but for
     * latent frames the flow has made: the next decode of the window finds them made.
     */
    float[] decode(Front sentence, int start, int end, int speaker, OrtSession.RunOptions options) throws EngineException {
        Spans spans = spans(sentence, new DecoderWindows.Window(start, end));
        // The first two windows get stretches of their own, then the rest of the sentence comes in
        // one: each stretch costs a run's fixed part (~3 ms with the medium voice) and recomputes
        // the flow's context twice (2 × 32 frames), but the second window is due within the
        // first's quarter second, while every later one has a second of audio or more to come in.
        flowUpTo(sentence, sentence.stretches < WINDOWED_STRETCHES ? spans.headTo() : sentence.frames, options);
        int width = spans.headTo() - spans.headFrom();
        int step = headField.hop();
        float[] upsampled = run(head, NetworkSplitter.LATENT, sentence.latent, sentence.frames, spans.headFrom(),
                spans.headTo(), speaker, options);
        int upsampledChannels = upsampled.length / (width * step);
        if (upsampled.length != upsampledChannels * width * step) {
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "the decoder's first stage made " + upsampled.length
                    + " values of " + width + " frames, not " + step + " per frame and channel");
        }
        int tailStart = (spans.tailFrom() - spans.headFrom()) * step;
        float[] audio = run(tail, NetworkSplitter.UPSAMPLED, upsampled, width * step, tailStart,
                tailStart + (spans.tailTo() - spans.tailFrom()) * step, speaker, options);
        int hop = field.hop();
        if (audio.length != (spans.tailTo() - spans.tailFrom()) * hop) {
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "the decoder made " + audio.length
                    + " samples of " + (spans.tailTo() - spans.tailFrom()) + " frames, not " + hop + " per frame");
        }
        return Arrays.copyOfRange(audio, (start - spans.tailFrom()) * hop, (end - spans.tailFrom()) * hop);
    }

    /** The frames the decoder's head runs on for a window (what the window costs, roughly). */
    int decodedFrames(Front sentence, DecoderWindows.Window window) {
        Spans spans = spans(sentence, window);
        return spans.headTo() - spans.headFrom();
    }

    private Spans spans(Front sentence, DecoderWindows.Window window) {
        int tailFrom = Math.max(0, window.start() - tailFrames);
        int tailTo = Math.min(sentence.frames, window.end() + tailFrames);
        return new Spans(tailFrom, tailTo, Math.max(0, tailFrom - headField.contextFrames()),
                Math.min(sentence.frames, tailTo + headField.contextFrames()));
    }

    /**
     * One decoder stage on columns {@code [from, to)} of {@code values} (rows of {@code rowLength},
     * one per channel): its single output's values.
     */
    private float[] run(OrtSession stage, String inputName, float[] values, int rowLength, int from, int to, int speaker,
                        OrtSession.RunOptions options) throws EngineException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        long[] shape = {1, values.length / rowLength, to - from};
        try (NativeTensor input = NativeTensor.columns(environment, values, rowLength, from, to, shape);
             OnnxTensor sid = speaker < 0 ? null : OnnxTensor.createTensor(environment, new long[] {speaker})) {
            inputs.put(inputName, input.tensor());
            if (sid != null && stage.getInputNames().contains("sid")) {
                inputs.put("sid", sid);
            }
            try (OrtSession.Result result = stage.run(inputs, options)) {
                return floats(((OnnxTensor) result.get(0)).getFloatBuffer());
            }
        } catch (OrtException e) {
            throw failed(e);
        } catch (IllegalStateException e) {
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "the voice was closed: " + e.getMessage(), e);
        }
    }

    /** Runs the flow on the frames from those made so far up to {@code upTo}, widened by its context. */
    private void flowUpTo(Front sentence, int upTo, OrtSession.RunOptions options) throws EngineException {
        if (upTo <= sentence.ready) {
            return;
        }
        int from = Math.max(0, sentence.ready - flowField.contextFrames());
        int to = Math.min(sentence.frames, upTo + flowField.contextFrames());
        Map<String, NativeTensor> inputs = new HashMap<>();
        try {
            for (String name : flowInputs) {
                Tensor tensor = sentence.flowInputs.get(name);
                inputs.put(name, tensor.hasFrames(sentence.frames) ? slice(tensor, sentence.frames, from, to)
                        : NativeTensor.of(environment, tensor.values(), tensor.shape()));
            }
            Map<String, OnnxTensor> tensors = new HashMap<>();
            inputs.forEach((name, input) -> tensors.put(name, input.tensor()));
            try (OrtSession.Result result = flow.run(tensors, options)) {
                float[] latent = floats(((OnnxTensor) result.get(0)).getFloatBuffer());
                int width = to - from;
                if (latent.length != channels * width) {
                    throw new EngineException(EngineException.SYNTHESIS_FAILED, "the flow made " + latent.length
                            + " values of " + width + " frames, not " + channels + " per frame");
                }
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(latent, c * width + sentence.ready - from, sentence.latent,
                            c * sentence.frames + sentence.ready, upTo - sentence.ready);
                }
                sentence.ready = upTo;
                sentence.stretches++;
            }
        } catch (OrtException e) {
            throw failed(e);
        } catch (IllegalStateException e) {
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "the voice was closed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(NativeTensor::close);
        }
    }

    /** Frames {@code [from, to)} of a tensor whose last axis is the sentence's frames. */
    private NativeTensor slice(Tensor tensor, int frames, int from, int to) throws OrtException {
        long[] shape = tensor.shape().clone();
        shape[shape.length - 1] = to - from;
        return NativeTensor.columns(environment, tensor.values(), frames, from, to, shape);
    }

    private static EngineException failed(OrtException e) {
        return new EngineException(EngineException.SYNTHESIS_FAILED, "ONNX Runtime inference failed: " + e.getMessage(), e);
    }

    private static float[] floats(FloatBuffer buffer) {
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    @Override
    public void close() {
        PiperModel.closeQuietly(front);
        PiperModel.closeQuietly(flow);
        PiperModel.closeQuietly(head);
        PiperModel.closeQuietly(tail);
    }
}
