package convbench.core.importer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras model config (a TF.js {@code modelTopology} or an .h5 file's {@code model_config}) brought into the form
 * DL4J's Keras import reads: a functional model whose object also carries {@code keras_version} and
 * {@code backend}. Sequential models become functional ones with the same layer names, so the graph's vertex
 * names are always the Keras layer names.
 */
final class KerasTopology {
    /** The DL4J-ready config. */
    final JsonObject model;
    /** Keras layer name to Keras class name, in config order. */
    final Map<String, String> layerClasses = new LinkedHashMap<>();
    final List<String> inputNames = new ArrayList<>();
    final List<String> outputNames = new ArrayList<>();
    /** False when a layer says channels_first (or Theano's 'th' ordering): inputs are then NCHW. */
    boolean channelsLast = true;
    /** Output layers whose softmax was replaced by 'linear' (with {@link ImportOptions#logits()}). */
    final List<String> softmaxRemoved = new ArrayList<>();

    private KerasTopology(JsonObject model) {
        this.model = model;
    }

    /**
     * @param topology {@code {keras_version, backend, model_config: {class_name, config}}} (tfjs-converter from
     *                 Keras) or {@code {class_name, config, keras_version?, backend?}} (tfjs-layers, .h5)
     */
    static KerasTopology of(Path file, JsonObject topology, ImportOptions options) throws ModelImportException {
        JsonObject model = (topology.has("model_config") ? topology.getAsJsonObject("model_config") : topology).deepCopy();
        if (!model.has("class_name") || !model.has("config"))
            throw new ModelImportException(file, "the model topology is not a Keras model config (no class_name/config)");
        copyIfAbsent(topology, model, "keras_version");
        copyIfAbsent(topology, model, "backend");
        // TF.js layers write "tfjs-layers x.y" and "tensor_flow.js": their configs follow Keras 2, channels-last
        String version = model.has("keras_version") ? model.get("keras_version").getAsString() : "";
        if (version.isEmpty() || !Character.isDigit(version.charAt(0)))
            model.addProperty("keras_version", "2");
        if (!model.has("backend") || !model.get("backend").getAsString().equals("theano"))
            model.addProperty("backend", "tensorflow");

        String className = model.get("class_name").getAsString();
        switch (className) {
            case "Model", "Functional" -> { }
            case "Sequential" -> toFunctional(file, model);
            default -> throw new ModelImportException(file, "Keras model class '" + className
                    + "' is not supported (expected Model, Functional or Sequential)");
        }
        KerasTopology t = new KerasTopology(model);
        JsonObject config = model.getAsJsonObject("config");
        for (JsonElement e : config.getAsJsonArray("layers")) {
            JsonObject layer = e.getAsJsonObject();
            t.layerClasses.put(layerName(layer), layer.get("class_name").getAsString());
            JsonObject c = layer.getAsJsonObject("config");
            if (c != null && (is(c, "data_format", "channels_first") || is(c, "dim_ordering", "th")))
                t.channelsLast = false;
        }
        for (JsonElement e : config.getAsJsonArray("input_layers"))
            t.inputNames.add(e.getAsJsonArray().get(0).getAsString());
        for (JsonElement e : config.getAsJsonArray("output_layers"))
            t.outputNames.add(e.getAsJsonArray().get(0).getAsString());
        if (options.logits())
            t.removeFinalSoftmax(config);
        return t;
    }

    private static void copyIfAbsent(JsonObject from, JsonObject to, String field) {
        if (!to.has(field) && from.has(field))
            to.add(field, from.get(field));
    }

    private static boolean is(JsonObject o, String field, String value) {
        return o.has(field) && o.get(field).isJsonPrimitive() && o.get(field).getAsString().equals(value);
    }

    static String layerName(JsonObject layer) {
        if (layer.has("name"))
            return layer.get("name").getAsString();
        return layer.getAsJsonObject("config").get("name").getAsString();
    }

    /** Chains a Sequential model's layers with inbound nodes and names its input, as Keras itself does. */
    private static void toFunctional(Path file, JsonObject model) throws ModelImportException {
        JsonElement cfg = model.get("config");
        // Keras < 2.2.3 stored a Sequential config as the bare layer list
        JsonArray layers = cfg.isJsonArray() ? cfg.getAsJsonArray() : cfg.getAsJsonObject().getAsJsonArray("layers");
        if (layers == null || layers.isEmpty())
            throw new ModelImportException(file, "Sequential model without layers");
        JsonArray out = new JsonArray();
        JsonObject first = layers.get(0).getAsJsonObject();
        String previous;
        int start;
        if (first.get("class_name").getAsString().equals("InputLayer")) {
            previous = layerName(first);
            first.addProperty("name", previous);
            first.add("inbound_nodes", new JsonArray());
            out.add(first);
            start = 1;
        } else {
            JsonObject firstConfig = first.getAsJsonObject("config");
            if (!firstConfig.has("batch_input_shape"))
                throw new ModelImportException(file, "Sequential model whose first layer '" + layerName(first)
                        + "' has no batch_input_shape: the input shape is unknown");
            previous = firstConfig.get("name").getAsString() + "_input";
            JsonObject inputConfig = new JsonObject();
            inputConfig.add("batch_input_shape", firstConfig.get("batch_input_shape"));
            inputConfig.add("dtype", firstConfig.has("dtype") ? firstConfig.get("dtype") : new JsonPrimitive("float32"));
            inputConfig.addProperty("sparse", false);
            inputConfig.addProperty("name", previous);
            JsonObject input = new JsonObject();
            input.addProperty("name", previous);
            input.addProperty("class_name", "InputLayer");
            input.add("config", inputConfig);
            input.add("inbound_nodes", new JsonArray());
            out.add(input);
            start = 0;
        }
        String inputName = previous;
        for (int i = start; i < layers.size(); i++) {
            JsonObject layer = layers.get(i).getAsJsonObject();
            String name = layerName(layer);
            layer.addProperty("name", name);
            layer.add("inbound_nodes", node(previous, true));
            out.add(layer);
            previous = name;
        }
        JsonObject functional = new JsonObject();
        functional.addProperty("name", cfg.isJsonObject() && cfg.getAsJsonObject().has("name")
                ? cfg.getAsJsonObject().get("name").getAsString() : "sequential");
        functional.add("layers", out);
        functional.add("input_layers", node(inputName, false));
        functional.add("output_layers", node(previous, false));
        model.addProperty("class_name", "Model");
        model.add("config", functional);
    }

    /** {@code [[[name, 0, 0, {}]]]} (an inbound node list) or {@code [[name, 0, 0]]} (input/output layers). */
    private static JsonArray node(String name, boolean inbound) {
        JsonArray ref = new JsonArray();
        ref.add(name);
        ref.add(0);
        ref.add(0);
        if (inbound)
            ref.add(new JsonObject());
        JsonArray list = new JsonArray();
        list.add(ref);
        if (!inbound)
            return list;
        JsonArray nodes = new JsonArray();
        nodes.add(list);
        return nodes;
    }

    /** Output layers that end in softmax end in 'linear' instead, so the graph yields logits. */
    private void removeFinalSoftmax(JsonObject config) {
        for (JsonElement e : config.getAsJsonArray("layers")) {
            JsonObject layer = e.getAsJsonObject();
            String name = layerName(layer);
            if (!outputNames.contains(name))
                continue;
            JsonObject c = layer.getAsJsonObject("config");
            if (layer.get("class_name").getAsString().equals("Softmax")) {
                layer.addProperty("class_name", "Activation");
                c.addProperty("activation", "linear");
                softmaxRemoved.add(name);
            } else if (c.has("activation") && c.get("activation").isJsonPrimitive()
                    && c.get("activation").getAsString().equals("softmax")) {
                c.addProperty("activation", "linear");
                softmaxRemoved.add(name);
            }
        }
    }
}
