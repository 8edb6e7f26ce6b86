package convbench.core.importer;

import convbench.dl4j.Nd4jContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A pretrained Keras or TF.js model as a DL4J {@link ComputationGraph} whose vertex names are the Keras layer
 * names (so {@code activations(x, List.of("res4a_branch2a"))} gives what Keras calls that layer's output).
 * Convolutional inputs keep Keras' layout: channels-last models take NHWC arrays, as Keras and TF.js do.
 */
public final class ImportedModel {
    /** Where the model came from. */
    public enum Format { TFJS_LAYERS, KERAS_H5 }

    private final Path source;
    private final Format format;
    private final ComputationGraph graph;
    private final Map<String, String> layerClasses;
    private final List<String> inputNames;
    private final List<String> outputNames;
    private final long[] inputShape;
    private final boolean channelsLast;
    private final List<String> softmaxRemoved;
    private final double importSeconds;

    ImportedModel(Path source, Format format, ComputationGraph graph, KerasTopology topology, long[] inputShape,
            double importSeconds) {
        this.source = source;
        this.format = format;
        this.graph = graph;
        this.layerClasses = Collections.unmodifiableMap(new LinkedHashMap<>(topology.layerClasses));
        this.inputNames = List.copyOf(topology.inputNames);
        this.outputNames = List.copyOf(topology.outputNames);
        this.inputShape = inputShape;
        this.channelsLast = topology.channelsLast;
        this.softmaxRemoved = List.copyOf(topology.softmaxRemoved);
        this.importSeconds = importSeconds;
    }

    public Path source() {
        return source;
    }

    public Format format() {
        return format;
    }

    /** The DL4J network, for inference, feature extraction or fine-tuning. */
    public ComputationGraph graph() {
        return graph;
    }

    /** Keras layer names (= graph vertex names) in config order, with their Keras class names. */
    public Map<String, String> layers() {
        return layerClasses;
    }

    public List<String> inputNames() {
        return inputNames;
    }

    public List<String> outputNames() {
        return outputNames;
    }

    /** The first input's Keras shape without the batch axis, e.g. [224, 224, 3]; -1 where Keras left it open. */
    public long[] inputShape() {
        return inputShape.clone();
    }

    /** True when image inputs are NHWC (Keras channels_last, every TF.js model), false for NCHW. */
    public boolean channelsLast() {
        return channelsLast;
    }

    /** True when the outputs are logits because {@link ImportOptions#logits()} removed a final softmax. */
    public boolean outputsLogits() {
        return !softmaxRemoved.isEmpty();
    }

    /** Wall time of the import (parsing, weight decoding, graph building). */
    public double importSeconds() {
        return importSeconds;
    }

    /** The first output for one input batch, in inference mode. */
    public INDArray output(INDArray input) {
        return Nd4jContext.call(() -> graph.outputSingle(false, input));
    }

    /** The outputs of the named layers (inference mode) for one input batch, computed only as far as needed. */
    public Map<String, INDArray> activations(INDArray input, List<String> layerNames) {
        for (String name : layerNames)
            if (graph.getVertex(name) == null)
                throw new IllegalArgumentException(source + ": no layer '" + name + "' in the model; layers: "
                        + abbreviate(layerClasses.keySet()));
        // forward only up to the last requested vertex in topological order. Not output(List, ...), which leaves a
        // workspace open in M2.1, nor feedForward(INDArray[], int, boolean), which mixes up layer and vertex indices
        // there; this overload takes the position in topological order
        int[] order = graph.topologicalSortOrder();
        int stop = 0;
        for (String name : layerNames) {
            int index = graph.getVertex(name).getVertexIndex();
            for (int i = 0; i < order.length; i++)
                if (order[i] == index)
                    stop = Math.max(stop, i);
        }
        int last = stop;
        Map<String, INDArray> all = Nd4jContext.call(() -> graph.feedForward(new INDArray[] {input}, last, false, true));
        Map<String, INDArray> result = new LinkedHashMap<>();
        for (String name : layerNames)
            result.put(name, all.get(name));
        return result;
    }

    private static String abbreviate(java.util.Collection<String> names) {
        return names.size() <= 12 ? names.toString()
                : names.stream().limit(12).toList() + " and " + (names.size() - 12) + " more";
    }

    @Override
    public String toString() {
        return source.getFileName() + " (" + format + ", " + layerClasses.size() + " layers, "
                + graph.numParams() + " parameters, input " + Arrays.toString(inputShape) + ")";
    }
}
