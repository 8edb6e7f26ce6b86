package convbench.style;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The part of a DL4J {@link ComputationGraph} that the named layers depend on, rebuilt as SameDiff ops on an image
 * variable, so that SameDiff's automatic differentiation gives the gradient with respect to the input pixels.
 * <p>
 * Why not {@code ComputationGraph.backpropGradient}: DL4J's BatchNormalization backprop always uses the minibatch
 * statistics (the training formula), so through an inference-mode ResNet it gives wrong input gradients; and
 * external errors can only enter at the network's outputs. Here batch normalisation is the inference affine map,
 * folded into the preceding convolution where it directly follows one (exact, and fewer ops per step).
 * <p>
 * Supported: convolution (same/truncate/strict padding, dilation, bias, activation), batch normalisation, activation
 * layers (identity, ReLU, leaky ReLU, sigmoid, tanh), max/average pooling, zero padding and element-wise vertices;
 * channels-last (NHWC) layout, as every TF.js model and Keras' default .h5 models have.
 */
public final class FeatureGraph {
    /** Prefix of the SameDiff names of the network's layers: {@code net/<Keras layer name>}. */
    public static final String PREFIX = "net/";

    private FeatureGraph() {
    }

    /**
     * Appends the ops computing {@code layers} from {@code image} to {@code sd}.
     *
     * @param source names the model in error messages
     * @param image  an NHWC variable of {@code dtype}, already preprocessed as the network expects
     * @return each requested layer's output, in the order asked
     */
    public static Map<String, SDVariable> append(SameDiff sd, SDVariable image, ComputationGraph graph,
            Collection<String> layers, DataType dtype, String source) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        Map<String, GraphVertex> vertices = conf.getVertices();
        Map<String, List<String>> inputs = conf.getVertexInputs();
        List<String> networkInputs = conf.getNetworkInputs();
        if (networkInputs.size() != 1)
            throw new IllegalArgumentException(source + ": the model has " + networkInputs.size()
                    + " inputs; style transfer needs a network with one image input");
        for (String name : layers)
            if (!vertices.containsKey(name) && !networkInputs.contains(name))
                throw new IllegalArgumentException(source + ": no layer '" + name + "' in the model");

        Set<String> needed = ancestors(layers, inputs);
        Map<String, Integer> consumers = new HashMap<>();
        for (Map.Entry<String, List<String>> e : inputs.entrySet())
            if (needed.contains(e.getKey()))
                for (String in : e.getValue())
                    consumers.merge(in, 1, Integer::sum);

