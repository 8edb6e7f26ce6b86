package convbench.core.model;

import com.google.gson.JsonElement;
import convbench.core.spec.ModelSpec;
import convbench.core.spec.SpecJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model file records beside the weights: the spec it was built from, the input shape (channels first,
 * without the batch axis), class names, the seed, a fingerprint of the training data, metrics and library versions.
 * Serialised as JSON ({@code convbench/metadata.json} in the model zip).
 */
public final class ModelMetadata {
    public static final String FORMAT = "convbench-model/1";

    private String format = FORMAT;
    private String name;
    private String networkType;
    private int[] inputShape;
    private List<String> classNames = new ArrayList<>();
    private Long seed;
    private String dataFingerprint;
    private JsonElement spec;
    private JsonElement training;
    private Map<String, Object> metrics = new LinkedHashMap<>();
    private Map<String, String> libraries = new LinkedHashMap<>();
    private String created;

    /** For Gson. */
    @SuppressWarnings("unused")
    private ModelMetadata() {
    }

    public ModelMetadata(String name, int[] inputShape) {
        this.name = name;
        this.inputShape = inputShape.clone();
        this.created = Instant.now().toString();
    }

    /** Metadata for a network built from a spec: name, input shape, seed and the spec itself. */
    public static ModelMetadata forSpec(ModelSpec spec) {
        ModelMetadata m = new ModelMetadata(spec.name(), spec.inputShape().toArray());
        m.spec = SpecJson.toTree(spec);
        m.seed = spec.seed();
        return m;
    }

    public String format() {
        return format;
    }

    public String name() {
        return name;
    }

    public String networkType() {
        return networkType;
    }

    ModelMetadata networkType(String type) {
        this.networkType = type;
        return this;
    }

    public int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    public List<String> classNames() {
        return classNames == null ? List.of() : classNames;
    }

    public ModelMetadata classNames(List<String> names) {
        this.classNames = new ArrayList<>(names);
        return this;
    }

    public Long seed() {
        return seed;
    }

    public ModelMetadata seed(long seed) {
        this.seed = seed;
        return this;
    }

    public String dataFingerprint() {
        return dataFingerprint;
    }

    public ModelMetadata dataFingerprint(String fingerprint) {
        this.dataFingerprint = fingerprint;
        return this;
    }

    /** The spec, or null for a network that was not built from one (e.g. imported). */
    public ModelSpec spec() {
        return spec == null || spec.isJsonNull() ? null : SpecJson.fromTree(spec);
    }

    public ModelMetadata spec(ModelSpec s) {
        this.spec = s == null ? null : SpecJson.toTree(s);
        return this;
    }

    public JsonElement training() {
        return training;
    }

    /** The training configuration, as JSON. */
    public ModelMetadata training(JsonElement config) {
        this.training = config;
        return this;
    }

    public Map<String, Object> metrics() {
        return metrics == null ? Map.of() : metrics;
    }

    public ModelMetadata metric(String key, Object value) {
        if (metrics == null)
            metrics = new LinkedHashMap<>();
        metrics.put(key, value);
        return this;
    }

    public Map<String, String> libraries() {
        return libraries == null ? Map.of() : libraries;
    }

    ModelMetadata libraries(Map<String, String> libs) {
        this.libraries = new LinkedHashMap<>(libs);
        return this;
    }

    public String created() {
        return created;
    }

    @Override
    public String toString() {
        return name + " " + networkType + " input " + Arrays.toString(inputShape);
    }
}
