package org.assistantapi.engines.piper;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.assistantapi.engines.EngineException;

/**
 * A voice's network in its two parts ({@link NetworkSplitter}): the front runs once per sentence
 * and gives the latent frames and each id's duration; the decoder turns any window of those
 * frames, widened by its receptive field on each side, into exactly the samples the whole network
 * would have made for it.
 */
final class SplitNetwork implements AutoCloseable {

    /**
     * One sentence's front output.
     *
     * @param latent    [channels][frames], channel-major as ONNX Runtime returns it
     * @param frames    latent frames; the sentence's audio is {@code frames · hop} samples
     * @param durations frames per phoneme id
     */
    record Front(float[] latent, int channels, int frames, float[] durations) {
    }

    private final OrtEnvironment environment;
    private final OrtSession front;
    private final OrtSession decoder;
    private final int channels;
    private final ReceptiveField field;

    SplitNetwork(OrtEnvironment environment, OrtSession front, OrtSession decoder, int channels, ReceptiveField field) {
        this.environment = environment;
        this.front = front;
        this.decoder = decoder;
        this.channels = channels;
        this.field = field;
    }

    ReceptiveField field() {
        return field;
    }

    Front front(long[] ids, PiperModel.Scales scales, int speaker) throws EngineException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor input = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), new long[] {1, ids.length});
             OnnxTensor lengths = OnnxTensor.createTensor(environment, new long[] {ids.length});
             OnnxTensor scaleTensor = OnnxTensor.createTensor(environment, scales.toArray());
             OnnxTensor sid = speaker < 0 ? null : OnnxTensor.createTensor(environment, new long[] {speaker})) {
            PiperModel.putInputs(inputs, input, lengths, scaleTensor, sid);
            inputs.keySet().retainAll(front.getInputNames());
            try (OrtSession.Result result = front.run(inputs)) {
                OnnxTensor latent = (OnnxTensor) result.get(NetworkSplitter.LATENT).orElseThrow();
                long[] shape = latent.getInfo().getShape();
                float[] values = floats(latent.getFloatBuffer());
                float[] durations = floats(((OnnxTensor) result.get(NetworkSplitter.DURATIONS).orElseThrow()).getFloatBuffer());
                if (shape.length != 3 || shape[1] != channels) {
                    throw new EngineException(EngineException.SYNTHESIS_FAILED, "the front's latent has shape "
                            + java.util.Arrays.toString(shape) + ", not [1, " + channels + ", frames]");
                }
                return new Front(values, channels, Math.toIntExact(shape[2]), durations);
            }
        } catch (OrtException e) {
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "ONNX Runtime inference failed: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "the voice was closed: " + e.getMessage(), e);
        }
    }

    /**
     * The audio of frames {@code [start, end)}: the decoder runs on the frames widened by the
     * receptive field (within the sentence), and the context's samples are cut off again.
     */
    float[] decode(Front sentence, int start, int end, int speaker) throws EngineException {
        int from = Math.max(0, start - field.contextFrames());
        int to = Math.min(sentence.frames(), end + field.contextFrames());
        int width = to - from;
        float[] window = new float[channels * width];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(sentence.latent(), c * sentence.frames() + from, window, c * width, width);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor latent = OnnxTensor.createTensor(environment, FloatBuffer.wrap(window), new long[] {1, channels, width});
             OnnxTensor sid = speaker < 0 ? null : OnnxTensor.createTensor(environment, new long[] {speaker})) {
            inputs.put(NetworkSplitter.LATENT, latent);
            if (sid != null && decoder.getInputNames().contains("sid")) {
                inputs.put("sid", sid);
            }
            try (OrtSession.Result result = decoder.run(inputs)) {
                float[] audio = floats(((OnnxTensor) result.get(0)).getFloatBuffer());
                int hop = field.hop();
                if (audio.length != width * hop) {
                    throw new EngineException(EngineException.SYNTHESIS_FAILED, "the decoder made " + audio.length
                            + " samples of " + width + " frames, not " + hop + " per frame");
                }
                return java.util.Arrays.copyOfRange(audio, (start - from) * hop, (end - from) * hop);
            }
        } catch (OrtException e) {
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "ONNX Runtime inference failed: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "the voice was closed: " + e.getMessage(), e);
        }
    }

    private static float[] floats(FloatBuffer buffer) {
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    @Override
    public void close() {
        PiperModel.closeQuietly(front);
        PiperModel.closeQuietly(decoder);
    }
}
