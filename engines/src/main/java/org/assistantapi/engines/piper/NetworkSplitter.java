package org.assistantapi.engines.piper;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.assistantapi.engines.piper.onnx.Onnx.AttributeProto;
import org.assistantapi.engines.piper.onnx.Onnx.GraphProto;
import org.assistantapi.engines.piper.onnx.Onnx.ModelProto;
import org.assistantapi.engines.piper.onnx.Onnx.NodeProto;
import org.assistantapi.engines.piper.onnx.Onnx.TensorProto;
import org.assistantapi.engines.piper.onnx.Onnx.TensorShapeProto;
import org.assistantapi.engines.piper.onnx.Onnx.TypeProto;
import org.assistantapi.engines.piper.onnx.Onnx.ValueInfoProto;

/**
 * Cuts a Piper (VITS) network in four, from the graph's structure alone (never node names):
 * <ul>
 * <li>the <b>decoder</b> (HiFi-GAN) is what produces the audio from the latent frames: the input of
 *     the convolution reached by walking back from the first transposed convolution (the first
 *     upsampling) along first inputs. Everything the audio depends on, back to that tensor, is the
 *     decoder; it may read no model input but {@code sid}. It is cut once more, at the input of the
 *     second upsampling, into a <b>head</b> (the first upsampling stage, at a few samples per
 *     frame, with most of the decoder's reach) and a <b>tail</b> (the later stages, with most of
 *     its cost and a reach of a frame or two), so that a window's context costs the tail little;
 *     the tail may read nothing of the head but that one tensor;</li>
 * <li>the <b>flow</b> is the time-local part before it: walking back from the latent through
 *     convolutions, element-wise nodes and channel slices, splits and concatenations, up to the
 *     tensors other nodes make (the expanded prior from a {@code MatMul}, the noise, the frame mask,
 *     the noise scale); those tensors are its inputs;</li>
 * <li>the <b>front</b> is everything the flow's inputs and the one {@code Ceil} (the duration
 *     predictor's frames per phoneme id) depend on.</li>
 * </ul>
 * Each part becomes a model of its own with the original's opset and the initializers it uses.
 */
final class NetworkSplitter {

    /** Why a network cannot be split; the voice then runs whole. */
    static final class Unsplittable extends Exception {
        Unsplittable(String reason) {
            super(reason);
        }
    }

    /**
     * The parts and what windowed decoding needs to know.
     *
     * @param front          model: Piper's inputs → the flow's inputs and {@link #DURATIONS} [1, 1, ids]
     *                       (frames per id)
     * @param flowInputs     the flow's inputs, in the front's output order
     * @param flow           model: the flow's inputs (those with frames sliced to a window) →
     *                       {@link #LATENT} [1, channels, frames]
     * @param flowField      the flow's receptive field (hop 1)
     * @param decoderHead    model: {@link #LATENT} (and {@code sid} when the voice has speakers) →
     *                       {@link #UPSAMPLED} [1, channels, samples]
     * @param headField      the head's hop and receptive field, in latent frames
     * @param decoderTail    model: {@link #UPSAMPLED} (and {@code sid} if it reads it) → the original output
     * @param tailField      the tail's hop and receptive field, in the head's samples
     * @param latentChannels the latent's channel count
     */
    record Parts(byte[] front, List<String> flowInputs, byte[] flow, ReceptiveField flowField, byte[] decoderHead,
                 ReceptiveField headField, byte[] decoderTail, ReceptiveField tailField, int latentChannels) {
    }

    static final String LATENT = "latent";
    static final String UPSAMPLED = "upsampled";
    static final String DURATIONS = "durations";
    private static final Set<String> DECODER_MAY_READ = Set.of("sid");
    /** What the flow is made of: time-local nodes (a cast or an unsqueeze ends it: the mask's). */
    private static final Set<String> FLOW_OPS = Set.of("Conv", "Add", "Sub", "Mul", "Div", "Tanh", "Sigmoid", "Exp",
            "Neg", "Identity", "Slice", "Split", "Concat", "Shape", "ConstantOfShape", "Constant");

    private NetworkSplitter() {
    }

