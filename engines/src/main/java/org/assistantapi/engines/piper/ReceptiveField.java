package org.assistantapi.engines.piper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.assistantapi.engines.piper.onnx.Onnx.AttributeProto;
import org.assistantapi.engines.piper.onnx.Onnx.NodeProto;

/**
 * How far a sample of a convolutional part of the network (the decoder, the flow) reaches into
 * its inputs: each output sample depends on at most {@code contextFrames} input frames on either
 * side of the frame it belongs to, and each input frame becomes {@code hop} output samples.
 * Computed from the part's nodes: convolutions add their padded reach (dilation·(kernel − 1) split
 * by their padding), transposed convolutions multiply the rate by their stride and add their reach
 * (plus one input sample each side, for rounding), element-wise nodes and channel slices, splits
 * and concatenations take the widest of their inputs, shapes carry no reach; anything else (a
 * reshape, a pad, a slice along time) is refused, since it could move samples across a window's
 * edge.
 *
 * @param hop           output samples per input frame (the product of the upsampling strides)
 * @param contextFrames input frames each side that can change a window's samples
 */
record ReceptiveField(int hop, int contextFrames) {

    /** Nodes that act sample by sample (broadcasting a constant or a per-channel value). */
    private static final Set<String> ELEMENTWISE = Set.of("Add", "Sub", "Mul", "Div", "LeakyRelu", "Relu", "Tanh",
            "Sigmoid", "Identity", "Unsqueeze", "Squeeze", "Cast", "Clip", "Neg", "Erf", "Pow", "Sqrt", "Exp");
    /** Nodes that move data between channels (axis 1) only. */
    private static final Set<String> CHANNEL_OPS = Set.of("Slice", "Split", "Concat");
    /** Nodes whose output is a shape or made from one: no samples, so no reach. */
    private static final Set<String> SHAPE_OPS = Set.of("Shape", "ConstantOfShape");

    /** What is known of one tensor: its rate relative to the latent and its reach in latent frames. */
    private record Reach(long rate, double left, double right) {
        Reach widest(Reach other) {
            if (other.rate != rate) {
                throw new IllegalArgumentException("an element-wise node mixes rates " + rate + " and " + other.rate);
            }
            return new Reach(rate, Math.max(left, other.left), Math.max(right, other.right));
        }
    }

    /**
     * @param nodes   the part's nodes in topological order
     * @param inputs  the part's inputs that carry time (frames on their last axis)
     * @param output  the part's output
     * @param kernel  the kernel length of a convolution node (from its attribute or its weight)
     * @param axes    the constant integers a node input holds (a slice's axes), or null when not constant
     * @throws IllegalArgumentException with the reason when the part is not purely convolutional
     */
    static ReceptiveField of(List<NodeProto> nodes, Set<String> inputs, String output, ToIntFunction<NodeProto> kernel,
                             Function<String, long[]> axes) {
        Map<String, Reach> reach = new HashMap<>();
        inputs.forEach(input -> reach.put(input, new Reach(1, 0, 0)));
        for (NodeProto node : nodes) {
            if (SHAPE_OPS.contains(node.getOpType())) {
                continue;
            }
            Reach in = null;
            for (String input : node.getInputList()) {
                Reach r = reach.get(input);
                if (r != null) {
                    in = in == null ? r : in.widest(r);
                }
            }
            if (in == null) {
                continue; // constants, or a speaker's embedding: no time axis reach
            }
            Reach out = switch (node.getOpType()) {
                case "Conv" -> convolution(node, in, kernel.applyAsInt(node));
                case "ConvTranspose" -> transposed(node, in, kernel.applyAsInt(node));
                case "Slice", "Split", "Concat" -> {
                    requireChannelAxis(node, axes);
                    yield in;
                }
                default -> {
                    if (!ELEMENTWISE.contains(node.getOpType())) {
                        throw new IllegalArgumentException("the decoder has a " + node.getOpType()
                                + " node, which is neither a convolution nor element-wise");
                    }
                    yield in;
                }
            };
            for (String produced : node.getOutputList()) {
                reach.put(produced, out);
            }
        }
        Reach audio = reach.get(output);
        if (audio == null) {
            throw new IllegalArgumentException("the audio output does not depend on the latent input");
        }
        return new ReceptiveField(Math.toIntExact(audio.rate), (int) Math.ceil(Math.max(audio.left, audio.right)));
    }

    private static Reach convolution(NodeProto node, Reach in, int kernel) {
        requireOne(node, "strides");
        long dilation = ints(node, "dilations", 1);
        long before = ints(node, "pads", 0);
        long span = dilation * (kernel - 1);
        return new Reach(in.rate, in.left + (double) before / in.rate, in.right + (double) (span - before) / in.rate);
    }

    private static Reach transposed(NodeProto node, Reach in, int kernel) {
        requireOne(node, "dilations");
        long stride = ints(node, "strides", 1);
        long before = ints(node, "pads", 0);
        // Output j = i·stride − before + m (m < kernel): inputs (j + before − kernel + 1)/stride .. (j + before)/stride.
        double left = ((double) (kernel - 1 - before) / stride + 1) / in.rate;
        double right = ((double) before / stride + 1) / in.rate;
        return new Reach(in.rate * stride, in.left + left, in.right + right);
    }

    private static void requireChannelAxis(NodeProto node, Function<String, long[]> axes) {
        if (node.getOpType().equals("Slice") && wholeSlice(node, axes)) {
            return; // x[:, :, :] as a tracer writes it (Piper's z[:, :, :max_len] with no max_len)
        }
        long[] used = node.getOpType().equals("Slice")
                ? (node.getInputCount() > 3 ? axes.apply(node.getInput(3)) : null)
                : new long[] {ints(node, "axis", 0)};
        if (used == null || used.length == 0 || java.util.Arrays.stream(used).anyMatch(axis -> axis != 1)) {
            throw new IllegalArgumentException("a " + node.getOpType() + " node works on an axis other than the channels");
        }
    }

    /** A slice from 0 to "the end" with step 1: the identity, whatever its axes. */
    private static boolean wholeSlice(NodeProto node, Function<String, long[]> constants) {
        long[] starts = constants.apply(node.getInput(1));
        long[] ends = constants.apply(node.getInput(2));
        long[] steps = node.getInputCount() > 4 ? constants.apply(node.getInput(4)) : new long[] {1};
        return starts != null && ends != null && steps != null
                && java.util.Arrays.stream(starts).allMatch(start -> start == 0)
                && java.util.Arrays.stream(ends).allMatch(end -> end >= Integer.MAX_VALUE)
                && java.util.Arrays.stream(steps).allMatch(step -> step == 1);
    }

    private static void requireOne(NodeProto node, String attribute) {
        if (ints(node, attribute, 1) != 1) {
            throw new IllegalArgumentException("a " + node.getOpType() + " node has " + attribute + " other than 1");
        }
    }

    /** An int attribute, or the first value of an ints one (every one is the same for 1-D convolutions), or a default. */
    private static long ints(NodeProto node, String name, long otherwise) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals(name) && attribute.getIntsCount() > 0) {
                return attribute.getInts(0);
            }
            if (attribute.getName().equals(name) && attribute.getType() == AttributeProto.AttributeType.INT) {
                return attribute.getI();
            }
            if (attribute.getName().equals("auto_pad") && !attribute.getS().toStringUtf8().equals("NOTSET")) {
                throw new IllegalArgumentException("a " + node.getOpType() + " node pads automatically");
            }
        }
        return otherwise;
    }
}
