package convbench.core.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One entry of a {@link ModelSpec} layer list, as in JSON: {@code {"type":"conv","filters":16,"kernel":[7],
 * "activation":"relu","padding":"same"}}. Fields a type does not use stay null and are left out of the JSON.
 * Sizes ({@code kernel}, {@code stride}, {@code dilation}, {@code size}) are one value per spatial axis, or one value
 * for all axes.
 */
public final class LayerSpec {
    /** The layer kinds; the JSON names are the lower-case {@link #id}s. */
    public enum Type {
        CONV("conv"), POOL("pool"), BATCHNORM("batchnorm"), DROPOUT("dropout"), DENSE("dense"),
        GLOBALPOOL("globalpool"), FLATTEN("flatten"), ACTIVATION("activation"), RESIDUAL("residual"),
        UPSAMPLE("upsample"), CONCAT("concat"), OUTPUT("output");

        public final String id;

        Type(String id) {
            this.id = id;
        }

        public static Type fromId(String id) {
            for (Type t : values())
                if (t.id.equalsIgnoreCase(id))
                    return t;
            throw new SpecException("unknown layer type '" + id + "' (known: "
                    + Arrays.stream(values()).map(t -> t.id).toList() + ")");
        }
    }

    private String type;
    private String name;
    private Integer filters;
    private Integer units;
    private int[] kernel;
    private int[] stride;
    private int[] dilation;
    /** "same" or "valid" (default valid). */
    private String padding;
    private String activation;
    /** "max" or "avg". */
    private String pooling;
    /** Fraction of inputs dropped (Keras convention). */
    private Double rate;
    private int[] size;
    /** Name of the earlier layer a concat joins (the U-Net skip connection). */
    private String with;
    private List<LayerSpec> layers;
    /** "mcxent" (softmax), "xent" (sigmoid), "mse". */
    private String loss;
    private double[] classWeights;

    private LayerSpec(Type type) {
        this.type = type.id;
    }

    /** For Gson. */
    @SuppressWarnings("unused")
    private LayerSpec() {
    }

    public static LayerSpec conv(int filters, int... kernel) {
        LayerSpec l = new LayerSpec(Type.CONV);
        l.filters = filters;
        l.kernel = kernel.clone();
        return l;
    }

    /** Max pooling; the stride defaults to the kernel. */
    public static LayerSpec maxPool(int... kernel) {
        LayerSpec l = new LayerSpec(Type.POOL);
        l.pooling = "max";
        l.kernel = kernel.clone();
        return l;
    }

    public static LayerSpec avgPool(int... kernel) {
        return maxPool(kernel).pooling("avg");
    }

    public static LayerSpec batchNorm() {
        return new LayerSpec(Type.BATCHNORM);
    }

    public static LayerSpec dropout(double rate) {
        LayerSpec l = new LayerSpec(Type.DROPOUT);
        l.rate = rate;
        return l;
    }

    public static LayerSpec dense(int units) {
        LayerSpec l = new LayerSpec(Type.DENSE);
        l.units = units;
        return l;
    }

    public static LayerSpec globalPool(String pooling) {
        return new LayerSpec(Type.GLOBALPOOL).pooling(pooling);
    }

    public static LayerSpec flatten() {
        return new LayerSpec(Type.FLATTEN);
    }

    public static LayerSpec activationLayer(String activation) {
        return new LayerSpec(Type.ACTIVATION).activation(activation);
    }

    /** Output = activation(layers(x) + shortcut(x)); the shortcut is a 1x1 convolution when the shapes differ. */
    public static LayerSpec residual(LayerSpec... layers) {
        LayerSpec l = new LayerSpec(Type.RESIDUAL);
        l.layers = new ArrayList<>(List.of(layers));
        return l;
    }

    public static LayerSpec upsample(int... size) {
        LayerSpec l = new LayerSpec(Type.UPSAMPLE);
        l.size = size.clone();
        return l;
    }

    /** Joins the previous layer's output with that of the named earlier layer along the channel axis. */
    public static LayerSpec concat(String with) {
        LayerSpec l = new LayerSpec(Type.CONCAT);
        l.with = with;
        return l;
    }

    /**
     * The prediction head: softmax + multi-class cross-entropy over {@code units} classes. After a flat layer it is
     * a dense output; after a spatial one it predicts every position (segmentation) with a 1x1 convolution.
     */
    public static LayerSpec output(int units) {
        LayerSpec l = new LayerSpec(Type.OUTPUT);
        l.units = units;
        l.activation = "softmax";
        l.loss = "mcxent";
        return l;
    }

    public LayerSpec name(String name) {
        this.name = name;
        return this;
    }

    public LayerSpec stride(int... stride) {
        this.stride = stride.clone();
        return this;
    }

    public LayerSpec dilation(int... dilation) {
        this.dilation = dilation.clone();
        return this;
    }

    public LayerSpec padding(String padding) {
        this.padding = padding;
        return this;
    }

    public LayerSpec activation(String activation) {
        this.activation = activation;
        return this;
    }

    public LayerSpec pooling(String pooling) {
        this.pooling = pooling;
        return this;
    }

    public LayerSpec loss(String loss) {
        this.loss = loss;
        return this;
    }

    public LayerSpec classWeights(double... classWeights) {
        this.classWeights = classWeights == null ? null : classWeights.clone();
        return this;
    }

    public Type type() {
        if (type == null)
            throw new SpecException("layer " + (name == null ? "" : "'" + name + "' ") + "has no \"type\"");
        return Type.fromId(type);
    }

    public String name() {
        return name;
    }

    public Integer filters() {
        return filters;
    }

    public Integer units() {
        return units;
    }

    public int[] kernel() {
        return kernel;
    }

    public int[] stride() {
        return stride;
    }

    public int[] dilation() {
        return dilation;
    }

    public String padding() {
        return padding;
    }

    public String activation() {
        return activation;
    }

    public String pooling() {
        return pooling;
    }

    public Double rate() {
        return rate;
    }

    public int[] size() {
        return size;
    }

    public String with() {
        return with;
    }

    public List<LayerSpec> layers() {
        return layers == null ? List.of() : layers;
    }

    public String loss() {
        return loss;
    }

    public double[] classWeights() {
        return classWeights;
    }

    /** A copy of this layer with other class weights: the trainer sets them from the class counts. */
    public LayerSpec withClassWeights(double[] weights) {
        LayerSpec copy = SpecJson.copy(this);
        copy.classWeights = weights == null ? null : weights.clone();
        return copy;
    }
}
