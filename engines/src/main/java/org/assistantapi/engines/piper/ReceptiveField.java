package org.assistantapi.engines.piper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assistantapi.engines.piper.onnx.Onnx.AttributeProto;
import org.assistantapi.engines.piper.onnx.Onnx.NodeProto;

/**
 * How far a sample of the decoder's audio reaches into its input: each output sample depends on at
 * most {@code contextFrames} latent frames on either side of the frame it belongs to, and each
 * latent frame becomes {@code hop} samples. Computed from the decoder's nodes: convolutions add
 * their padded reach (dilation·(kernel − 1) split by their padding), transposed convolutions
 * multiply the rate by their stride and add their reach (plus one input sample each side, for
 * rounding), element-wise nodes take the widest of their inputs; anything else (a reshape, a pad,
 * a slice along time) is refused, since it could move samples across a window's edge.
 *
 * @param hop           audio samples per latent frame (the product of the upsampling strides)
 * @param contextFrames latent frames each side that can change a window's samples
 */
record ReceptiveField(int hop, int contextFrames) {

    /** Nodes that act sample by sample (broadcasting a constant or a per-channel value). */
    private static final Set<String> ELEMENTWISE = Set.of("Add", "Sub", "Mul", "Div", "LeakyRelu", "Relu", "Tanh",
            "Sigmoid", "Identity", "Unsqueeze", "Squeeze", "Cast", "Clip", "Neg", "Erf", "Pow", "Sqrt");

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
     * @param nodes  the decoder's nodes in topological order
     * @param latent the decoder's input
     * @param output the decoder's audio output
     * @param kernel the kernel length of a convolution node (from its attribute or its weight)
     * @throws IllegalArgumentException with the reason when the decoder is not purely convolutional
     */
    static ReceptiveField of(List<NodeProto> nodes, String latent, String output,
                             java.util.function.ToIntFunction<NodeProto> kernel) {
        Map<String, Reach> reach = new HashMap<>();
        reach.put(latent, new Reach(1, 0, 0));
        for (NodeProto node : nodes) {
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

    private static void requireOne(NodeProto node, String attribute) {
        if (ints(node, attribute, 1) != 1) {
            throw new IllegalArgumentException("a " + node.getOpType() + " node has " + attribute + " other than 1");
        }
    }

    /** The first value of an ints attribute (every one is the same for 1-D convolutions), or a default. */
    private static long ints(NodeProto node, String name, long otherwise) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals(name) && attribute.getIntsCount() > 0) {
                return attribute.getInts(0);
            }
            if (attribute.getName().equals("auto_pad") && !attribute.getS().toStringUtf8().equals("NOTSET")) {
                throw new IllegalArgumentException("a " + node.getOpType() + " node pads automatically");
            }
        }
        return otherwise;
    }
}
