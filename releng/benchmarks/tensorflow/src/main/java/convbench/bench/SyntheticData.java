package convbench.bench;

import convbench.core.spec.Shape;
import java.util.Random;

/**
 * The fixed synthetic batch both sides train and infer on: standard-normal features and uniformly drawn labels from
 * one seed, so the ConvBench and TensorFlow runs see the same numbers. Features are channels first (NCW, NCHW,
 * NCDHW) as ConvBench's specs are; {@link #channelsLast()} is the same batch in TensorFlow's CPU layout.
 */
public record SyntheticData(Shape example, int batch, int classes, float[] features, int[] labels) {
    public static SyntheticData of(BenchNet net, long seed) {
        Shape ex = net.spec().inputShape();
        Random r = new Random(seed);
        float[] x = new float[Math.toIntExact(ex.size() * net.batch())];
        for (int i = 0; i < x.length; i++)
            x[i] = (float) r.nextGaussian();
        int classes = net.classes();
        int[] y = new int[net.batch()];
        for (int i = 0; i < y.length; i++)
            y[i] = r.nextInt(classes);
        return new SyntheticData(ex, net.batch(), classes, x, y);
    }

    /** One-hot labels, row-major [batch, classes]. */
    public float[] oneHot() {
        float[] y = new float[batch * classes];
        for (int i = 0; i < batch; i++)
            y[i * classes + labels[i]] = 1f;
        return y;
    }

    /** The features moved from [N, C, spatial...] to [N, spatial..., C]. */
    public float[] channelsLast() {
        int c = example.channels();
        int positions = Math.toIntExact(example.size() / c);
        float[] out = new float[features.length];
        for (int n = 0; n < batch; n++) {
            int base = n * c * positions;
            for (int ch = 0; ch < c; ch++)
                for (int p = 0; p < positions; p++)
                    out[base + p * c + ch] = features[base + ch * positions + p];
        }
        return out;
    }
}
