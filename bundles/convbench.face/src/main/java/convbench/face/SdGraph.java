package convbench.face;

import convbench.core.importer.KernelLayout;
import convbench.core.importer.ModelImportException;
import convbench.core.importer.NamedWeight;
import convbench.core.importer.WeightManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.enums.WeightsFormat;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds a SameDiff graph (NCHW) from the named weights of one face-api weights manifest: the TensorFlow.js ops
 * face-api's JavaScript composes (conv2d with 'same'/'valid' padding, depthwise and separable convolutions,
 * pooling, per-channel scale), each taking its weights by manifest name. Call inside
 * {@code convbench.dl4j.Nd4jContext}.
 */
final class SdGraph {
    final SameDiff sd = SameDiff.create();
    final WeightManifest weights;
    private int counter;

    private SdGraph(WeightManifest weights) {
        this.weights = weights;
    }

    /** Reads {@code <name>-weights_manifest.json} and its shards from face-api's {@code model/} folder. */
    static SdGraph open(Path modelDir, String name) throws FaceException {
        Path manifest = modelDir.resolve(name + "-weights_manifest.json");
        if (!Files.isRegularFile(manifest))
            throw new FaceException("face model '" + name + "' not found: " + manifest + " does not exist. "
                    + FaceModels.HOW_TO_FETCH);
        try {
            return new SdGraph(WeightManifest.read(manifest));
        } catch (ModelImportException e) {
            throw new FaceException("face model '" + name + "' cannot be read: " + e.getMessage(), e);
        }
    }

    SDVariable input(String name, int size) {
        return sd.placeHolder(name, DataType.FLOAT, -1, 3, size, size);
    }

    private NamedWeight w(String name) {
        try {
            return weights.get(name);
        } catch (ModelImportException e) {
            throw new IllegalStateException("face-api manifest does not match its network: " + e.getMessage(), e);
        }
    }

    private String next(String what) {
        return what + "_" + (counter++);
    }

    private static PaddingMode mode(boolean same) {
        return same ? PaddingMode.SAME : PaddingMode.VALID;
    }

    /** tf.conv2d(x, filters, stride, same|valid) + bias; filters [kH,kW,in,out] become DL4J's [out,in,kH,kW]. */
    SDVariable conv(SDVariable x, String filters, String bias, int stride, boolean same) {
        NamedWeight f = w(filters);
        Conv2DConfig c = Conv2DConfig.builder().kH(f.shape()[0]).kW(f.shape()[1]).sH(stride).sW(stride)
                .paddingMode(mode(same)).dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.OIYX).build();
        SDVariable wv = sd.constant(filters, KernelLayout.conv2d(f));
        SDVariable bv = bias == null ? null : sd.constant(bias, KernelLayout.bias(w(bias)));
        String name = layerName(filters);
        return bv == null ? sd.cnn().conv2d(name, x, wv, c) : sd.cnn().conv2d(name, x, wv, bv, c);
    }

    /**
     * A convolution's output named after its weights ("conv32_1/conv1/conv/filters" -> "conv32_1/conv1"), so the
     * Unit Explorer lists the layers as face-api names them; a generated name when that is taken.
     */
    private String layerName(String filters) {
        String name = filters.replaceFirst("(/conv)?/(filters|pointwise_filter|weights)$", "");
        return name.equals(filters) || sd.hasVariable(name) ? next("conv") : name;
    }

    /** tf.depthwiseConv2d with a multiplier-1 kernel [kH,kW,in,1], no bias. */
    SDVariable depthwise(SDVariable x, String filter, int stride, boolean same) {
        NamedWeight f = w(filter);
        Conv2DConfig c = Conv2DConfig.builder().kH(f.shape()[0]).kW(f.shape()[1]).sH(stride).sW(stride)
                .paddingMode(mode(same)).dataFormat(Conv2DConfig.NCHW).build();
        return sd.cnn().depthWiseConv2d(next("dw"), x, sd.constant(filter, KernelLayout.depthwise(f)), c);
    }

    /** tf.separableConv2d(x, depthwise_filter, pointwise_filter, stride, padding) + bias, as face-api writes it. */
    SDVariable separable(SDVariable x, String prefix, int stride, boolean same) {
        SDVariable dw = depthwise(x, prefix + "/depthwise_filter", stride, same);
        return conv(dw, prefix + "/pointwise_filter", prefix + "/bias", 1, false);
    }

    /** A rank-1 weight [C] as [1,C,1,1], to scale or shift NCHW feature maps channel by channel. */
    SDVariable channels(String name) {
        NamedWeight v = w(name);
        return sd.constant(name, v.toINDArray().reshape(1, v.size(), 1, 1));
    }

    SDVariable maxPool(SDVariable x, int k, int stride, boolean same) {
        return sd.cnn().maxPooling2d(next("maxpool"), x, pool(k, stride, same, Pooling2D.Pooling2DType.MAX));
    }

    SDVariable avgPool(SDVariable x, int k, int stride, boolean same) {
        return sd.cnn().avgPooling2d(next("avgpool"), x, pool(k, stride, same, Pooling2D.Pooling2DType.AVG));
    }

    private static Pooling2DConfig pool(int k, int stride, boolean same, Pooling2D.Pooling2DType type) {
        // divisor: TF averages over the window cells inside the image only
        return Pooling2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).paddingMode(mode(same)).type(type)
                .divisor(Pooling2D.Divisor.EXCLUDE_PADDING).isNHWC(false).build();
    }

    /** Zeros after the data: {@code channels} more channels, {@code rows}/{@code cols} more at bottom/right. */
    SDVariable padAfter(SDVariable x, int channels, int rows, int cols) {
        SDVariable p = sd.constant(Nd4j.createFromArray(new int[][] {{0, 0}, {0, channels}, {0, rows}, {0, cols}}));
        return sd.nn().pad(next("pad"), x, p, PadMode.CONSTANT, 0);
    }

    SDVariable relu(SDVariable x) {
        return sd.nn().relu(next("relu"), x, 0);
    }

    SDVariable leaky(SDVariable x) {
        return sd.nn().leakyRelu(next("leaky"), x, 0.1);
    }

    /** Runs the graph on NCHW input [n,3,size,size] (placeholder "input") and returns {@code output} flattened. */
    float[] run(String output, float[] input, int n, int size) throws Exception {
        return convbench.dl4j.Nd4jContext.call(() -> {
            INDArray in = Nd4j.create(input, new long[] {n, 3, size, size}, 'c');
            return sd.output(Map.of("input", in), output).get(output).dup('c').data().asFloat();
        });
    }

    /** x [N,in] times weights [in,out] (+ bias). */
    SDVariable dense(SDVariable x, String weights, String bias) {
        SDVariable y = sd.mmul(next("mmul"), x, sd.constant(weights, KernelLayout.dense(w(weights))));
        return bias == null ? y : y.add(next("fc"), sd.constant(bias, KernelLayout.bias(w(bias))));
    }
}
