package convbench.core.importer;

import convbench.dl4j.Nd4jContext;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Converts TensorFlow/Keras weight layouts to the ones DL4J's layers hold, for code that builds its own DL4J
 * networks from a {@link WeightManifest} (the Keras importer gets the same conversion from DL4J's Keras layers;
 * the tests check that both agree).
 */
public final class KernelLayout {
    private KernelLayout() {
    }

    /** Conv2D kernel: Keras [kH, kW, nIn, nOut] to DL4J ConvolutionLayer "W" [nOut, nIn, kH, kW]. */
    public static INDArray conv2d(NamedWeight kernel) {
        requireRank(kernel, 4, "[kH, kW, nIn, nOut]");
        return Nd4jContext.call(() -> kernel.toINDArray().permute(3, 2, 0, 1).dup('c'));
    }

    /** DepthwiseConv2D kernel: Keras [kH, kW, nIn, multiplier] is already DL4J's "W" layout. */
    public static INDArray depthwise(NamedWeight kernel) {
        requireRank(kernel, 4, "[kH, kW, nIn, depthMultiplier]");
        return kernel.toINDArray();
    }

    /** Dense kernel: Keras [nIn, nOut] is already DL4J's DenseLayer "W" layout. */
    public static INDArray dense(NamedWeight kernel) {
        requireRank(kernel, 2, "[nIn, nOut]");
        return kernel.toINDArray();
    }

    /** A bias: DL4J (1.0.0-M2) holds biases of dense and convolution layers as rank-1 [n], like Keras. */
    public static INDArray bias(NamedWeight v) {
        requireRank(v, 1, "[n]");
        return v.toINDArray();
    }

    private static void requireRank(NamedWeight w, int rank, String expected) {
        if (w.shape().length != rank)
            throw new IllegalArgumentException("weight '" + w.name() + "' has shape " + Arrays.toString(w.shape())
                    + ", expected " + expected);
    }
}