    static Parts split(ModelProto model) throws Unsplittable {
        GraphProto graph = model.getGraph();
        if (graph.getOutputCount() != 1) {
            throw new Unsplittable("the network has " + graph.getOutputCount() + " outputs, not one");
        }
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            for (AttributeProto attribute : node.getAttributeList()) {
                if (attribute.hasG() || attribute.getGraphsCount() > 0) {
                    throw new Unsplittable("the network has control flow (" + node.getOpType() + ")");
                }
            }
            node.getOutputList().forEach(output -> producers.put(output, node));
        }
        Map<String, TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));

        NodeProto preConvolution = decoderEntry(graph, producers);
        String latent = preConvolution.getInput(0);
        TensorProto preWeight = initializers.get(preConvolution.getInput(1));
        if (preWeight == null || preWeight.getDimsCount() != 3) {
            throw new Unsplittable("the decoder's first convolution has no 1-D weight initializer");
        }
        String durations = ceilOutput(graph);
        String audio = graph.getOutput(0).getName();

        Set<String> graphInputs = new HashSet<>();
        graph.getInputList().forEach(input -> graphInputs.add(input.getName()));
        Set<NodeProto> decoderNodes = closure(List.of(audio), Set.of(latent), producers);
        Set<String> decoderReads = reads(decoderNodes, graphInputs);
        decoderReads.removeAll(DECODER_MAY_READ);
        if (!decoderReads.isEmpty()) {
            throw new Unsplittable("the audio depends on " + decoderReads + " other than through the latent frames");
        }
        Set<NodeProto> flowNodes = new HashSet<>();
        List<String> flowInputs = flowInputs(latent, producers, initializers, flowNodes);
        List<String> frontTargets = new ArrayList<>(flowInputs);
        frontTargets.add(durations);
        Set<NodeProto> frontNodes = closure(frontTargets, Set.of(), producers);
        if (frontNodes.stream().anyMatch(flowNodes::contains) || decoderNodes.stream().anyMatch(flowNodes::contains)) {
            throw new Unsplittable("the flow's nodes are also needed before or after it");
        }

        String upsampled = secondUpsamplingInput(inOrder(graph, decoderNodes));
        Set<NodeProto> tailNodes = closure(List.of(audio), Set.of(upsampled), producers);
        Set<NodeProto> headNodes = closure(List.of(upsampled), Set.of(latent), producers);
        // Constants (nodes without inputs) may serve both; anything computed belongs to one stage.
        Set<String> headMade = new HashSet<>();
        headNodes.stream().filter(node -> node.getInputCount() > 0).forEach(node -> headMade.addAll(node.getOutputList()));
        if (!reads(tailNodes, headMade).equals(Set.of(upsampled))
                || headNodes.stream().anyMatch(node -> node.getInputCount() > 0 && tailNodes.contains(node))) {
            throw new Unsplittable("the decoder's later stages read more of its first stage than its output");
        }
        List<NodeProto> headOrder = inOrder(graph, headNodes);
        List<NodeProto> tailOrder = inOrder(graph, tailNodes);
        List<NodeProto> flowOrder = inOrder(graph, flowNodes);
        Function<String, long[]> constants = name -> constantInts(name, producers, initializers);
        ReceptiveField headField;
        ReceptiveField tailField;
        ReceptiveField flowField;
        try {
            headField = ReceptiveField.of(headOrder, Set.of(latent), upsampled, node -> kernel(node, initializers), constants);
            tailField = ReceptiveField.of(tailOrder, Set.of(upsampled), audio, node -> kernel(node, initializers), constants);
            flowField = ReceptiveField.of(flowOrder, Set.copyOf(flowInputs), latent, node -> kernel(node, initializers),
                    constants);
        } catch (IllegalArgumentException e) {
            throw new Unsplittable(e.getMessage());
        }
        if (flowField.hop() != 1) {
            throw new Unsplittable("the flow changes the frame rate");
        }
        int channels = Math.toIntExact(preWeight.getDims(1));
        Function<String, String> renameDecoder = name -> name.equals(latent) ? LATENT : name.equals(upsampled) ? UPSAMPLED : name;
        List<ValueInfoProto> frontOutputs = new ArrayList<>();
        flowInputs.forEach(name -> frontOutputs.add(floatValue(name, -1)));
        frontOutputs.add(floatValue(DURATIONS, 3));
        ModelProto front = part(model, inOrder(graph, frontNodes), initializers, graph.getInputList(), frontOutputs,
                name -> name.equals(durations) ? DURATIONS : name);
        ModelProto flow = part(model, flowOrder, initializers,
                flowInputs.stream().map(name -> floatValue(name, -1)).toList(), List.of(floatValue(LATENT, 3)),
                renameDecoder);
        ModelProto head = part(model, headOrder, initializers, decoderInputs(graph, graphInputs, headNodes, LATENT),
                List.of(floatValue(UPSAMPLED, 3)), renameDecoder);
        ModelProto tail = part(model, tailOrder, initializers, decoderInputs(graph, graphInputs, tailNodes, UPSAMPLED),
                List.of(graph.getOutput(0)), renameDecoder);
        return new Parts(front.toByteArray(), flowInputs, flow.toByteArray(), flowField, head.toByteArray(), headField,
                tail.toByteArray(), tailField, channels);
    }

    /** A decoder part's inputs: the tensor it starts from, and the model inputs its nodes read ({@code sid}). */
    private static List<ValueInfoProto> decoderInputs(GraphProto graph, Set<String> graphInputs, Set<NodeProto> nodes,
                                                      String from) {
        Set<String> read = reads(nodes, graphInputs);
        List<ValueInfoProto> inputs = new ArrayList<>(List.of(floatValue(from, 3)));
        graph.getInputList().stream().filter(input -> read.contains(input.getName())).forEach(inputs::add);
        return inputs;
    }

    /** Where the decoder's second stage begins: the input of its second transposed convolution. */
    private static String secondUpsamplingInput(List<NodeProto> decoderOrder) throws Unsplittable {
        List<NodeProto> upsamplings = decoderOrder.stream().filter(n -> n.getOpType().equals("ConvTranspose")).toList();
        if (upsamplings.size() < 2) {
            throw new Unsplittable("the decoder has " + upsamplings.size() + " upsampling, not two or more");
        }
        return upsamplings.get(1).getInput(0);
    }

    /**
     * Walks back from the latent through the flow's kind of nodes; the tensors where the walk stops
     * (made by other nodes) are the flow's inputs, in the order first met. Fills {@code nodes}.
     */
    private static List<String> flowInputs(String latent, Map<String, NodeProto> producers,
                                           Map<String, TensorProto> initializers, Set<NodeProto> nodes) throws Unsplittable {
        List<String> inputs = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>(List.of(latent));
        Set<String> seen = new HashSet<>(pending);
        while (!pending.isEmpty()) {
            String tensor = pending.pop();
            NodeProto producer = producers.get(tensor);
            if (producer == null) {
                if (!initializers.containsKey(tensor)) {
                    throw new Unsplittable("the flow reads the model input " + tensor + " directly");
                }
            } else if (FLOW_OPS.contains(producer.getOpType())) {
                if (nodes.add(producer)) {
                    producer.getInputList().stream().filter(i -> !i.isEmpty() && seen.add(i)).forEach(pending::push);
                }
            } else {
                inputs.add(tensor);
            }
        }
        if (nodes.stream().noneMatch(node -> node.getOpType().equals("Conv"))) {
            throw new Unsplittable("no convolutional flow stands before the decoder");
        }
        return inputs;
    }

    /** The integers a Constant node or an initializer holds, or null. */
    private static long[] constantInts(String name, Map<String, NodeProto> producers, Map<String, TensorProto> initializers) {
        TensorProto tensor = initializers.get(name);
        NodeProto producer = producers.get(name);
        if (tensor == null && producer != null && producer.getOpType().equals("Constant")) {
            tensor = producer.getAttributeList().stream().filter(AttributeProto::hasT).map(AttributeProto::getT)
                    .findFirst().orElse(null);
        }
        if (tensor == null || tensor.getDataType() != TensorProto.DataType.INT64_VALUE) {
            return null;
        }
        if (tensor.getInt64DataCount() > 0) {
            return tensor.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
        }
        java.nio.LongBuffer raw = tensor.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .asLongBuffer();
        long[] values = new long[raw.remaining()];
        raw.get(values);
        return values;
    }

    /** The decoder's first convolution: back from the first upsampling along first inputs. */
    private static NodeProto decoderEntry(GraphProto graph, Map<String, NodeProto> producers) throws Unsplittable {
        NodeProto upsampling = graph.getNodeList().stream().filter(n -> n.getOpType().equals("ConvTranspose"))
                .findFirst().orElseThrow(() -> new Unsplittable("the network has no transposed convolution (no HiFi-GAN decoder)"));
        NodeProto node = producers.get(upsampling.getInput(0));
        while (node != null && !node.getOpType().equals("Conv")) {
            if (!Set.of("LeakyRelu", "Relu", "Add", "Identity").contains(node.getOpType())) {
                throw new Unsplittable("a " + node.getOpType() + " node stands before the first upsampling");
            }
            node = producers.get(node.getInput(0));
        }
        if (node == null) {
            throw new Unsplittable("no convolution stands before the first upsampling");
        }
        return node;
    }

    private static String ceilOutput(GraphProto graph) throws Unsplittable {
        List<NodeProto> ceilings = graph.getNodeList().stream().filter(n -> n.getOpType().equals("Ceil")).toList();
        if (ceilings.size() != 1) {
            throw new Unsplittable("the network has " + ceilings.size() + " Ceil nodes, not one (the durations)");
        }
        return ceilings.getFirst().getOutput(0);
    }

    /** The nodes that the given tensors depend on, not looking past {@code stops}. */
    private static Set<NodeProto> closure(List<String> targets, Set<String> stops, Map<String, NodeProto> producers) {
        Set<NodeProto> nodes = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(targets);
        Set<String> seen = new HashSet<>(targets);
        while (!pending.isEmpty()) {
            String tensor = pending.pop();
            NodeProto producer = stops.contains(tensor) ? null : producers.get(tensor);
            if (producer != null && nodes.add(producer)) {
                for (String input : producer.getInputList()) {
                    if (!input.isEmpty() && seen.add(input)) {
                        pending.push(input);
                    }
                }
            }
        }
        return nodes;
    }

    private static Set<String> reads(Set<NodeProto> nodes, Set<String> candidates) {
        Set<String> read = new HashSet<>();
        nodes.forEach(node -> node.getInputList().stream().filter(candidates::contains).forEach(read::add));
        return read;
    }

    private static List<NodeProto> inOrder(GraphProto graph, Set<NodeProto> nodes) {
        return graph.getNodeList().stream().filter(nodes::contains).toList();
    }

    private static int kernel(NodeProto node, Map<String, TensorProto> initializers) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals("kernel_shape") && attribute.getIntsCount() == 1) {
                return Math.toIntExact(attribute.getInts(0));
            }
        }
        TensorProto weight = initializers.get(node.getInput(1));
        if (weight == null || weight.getDimsCount() != 3) {
            throw new IllegalArgumentException("a " + node.getOpType() + " node has no 1-D kernel");
        }
        return Math.toIntExact(weight.getDims(2));
    }

    private static ModelProto part(ModelProto model, List<NodeProto> nodes, Map<String, TensorProto> initializers,
                                   List<ValueInfoProto> inputs, List<ValueInfoProto> outputs,
                                   Function<String, String> rename) {
        GraphProto.Builder graph = GraphProto.newBuilder().setName(model.getGraph().getName());
        Set<String> used = new HashSet<>();
        for (NodeProto node : nodes) {
            NodeProto.Builder copy = node.toBuilder().clearInput().clearOutput();
            node.getInputList().forEach(input -> copy.addInput(rename.apply(input)));
            node.getOutputList().forEach(output -> copy.addOutput(rename.apply(output)));
            graph.addNode(copy);
            used.addAll(node.getInputList());
        }
        used.stream().map(initializers::get).filter(java.util.Objects::nonNull).forEach(graph::addInitializer);
        Set<String> usedAsNamed = new HashSet<>();
        used.forEach(name -> usedAsNamed.add(rename.apply(name)));
        graph.addAllInput(inputs.stream().filter(i -> usedAsNamed.contains(i.getName())).toList());
        graph.addAllOutput(outputs);
        return model.toBuilder().setGraph(graph).build();
    }

    /** A float tensor's declaration; rank -1 leaves the shape (and rank) open. */
    private static ValueInfoProto floatValue(String name, int rank) {
        TypeProto.Tensor.Builder type = TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE);
        if (rank >= 0) {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            for (int i = 0; i < rank; i++) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(name + "_" + i));
            }
            type.setShape(shape);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(type)).build();
    }
}
