package convbench.core.importer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import convbench.dl4j.Nd4jContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Imports pretrained Keras models into DL4J: TF.js layers models ({@code model.json} whose {@code modelTopology}
 * is a Keras config, plus a weights manifest and binary shards) and Keras {@code .h5} files.
 * <p>
 * The TF.js path runs fully in memory: the Keras config goes to DL4J's Keras import, and the shard weights,
 * decoded by {@link WeightManifest}, are handed to DL4J's Keras layers, which convert the kernel layouts (e.g.
 * Conv2D [kH, kW, nIn, nOut] to [nOut, nIn, kH, kW]) as they do for .h5 weights.
 */
public final class ModelImporter {
    private ModelImporter() {
    }

    /** A TF.js {@code model.json} or a Keras {@code .h5}/{@code .hdf5} file, as it is. */
    public static ImportedModel load(Path file) throws ModelImportException {
        return load(file, ImportOptions.DEFAULT);
    }

    public static ImportedModel load(Path file, ImportOptions options) throws ModelImportException {
        if (!Files.isRegularFile(file))
            throw new ModelImportException(file, "no such model file");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json"))
            return importTfjs(file, options);
        if (name.endsWith(".h5") || name.endsWith(".hdf5"))
            return importKerasH5(file, options);
        throw new ModelImportException(file, "unknown model format: expected a TF.js layers model.json or a Keras .h5 file");
    }

