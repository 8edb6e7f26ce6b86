package convbench.core.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A declarative network: the input shape (channels first: {@code [C, W]}, {@code [C, H, W]} or {@code [C, D, H, W]})
 * and a Keras-like list of layers. Read and written as JSON by {@link SpecJson}; built by {@link NetworkBuilder}.
 */
public final class ModelSpec {
    private String name;
    private int[] input;
    private Long seed;
    private Double l2;
    private List<LayerSpec> layers = new ArrayList<>();

    /** For Gson. */
    @SuppressWarnings("unused")
    private ModelSpec() {
    }

    public ModelSpec(String name, int[] input, List<LayerSpec> layers) {
        this.name = name;
        this.input = input.clone();
        this.layers = new ArrayList<>(layers);
    }

    public static ModelSpec of(String name, int[] input, LayerSpec... layers) {
        return new ModelSpec(name, input, List.of(layers));
    }

    public ModelSpec seed(long seed) {
        this.seed = seed;
        return this;
    }

    public ModelSpec l2(double l2) {
        this.l2 = l2;
        return this;
    }

    public String name() {
        return name == null ? "model" : name;
    }

    public Shape inputShape() {
        if (input == null || input.length < 2 || input.length > 4)
            throw new SpecException(name() + ": \"input\" must be [C, W], [C, H, W] or [C, D, H, W], got "
                    + (input == null ? "nothing" : java.util.Arrays.toString(input)));
        for (int d : input)
            if (d <= 0)
                throw new SpecException(name() + ": input sizes must be positive, got " + java.util.Arrays.toString(input));
        return Shape.of(input);
    }

    /** 1, 2 or 3. */
    public int dims() {
        return inputShape().dims();
    }

    /** The seed of the weight initialisation (default 42). */
    public long seed() {
        return seed == null ? 42L : seed;
    }

    public Double l2() {
        return l2;
    }

    public List<LayerSpec> layers() {
        return layers == null ? List.of() : layers;
    }

    /** A copy whose output layer has these class weights (null clears them). */
    public ModelSpec withClassWeights(double[] weights) {
        ModelSpec copy = SpecJson.copy(this);
        List<LayerSpec> ls = copy.layers;
        int last = ls.size() - 1;
        if (last < 0 || ls.get(last).type() != LayerSpec.Type.OUTPUT)
            throw new SpecException(name() + ": class weights need an \"output\" layer at the end");
        ls.set(last, ls.get(last).withClassWeights(weights));
        return copy;
    }

    /** True when residual blocks or concatenations need a ComputationGraph rather than a plain stack. */
    public boolean needsGraph() {
        return layers().stream().anyMatch(l -> l.type() == LayerSpec.Type.RESIDUAL || l.type() == LayerSpec.Type.CONCAT);
    }

    public String toJson() {
        return SpecJson.toJson(this);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