        Map<String, SDVariable> out = new HashMap<>();
        out.put(networkInputs.get(0), image);
        Set<String> folded = new HashSet<>(); // convolutions merged into the batch normalisation after them
        for (int index : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[index].getVertexName();
            if (!needed.contains(name) || out.containsKey(name))
                continue;
            GraphVertex vertex = vertices.get(name);
            List<String> in = inputs.get(name);
            String id = PREFIX + name; // SameDiff's own op names (add, add_1, ...) would clash with Keras layer names
            if (vertex instanceof ElementWiseVertex ew) {
                out.put(name, elementWise(sd, id, ew.getOp(), in.stream().map(out::get).toList(), source));
                continue;
            }
            if (!(vertex instanceof LayerVertex lv))
                throw unsupported(source, name, vertex.getClass().getSimpleName());
            if (lv.getPreProcessor() != null)
                throw unsupported(source, name, "input preprocessor " + lv.getPreProcessor().getClass().getSimpleName());
            Layer layer = lv.getLayerConf().getLayer();
            Map<String, INDArray> params = graph.getLayer(name).paramTable();
            SDVariable x = out.get(in.get(0));
            if (layer instanceof ConvolutionLayer conv && layer.getClass() == ConvolutionLayer.class) {
                checkNhwc(source, name, conv.getCnn2dDataFormat());
                String next = onlyConsumer(name, inputs, needed);
                boolean foldable = next != null && consumers.getOrDefault(name, 0) == 1 && !layers.contains(name)
                        && vertices.get(next) instanceof LayerVertex nv
                        && nv.getLayerConf().getLayer() instanceof BatchNormalization
                        && nv.getPreProcessor() == null
                        && conv.getActivationFn() instanceof ActivationIdentity;
                if (foldable) {
                    folded.add(name);
                    out.put(name, x); // placeholder: the batch normalisation vertex builds the folded convolution
                    continue;
                }
                out.put(name, activation(sd, id, conv.getActivationFn(),
                        convolution(sd, id + "/conv", x, conv, params.get("W"), conv.hasBias() ? params.get("b") : null, null, dtype),
                        source));
            } else if (layer instanceof BatchNormalization bn) {
                checkNhwc(source, name, bn.getCnn2DFormat());
                INDArray[] affine = batchNormAffine(bn, params);
                String convName = in.get(0);
                if (folded.contains(convName)) {
                    ConvolutionLayer conv = (ConvolutionLayer) ((LayerVertex) vertices.get(convName)).getLayerConf().getLayer();
                    Map<String, INDArray> cp = graph.getLayer(convName).paramTable();
                    SDVariable convInput = out.get(inputs.get(convName).get(0));
                    // the convolution's activation is the identity (checked above); DL4J's batch normalisation applies
                    // none, whatever activation its configuration inherited (the builder default is sigmoid)
                    out.put(name, convolution(sd, id, convInput, conv, cp.get("W"), conv.hasBias() ? cp.get("b") : null, affine, dtype));
                } else {
                    SDVariable scale = sd.constant(id + "/scale", affine[0].castTo(dtype));
                    SDVariable shift = sd.constant(id + "/shift", affine[1].castTo(dtype));
                    out.put(name, x.mul(scale).add(id, shift));
                }
            } else if (layer instanceof ActivationLayer act) {
                out.put(name, activation(sd, id, act.getActivationFn(), x, source));
            } else if (layer instanceof SubsamplingLayer pool && layer.getClass() == SubsamplingLayer.class) {
                checkNhwc(source, name, pool.getCnn2dDataFormat());
                out.put(name, pooling(sd, id, x, pool, source));
            } else if (layer instanceof ZeroPaddingLayer pad) {
                checkNhwc(source, name, pad.getDataFormat());
                int[] p = pad.getPadding(); // top, bottom, left, right
                SDVariable paddings = sd.constant(id + "/paddings",
                        Nd4j.createFromArray(new int[][] {{0, 0}, {p[0], p[1]}, {p[2], p[3]}, {0, 0}}));
                out.put(name, sd.nn().pad(id, x, paddings, PadMode.CONSTANT, 0.0));
            } else {
                throw unsupported(source, name, layer.getClass().getSimpleName());
            }
        }
        Map<String, SDVariable> result = new LinkedHashMap<>();
        for (String name : layers)
            result.put(name, out.get(name));
        return result;
    }

    /** The vertices the named layers are computed from, themselves included. */
    private static Set<String> ancestors(Collection<String> layers, Map<String, List<String>> inputs) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(layers);
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (seen.add(v))
                todo.addAll(inputs.getOrDefault(v, List.of()));
        }
        return seen;
    }

    private static String onlyConsumer(String name, Map<String, List<String>> inputs, Set<String> needed) {
        String found = null;
        for (Map.Entry<String, List<String>> e : inputs.entrySet())
            if (needed.contains(e.getKey()) && e.getValue().contains(name)) {
                if (found != null)
                    return null;
                found = e.getKey();
            }
        return found;
    }

    /** Inference batch normalisation as y = x * scale + shift per channel: {scale, shift}. */
    static INDArray[] batchNormAffine(BatchNormalization bn, Map<String, INDArray> params) {
        INDArray mean = params.get(BatchNormalizationParamInitializer.GLOBAL_MEAN).castTo(DataType.DOUBLE).reshape(-1);
        INDArray var = bn.isUseLogStd()
                ? org.nd4j.linalg.ops.transforms.Transforms.pow(
                        Nd4j.valueArrayOf(mean.shape(), 10.0, DataType.DOUBLE),
                        params.get(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).castTo(DataType.DOUBLE).reshape(-1).mul(2))
                : params.get(BatchNormalizationParamInitializer.GLOBAL_VAR).castTo(DataType.DOUBLE).reshape(-1);
        INDArray gamma = bn.isLockGammaBeta() ? Nd4j.valueArrayOf(mean.shape(), bn.getGamma(), DataType.DOUBLE)
                : params.get(BatchNormalizationParamInitializer.GAMMA).castTo(DataType.DOUBLE).reshape(-1);
        INDArray beta = bn.isLockGammaBeta() ? Nd4j.valueArrayOf(mean.shape(), bn.getBeta(), DataType.DOUBLE)
                : params.get(BatchNormalizationParamInitializer.BETA).castTo(DataType.DOUBLE).reshape(-1);
        INDArray scale = gamma.div(org.nd4j.linalg.ops.transforms.Transforms.sqrt(var.add(bn.getEps()), true));
        INDArray shift = beta.sub(mean.mul(scale));
        return new INDArray[] {scale, shift};
    }

    /**
     * A convolution; with {@code affine} = {scale, shift} the batch normalisation after it is folded in:
     * W' = W * scale (per output channel), b' = b * scale + shift.
     */
    private static SDVariable convolution(SameDiff sd, String name, SDVariable x, ConvolutionLayer conv, INDArray w,
            INDArray b, INDArray[] affine, DataType dtype) {
        INDArray weights = w.castTo(DataType.DOUBLE); // DL4J layout [out, in, kH, kW]
        long nOut = weights.size(0);
        INDArray bias = b != null ? b.castTo(DataType.DOUBLE).reshape(nOut) : Nd4j.zeros(DataType.DOUBLE, nOut);
        if (affine != null) {
            weights = weights.mul(affine[0].reshape(nOut, 1, 1, 1));
            bias = bias.mul(affine[0]).add(affine[1]);
        }
        // libnd4j's default kernel layout [kH, kW, in, out]
        INDArray yxio = weights.permute(2, 3, 1, 0).dup('c').castTo(dtype);
        ConvolutionMode mode = conv.getConvolutionMode();
        if (mode != ConvolutionMode.Same && mode != ConvolutionMode.Truncate && mode != ConvolutionMode.Strict)
            throw new IllegalArgumentException("layer " + name.substring(PREFIX.length()).replaceAll("/(conv|folded)$", "") + ": convolution mode " + mode + " is not supported");
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(conv.getKernelSize()[0]).kW(conv.getKernelSize()[1])
                .sH(conv.getStride()[0]).sW(conv.getStride()[1])
                .pH(mode == ConvolutionMode.Same ? 0 : conv.getPadding()[0])
                .pW(mode == ConvolutionMode.Same ? 0 : conv.getPadding()[1])
                .dH(conv.getDilation()[0]).dW(conv.getDilation()[1])
                .paddingMode(mode == ConvolutionMode.Same ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NHWC)
                .build();
        return sd.cnn().conv2d(name, x, sd.constant(name + "/W", yxio), sd.constant(name + "/b", bias.castTo(dtype)), config);
    }

    private static SDVariable pooling(SameDiff sd, String name, SDVariable x, SubsamplingLayer pool, String source) {
        ConvolutionMode mode = pool.getConvolutionMode();
        if (mode != ConvolutionMode.Same && mode != ConvolutionMode.Truncate && mode != ConvolutionMode.Strict)
            throw unsupported(source, name, "pooling mode " + mode);
        Pooling2DConfig.Pooling2DConfigBuilder b = Pooling2DConfig.builder()
                .kH(pool.getKernelSize()[0]).kW(pool.getKernelSize()[1])
                .sH(pool.getStride()[0]).sW(pool.getStride()[1])
                .pH(mode == ConvolutionMode.Same ? 0 : pool.getPadding()[0])
                .pW(mode == ConvolutionMode.Same ? 0 : pool.getPadding()[1])
                .dH(pool.getDilation()[0]).dW(pool.getDilation()[1])
                .paddingMode(mode == ConvolutionMode.Same ? PaddingMode.SAME : PaddingMode.VALID)
                .isNHWC(true);
        if (pool.getPoolingType() == PoolingType.MAX)
            return sd.cnn().maxPooling2d(name, x, b.type(Pooling2D.Pooling2DType.MAX).build());
        if (pool.getPoolingType() == PoolingType.AVG)
            return sd.cnn().avgPooling2d(name, x, b.type(Pooling2D.Pooling2DType.AVG)
                    .divisor(pool.isAvgPoolIncludePadInDivisor() ? Pooling2D.Divisor.INCLUDE_PADDING : Pooling2D.Divisor.EXCLUDE_PADDING)
                    .build());
        throw unsupported(source, name, pool.getPoolingType() + " pooling");
    }

    private static SDVariable activation(SameDiff sd, String name, IActivation fn, SDVariable x, String source) {
        if (fn == null || fn instanceof ActivationIdentity)
            return sd.identity(name, x);
        if (fn instanceof ActivationReLU relu) {
            if (relu.getMax() != null || relu.getThreshold() != null && relu.getThreshold() != 0.0
                    || relu.getNegativeSlope() != null && relu.getNegativeSlope() != 0.0)
                throw unsupported(source, name, "ReLU with max/threshold/negative slope");
            return sd.nn().relu(name, x, 0);
        }
        if (fn instanceof ActivationLReLU lrelu)
            return sd.nn().leakyRelu(name, x, lrelu.getAlpha());
        if (fn instanceof ActivationSigmoid)
            return sd.nn().sigmoid(name, x);
        if (fn instanceof ActivationTanH)
            return sd.math().tanh(name, x);
        throw unsupported(source, name, "activation " + fn);
    }

    private static SDVariable elementWise(SameDiff sd, String name, ElementWiseVertex.Op op, List<SDVariable> xs,
            String source) {
        SDVariable acc = xs.get(0);
        for (int i = 1; i < xs.size(); i++) {
            SDVariable y = xs.get(i);
            acc = switch (op) {
                case Add, Average -> acc.add(y);
                case Subtract -> acc.sub(y);
                case Product -> acc.mul(y);
                case Max -> sd.math().max(acc, y);
            };
        }
        if (op == ElementWiseVertex.Op.Average)
            acc = acc.div(xs.size());
        return sd.identity(name, acc);
    }

    private static void checkNhwc(String source, String name, CNN2DFormat format) {
        if (format != CNN2DFormat.NHWC)
            throw new IllegalArgumentException(source + ": layer '" + name + "' is channels-first (" + format
                    + "); style transfer supports channels-last models (TF.js, Keras' default)");
    }

    private static IllegalArgumentException unsupported(String source, String name, String what) {
        String layer = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
        return new IllegalArgumentException(source + ": layer '" + layer + "' (" + what
                + ") is not supported by the style transfer's differentiable copy of the network");
    }

    /** The names of every vertex the model has, in topological order (for listing layer choices). */
    public static List<String> layerNames(ComputationGraph graph) {
        List<String> names = new ArrayList<>();
        for (int index : graph.topologicalSortOrder())
            names.add(graph.getVertices()[index].getVertexName());
        return names;
    }
}
