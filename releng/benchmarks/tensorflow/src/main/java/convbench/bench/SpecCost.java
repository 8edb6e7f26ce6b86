package convbench.bench;

import convbench.core.spec.LayerSpec;
import convbench.core.spec.ModelSpec;
import convbench.core.spec.Shape;
import convbench.core.spec.SpecShapes;
import java.util.List;

/**
 * What a spec costs, from its layer shapes alone: parameters (weights, biases, batch-norm scale, offset and running
 * statistics, as both DL4J and TensorFlow store them) and the multiply-adds of one forward pass of one example over
 * the convolution and dense layers (pooling, batch norm and activations are memory-bound and not counted).
 */
public record SpecCost(long params, long forwardMacs) {
    /** Training is counted as three forward passes: forward, gradient wrt inputs, gradient wrt weights. */
    public static final int TRAIN_FORWARD_PASSES = 3;

    public static SpecCost of(ModelSpec spec) {
        long[] sum = new long[2];
        add(SpecShapes.infer(spec), sum);
        return new SpecCost(sum[0], sum[1]);
    }

    /** FLOPs (2 per multiply-add) of one example in this mode. */
    public double flopsPerExample(boolean train) {
        return 2.0 * forwardMacs * (train ? TRAIN_FORWARD_PASSES : 1);
    }

    private static void add(List<SpecShapes.Node> nodes, long[] sum) {
        for (SpecShapes.Node n : nodes) {
            LayerSpec l = n.layer();
            Shape in = n.input(), out = n.output();
            switch (l.type()) {
                case CONV -> {
                    long window = in.channels();
                    for (int k : kernel(l.kernel(), in.dims()))
                        window *= k;
                    sum[0] += window * out.channels() + out.channels();
                    sum[1] += window * out.size();
                }
                case DENSE, OUTPUT -> {
                    if (!in.isFlat())
                        throw new IllegalArgumentException(n.name() + ": the benchmark's cost model covers dense "
                                + "heads only, not per-position outputs");
                    sum[0] += in.size() * out.channels() + out.channels();
                    sum[1] += in.size() * out.channels();
                }
                case BATCHNORM -> sum[0] += 4L * in.channels();
                case RESIDUAL -> throw new IllegalArgumentException(n.name() + ": residual blocks are not benchmarked");
                default -> {
                }
            }
        }
    }

    /** A spec's kernel: one size per spatial axis, or one size for all. */
    public static int[] kernel(int[] spec, int dims) {
        if (spec.length == dims)
            return spec;
        int[] k = new int[dims];
        java.util.Arrays.fill(k, spec[0]);
        return k;
    }
}