    /** A TF.js layers model: {@code model.json} with its shards beside it. */
    public static ImportedModel importTfjs(Path modelJson, ImportOptions options) throws ModelImportException {
        long started = System.nanoTime();
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(modelJson));
            if (!parsed.isJsonObject())
                throw new ModelImportException(modelJson, "not a TF.js model.json (expected a JSON object)");
            root = parsed.getAsJsonObject();
        } catch (IOException e) {
            throw new ModelImportException(modelJson, "cannot read: " + e, e);
        } catch (JsonParseException e) {
            throw new ModelImportException(modelJson, "not valid JSON: " + e.getMessage(), e);
        }
        if (root.has("format") && !root.get("format").getAsString().equals("layers-model"))
            throw new ModelImportException(modelJson, "format '" + root.get("format").getAsString()
                    + "' is not supported: only TF.js layers models (Keras topologies) can be imported");
        if (!root.has("modelTopology") || !root.get("modelTopology").isJsonObject())
            throw new ModelImportException(modelJson, "no 'modelTopology' object: not a TF.js layers model");
        if (!root.has("weightsManifest") || !root.get("weightsManifest").isJsonArray())
            throw new ModelImportException(modelJson, "no 'weightsManifest' array: the model has no weights");

        KerasTopology topology = KerasTopology.of(modelJson, root.getAsJsonObject("modelTopology"), options);
        WeightManifest manifest = WeightManifest.fromManifest(modelJson, root.getAsJsonArray("weightsManifest"));
        ComputationGraph graph = Nd4jContext.call(() -> {
            KerasModel keras = build(modelJson, topology, new KerasModel().modelBuilder());
            assignWeights(modelJson, topology, keras, manifest);
            return toGraph(modelJson, keras);
        });
        return new ImportedModel(modelJson, ImportedModel.Format.TFJS_LAYERS, graph, topology,
                inputShape(topology), (System.nanoTime() - started) / 1e9);
    }

    /** A Keras .h5 file saved with {@code model.save(...)} (config and weights), through DL4J's HDF5 reader. */
    public static ImportedModel importKerasH5(Path h5, ImportOptions options) throws ModelImportException {
        long started = System.nanoTime();
        return Nd4jContext.call(() -> {
            try (KerasModelBuilder builder = new KerasModel().modelBuilder()) {
                builder.modelHdf5Filename(h5.toString());
                JsonObject config = JsonParser.parseString(builder.getModelJson()).getAsJsonObject();
                KerasTopology topology = KerasTopology.of(h5, config, options);
                KerasModel keras = build(h5, topology, builder);
                ComputationGraph graph = toGraph(h5, keras);
                return new ImportedModel(h5, ImportedModel.Format.KERAS_H5, graph, topology, inputShape(topology),
                        (System.nanoTime() - started) / 1e9);
            } catch (IOException | InvalidKerasConfigurationException | UnsupportedKerasConfigurationException e) {
                if (e instanceof ModelImportException mie)
                    throw mie;
                throw new ModelImportException(h5, "not a Keras model file DL4J can read: " + e.getMessage(), e);
            }
        });
    }

    private static KerasModel build(Path file, KerasTopology topology, KerasModelBuilder builder)
            throws ModelImportException {
        try {
            return builder.modelJson(topology.model.toString()).enforceTrainingConfig(false).buildModel();
        } catch (UnsupportedKerasConfigurationException e) {
            throw new ModelImportException(file, explainUnsupported(topology, e.getMessage()), e);
        } catch (InvalidKerasConfigurationException | IOException | RuntimeException e) {
            throw new ModelImportException(file, "DL4J's Keras import cannot build the model: " + e.getMessage(), e);
        }
    }

    /** DL4J names only the Keras class; say which layers have it. */
    private static String explainUnsupported(KerasTopology topology, String message) {
        java.util.regex.Matcher m = message == null ? null
                : java.util.regex.Pattern.compile("Unsupported keras layer type ([\\w.]*\\w)").matcher(message);
        if (m != null && m.find()) {
            String className = m.group(1);
            List<String> layers = topology.layerClasses.entrySet().stream()
                    .filter(e -> e.getValue().equals(className)).map(Map.Entry::getKey).toList();
            if (!layers.isEmpty())
                return "unsupported Keras layer " + className + " at layer '" + layers.get(0) + "'"
                        + (layers.size() > 1 ? " (and " + (layers.size() - 1) + " more)" : "")
                        + ": DL4J's Keras import has no equivalent";
        }
        return "unsupported Keras configuration: " + message;
    }

    /** Hands each layer its manifest weights, keyed by Keras parameter name (kernel, bias, gamma, ...). */
    private static void assignWeights(Path file, KerasTopology topology, KerasModel keras, WeightManifest manifest)
            throws ModelImportException {
        Map<String, KerasLayer> layers = keras.getLayers();
        Map<String, Map<String, INDArray>> perLayer = new HashMap<>();
        for (NamedWeight w : manifest.weights().values()) {
            String layer = owningLayer(w.name(), layers.keySet());
            if (layer == null)
                throw new ModelImportException(file, "weight '" + w.name() + "' in the manifest belongs to no layer of the model");
            if (perLayer.computeIfAbsent(layer, k -> new HashMap<>()).put(w.parameter(), w.toINDArray()) != null)
                throw new ModelImportException(file, "layer '" + layer + "' has two weights called '" + w.parameter() + "'");
        }
        for (KerasLayer layer : keras.getLayersOrdered()) {
            String name = layer.getLayerName();
            Map<String, INDArray> weights = perLayer.remove(name);
            if (weights == null) {
                if (layer.getNumParams() > 0)
                    throw new ModelImportException(file, "no weights in the manifest for layer '" + name + "' ("
                            + topology.layerClasses.get(name) + ")");
                continue;
            }
            try {
                layer.setWeights(weights);
            } catch (InvalidKerasConfigurationException | RuntimeException e) {
                throw new ModelImportException(file, "weights of layer '" + name + "' (" + topology.layerClasses.get(name)
                        + ", " + weights.keySet() + ") do not fit: " + e.getMessage(), e);
            }
        }
        if (!perLayer.isEmpty())
            throw new ModelImportException(file, "the manifest has weights for layers that take none: " + perLayer.keySet());
    }

    /** The Keras layer a manifest weight belongs to: {@code conv1/kernel} -> conv1; nested scopes are allowed. */
    static String owningLayer(String weightName, Set<String> layers) {
        String n = weightName.endsWith(":0") ? weightName.substring(0, weightName.length() - 2) : weightName;
        for (int cut = n.lastIndexOf('/'); cut > 0; cut = n.lastIndexOf('/', cut - 1)) {
            String prefix = n.substring(0, cut);
            if (layers.contains(prefix))
                return prefix;
            String last = prefix.substring(prefix.lastIndexOf('/') + 1);
            if (layers.contains(last))
                return last;
        }
        return null;
    }

    /**
     * Builds the graph and copies the converted weights into it. DL4J's own copy assigns by length only, so a
     * manifest with wrong shapes would pass unnoticed: every parameter's shape is checked here first.
     */
    private static ComputationGraph toGraph(Path file, KerasModel keras) throws ModelImportException {
        ComputationGraph graph;
        try {
            graph = keras.getComputationGraph(false);
        } catch (InvalidKerasConfigurationException | UnsupportedKerasConfigurationException | RuntimeException e) {
            throw new ModelImportException(file, "cannot build the DL4J graph: " + e.getMessage(), e);
        }
        Map<String, KerasLayer> kerasLayers = keras.getLayers();
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            KerasLayer source = kerasLayers.get(name);
            if (source == null || source.getWeights() == null || source.getWeights().isEmpty())
                continue;
            for (Map.Entry<String, INDArray> w : source.getWeights().entrySet()) {
                INDArray target = layer.getParam(w.getKey());
                if (target != null && !java.util.Arrays.equals(squeezed(target.shape()), squeezed(w.getValue().shape())))
                    throw new ModelImportException(file, "layer '" + name + "': parameter " + w.getKey() + " has shape "
                            + java.util.Arrays.toString(w.getValue().shape()) + " after layout conversion, the layer needs "
                            + java.util.Arrays.toString(target.shape()));
            }
            try {
                source.copyWeightsToLayer(layer);
            } catch (InvalidKerasConfigurationException | RuntimeException e) {
                throw new ModelImportException(file, "cannot copy the weights of layer '" + name + "': " + e.getMessage(), e);
            }
        }
        return graph;
    }

    /** A shape without its size-1 axes: DL4J and Keras differ there ([n] vs [1, n]) with the same values. */
    private static long[] squeezed(long[] shape) {
        return java.util.Arrays.stream(shape).filter(d -> d != 1).toArray();
    }

    private static long[] inputShape(KerasTopology topology) {
        JsonObject config = topology.model.getAsJsonObject("config");
        String input = topology.inputNames.get(0);
        for (JsonElement e : config.getAsJsonArray("layers")) {
            JsonObject layer = e.getAsJsonObject();
            if (!KerasTopology.layerName(layer).equals(input))
                continue;
            JsonObject c = layer.getAsJsonObject("config");
            var shape = c.has("batch_input_shape") ? c.getAsJsonArray("batch_input_shape") : c.getAsJsonArray("batch_shape");
            if (shape == null)
                break;
            long[] out = new long[shape.size() - 1];
            for (int i = 1; i < shape.size(); i++)
                out[i - 1] = shape.get(i).isJsonNull() ? -1 : shape.get(i).getAsLong();
            return out;
        }
        return new long[0];
    }
}
