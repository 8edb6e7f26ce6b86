package convbench.core.spec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Cnn3DLossLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling3DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling1D;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.Upsampling3D;
import org.deeplearning4j.nn.conf.preprocessor.Cnn3DToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnn3DPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.preprocessors.KerasFlattenRnnPreprocessor;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * Builds a {@link ModelSpec} into an initialised DL4J network: a {@link MultiLayerNetwork} for a plain stack, a
 * {@link ComputationGraph} when the spec has residual blocks or concatenations. Layer names in the network are the
 * spec's names ({@link SpecShapes}), so the unit explorer and the metadata can refer to them.
 */
public final class NetworkBuilder {
    /** The graph's one input vertex. */
    public static final String INPUT = "input";

    private final ModelSpec spec;
    private final int dims;
    private final Sink sink;
    /** MultiLayerNetwork only: a flatten (or the end of a 1D/3D batch norm) becomes a preprocessor of the next layer. */
    private InputPreProcessor pending;
    /** Spec layer name -> graph vertex holding its output, where they differ (1D/3D batch norm). */
    private final Map<String, String> outputs = new HashMap<>();

    private NetworkBuilder(ModelSpec spec, Sink sink) {
        this.spec = spec;
        this.dims = spec.dims();
        this.sink = sink;
    }

    /** Builds with Adam (learning rate 1e-3); the trainer sets its own optimiser. */
    public static Model build(ModelSpec spec) {
        return build(spec, new Adam(1e-3));
    }

    public static Model build(ModelSpec spec, IUpdater updater) {
        return spec.needsGraph() ? buildGraph(spec, updater) : buildMultiLayer(spec, updater);
    }

    public static MultiLayerNetwork buildMultiLayer(ModelSpec spec, IUpdater updater) {
        if (spec.needsGraph())
            throw new SpecException(spec.name() + ": residual blocks and concatenations need a ComputationGraph");
        List<SpecShapes.Node> nodes = SpecShapes.infer(spec);
        NeuralNetConfiguration.ListBuilder list = base(spec, updater).list();
        MultiLayerSink sink = new MultiLayerSink(list);
        new NetworkBuilder(spec, sink).emit(nodes, INPUT);
        list.setInputType(inputType(spec.inputShape()));
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    public static ComputationGraph buildGraph(ModelSpec spec, IUpdater updater) {
        List<SpecShapes.Node> nodes = SpecShapes.infer(spec);
        ComputationGraphConfiguration.GraphBuilder graph = base(spec, updater).graphBuilder().addInputs(INPUT);
        GraphSink sink = new GraphSink(graph);
        String last = new NetworkBuilder(spec, sink).emit(nodes, INPUT);
        graph.setOutputs(last).setInputTypes(inputType(spec.inputShape()));
        ComputationGraph net = new ComputationGraph(graph.build());
        net.init();
        return net;
    }

    /** DL4J's input type for a channels-first example shape. */
    public static InputType inputType(Shape in) {
        int[] s = in.spatial();
        return switch (in.dims()) {
            case 0 -> InputType.feedForward(in.channels());
            case 1 -> InputType.recurrent(in.channels(), s[0], RNNFormat.NCW);
            case 2 -> InputType.convolutional(s[0], s[1], in.channels(), CNN2DFormat.NCHW);
            default -> InputType.convolutional3D(Convolution3D.DataFormat.NCDHW, s[0], s[1], s[2], in.channels());
        };
    }

    private static NeuralNetConfiguration.Builder base(ModelSpec spec, IUpdater updater) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.XAVIER);
        if (spec.l2() != null)
            b.l2(spec.l2());
        return b;
    }

    private String emit(List<SpecShapes.Node> nodes, String input) {
        String prev = input;
        for (SpecShapes.Node n : nodes)
            prev = emit(n, prev);
        return prev;
    }

    private String emit(SpecShapes.Node n, String prev) {
        LayerSpec l = n.layer();
        String where = spec.name() + ": layer '" + n.name() + "' (" + l.type().id + ")";
        switch (l.type()) {
            case CONV:
                return layer(n.name(), conv(where, l, n.input().dims(), l.filters(), n.layer().kernel(),
                        l.stride(), l.dilation(), l.padding(), activation(where, l.activation(), "identity")), prev);
            case POOL:
                return layer(n.name(), pool(where, l, n.input().dims()), prev);
            case BATCHNORM:
                return switch (n.input().dims()) {
                    case 1 -> batchNorm1d(n.name(), prev);
                    case 3 -> batchNorm3d(n.name(), n.input(), prev);
                    default -> layer(n.name(), new BatchNormalization.Builder().build(), prev);
                };
            case ACTIVATION:
                return layer(n.name(), new ActivationLayer.Builder()
                        .activation(activation(where, l.activation(), "identity")).build(), prev);
            case DROPOUT:
                // DL4J's dropout parameter is the probability of keeping an input
                return layer(n.name(), new DropoutLayer.Builder(1.0 - l.rate()).build(), prev);
            case DENSE: {
                Activation a = activation(where, l.activation(), "identity");
                return layer(n.name(), new DenseLayer.Builder().nOut(l.units()).activation(a).weightInit(init(a)).build(), prev);
            }
            case GLOBALPOOL:
                return layer(n.name(), new GlobalPoolingLayer.Builder(poolingType(l.pooling(), "avg")).build(), prev);
            case FLATTEN: {
                InputPreProcessor p = flatten(n.input());
                if (sink instanceof GraphSink)
                    return sink.vertex(n.name(), new PreprocessorVertex(p), prev);
                pending = compose(pending, p);
                return prev;
            }
            case UPSAMPLE:
                return layer(n.name(), upsample(where, n), prev);
            case CONCAT:
                return sink.vertex(n.name(), new MergeVertex(), prev, outputs.getOrDefault(l.with(), l.with()));
            case RESIDUAL:
                return residual(where, n, prev);
            case OUTPUT:
                return output(where, n, prev);
            default:
                throw new SpecException(where + ": unsupported");
        }
    }

    private String layer(String name, Layer layer, String prev) {
        return layer(name, layer, null, prev);
    }

    private String layer(String name, Layer layer, InputPreProcessor own, String prev) {
        layer.setLayerName(name);
        InputPreProcessor pre = compose(pending, own);
        pending = null;
        return sink.layer(name, layer, pre, prev);
    }

    private static InputPreProcessor compose(InputPreProcessor first, InputPreProcessor second) {
        if (first == null)
            return second;
        return second == null ? first : new ComposableInputPreProcessor(first, second);
    }

    /**
     * DL4J 1.0.0-M2.1's batch norm mishandles rank-3 (NCW) input, so a 1D batch norm normalises the
     * [N*W, C] view (the same per-channel statistics) and its consumers see NCW again.
     */
    private String batchNorm1d(String name, String prev) {
        return batchNormOnView(name, "_ncw", new RnnToFeedForwardPreProcessor(RNNFormat.NCW),
                new FeedForwardToRnnPreProcessor(RNNFormat.NCW), prev);
    }

    /**
     * DL4J 1.0.0-M2.1's batch norm rejects rank-5 input, so a 3D batch norm normalises the NCHW view
     * [N, C, D*H, W] of the NCDHW volume: per channel over (N, D*H, W), the same elements as over (N, D, H, W).
     * The view is a pure reshape (through the flat [N, C*D*H*W] form) with DL4J's own preprocessors, so a
     * model file needs no class of ours to load.
     */
    private String batchNorm3d(String name, Shape in, String prev) {
        int c = in.channels();
        int[] s = in.spatial();
        InputPreProcessor into = new ComposableInputPreProcessor(
                new Cnn3DToFeedForwardPreProcessor(s[0], s[1], s[2], c, true),
                new FeedForwardToCnnPreProcessor(s[0] * s[1], s[2], c));
        InputPreProcessor back = new ComposableInputPreProcessor(
                new CnnToFeedForwardPreProcessor(s[0] * s[1], s[2], c, CNN2DFormat.NCHW),
                new FeedForwardToCnn3DPreProcessor(s[0], s[1], s[2], c, true));
        return batchNormOnView(name, "_ncdhw", into, back, prev);
    }

    /**
     * A batch norm on a view of its input ({@code into}); its consumers get the original layout ({@code back}), in a
     * graph from the vertex {@code name + suffix}.
     */
    private String batchNormOnView(String name, String suffix, InputPreProcessor into, InputPreProcessor back,
            String prev) {
        String bn = layer(name, new BatchNormalization.Builder().build(), into, prev);
        if (sink instanceof GraphSink) {
            String restored = sink.vertex(name + suffix, new PreprocessorVertex(back), bn);
            outputs.put(name, restored);
            return restored;
        }
        pending = back;
        return bn;
    }

    private String residual(String where, SpecShapes.Node n, String prev) {
        String body = emit(n.inner(), prev);
        String shortcut = prev;
        Shape out = n.output();
        if (n.projectionStride() != null) {
            // the shortcut must match the body's channels and resolution: a linear 1x1 (strided) convolution
            Layer projection = out.isFlat()
                    ? new DenseLayer.Builder().nOut(out.channels()).activation(Activation.IDENTITY).build()
                    : conv(where, n.layer(), out.dims(), out.channels(), new int[] {1}, n.projectionStride(), null,
                            "valid", Activation.IDENTITY);
            shortcut = layer(n.name() + "_shortcut", projection, prev);
        }
        String sum = sink.vertex(n.name() + (n.layer().activation() == null ? "" : "_add"),
                new ElementWiseVertex(ElementWiseVertex.Op.Add), body, shortcut);
        if (n.layer().activation() == null)
            return sum;
        return layer(n.name(), new ActivationLayer.Builder()
                .activation(activation(where, n.layer().activation(), "identity")).build(), sum);
    }

    private String output(String where, SpecShapes.Node n, String prev) {
        LayerSpec l = n.layer();
        Activation a = activation(where, l.activation(), "softmax");
        ILossFunction loss = loss(l);
        if (n.input().isFlat())
            return layer(n.name(), new OutputLayer.Builder(loss).nOut(l.units()).activation(a).weightInit(WeightInit.XAVIER).build(), prev);
        // a prediction per position (segmentation): linear 1x1 convolution, then a loss over every position
        String logits = layer(n.name() + "_conv", conv(where, l, n.input().dims(), l.units(), new int[] {1}, null, null,
                "valid", Activation.IDENTITY), prev);
        Layer lossLayer = switch (n.input().dims()) {
            case 1 -> new RnnLossLayer.Builder(loss).activation(a).dataFormat(RNNFormat.NCW).build();
            case 2 -> new CnnLossLayer.Builder(loss).activation(a).format(CNN2DFormat.NCHW).build();
            default -> new Cnn3DLossLayer.Builder(Convolution3D.DataFormat.NCDHW).lossFunction(loss).activation(a).build();
        };
        return layer(n.name(), lossLayer, logits);
    }

    private static ILossFunction loss(LayerSpec l) {
        INDArray weights = l.classWeights() == null ? null
                : Nd4j.create(l.classWeights(), new long[] {1, l.classWeights().length}, DataType.FLOAT);
        String loss = l.loss() == null ? "mcxent" : l.loss();
        return switch (loss) {
            case "xent" -> weights == null ? new LossBinaryXENT() : new LossBinaryXENT(weights);
            case "mse" -> weights == null ? new LossMSE() : new LossMSE(weights);
            default -> weights == null ? new LossMCXENT() : new LossMCXENT(weights);
        };
    }

    private Layer conv(String where, LayerSpec l, int d, int filters, int[] kernelSpec, int[] strideSpec,
            int[] dilationSpec, String padding, Activation a) {
        int[] k = SpecShapes.expand(where, "kernel", kernelSpec, d);
        int[] s = SpecShapes.expand(where, "stride", strideSpec == null ? new int[] {1} : strideSpec, d);
        int[] dil = SpecShapes.expand(where, "dilation", dilationSpec == null ? new int[] {1} : dilationSpec, d);
        ConvolutionMode mode = SpecShapes.paddingSame(where, padding) ? ConvolutionMode.Same : ConvolutionMode.Truncate;
        WeightInit init = init(a);
        return switch (d) {
            case 1 -> new Convolution1DLayer.Builder().kernelSize(k[0]).stride(s[0]).dilation(dil[0]).padding(0)
                    .convolutionMode(mode).rnnDataFormat(RNNFormat.NCW).nOut(filters).activation(a).weightInit(init).build();
            case 2 -> new ConvolutionLayer.Builder().kernelSize(k).stride(s).dilation(dil).padding(0, 0)
                    .convolutionMode(mode).dataFormat(CNN2DFormat.NCHW).nOut(filters).activation(a).weightInit(init).build();
            default -> new Convolution3D.Builder().kernelSize(k).stride(s).dilation(dil).padding(0, 0, 0)
                    .convolutionMode(mode).dataFormat(Convolution3D.DataFormat.NCDHW).nOut(filters).activation(a)
                    .weightInit(init).build();
        };
    }

    private Layer pool(String where, LayerSpec l, int d) {
        int[] k = SpecShapes.expand(where, "kernel", l.kernel() == null ? new int[] {2} : l.kernel(), d);
        int[] s = l.stride() == null ? k : SpecShapes.expand(where, "stride", l.stride(), d);
        ConvolutionMode mode = SpecShapes.paddingSame(where, l.padding()) ? ConvolutionMode.Same : ConvolutionMode.Truncate;
        PoolingType type = poolingType(l.pooling(), "max");
        return switch (d) {
            case 1 -> new Subsampling1DLayer.Builder(type).kernelSize(k[0]).stride(s[0]).padding(0).convolutionMode(mode).build();
            case 2 -> new SubsamplingLayer.Builder(type).kernelSize(k).stride(s).padding(0, 0).convolutionMode(mode)
                    .dataFormat(CNN2DFormat.NCHW).build();
            default -> new Subsampling3DLayer.Builder(type).kernelSize(k).stride(s).padding(0, 0, 0).convolutionMode(mode)
                    .dataFormat(Convolution3D.DataFormat.NCDHW).build();
        };
    }

    private Layer upsample(String where, SpecShapes.Node n) {
        int d = n.input().dims();
        int[] size = SpecShapes.expand(where, "size", n.layer().size() == null ? new int[] {2} : n.layer().size(), d);
        return switch (d) {
            case 1 -> new Upsampling1D.Builder(size[0]).build();
            case 2 -> new Upsampling2D.Builder(1).size(size).dataFormat(CNN2DFormat.NCHW).build();
            default -> new Upsampling3D.Builder(Convolution3D.DataFormat.NCDHW, 1).size(size).build();
        };
    }

    private static InputPreProcessor flatten(Shape in) {
        int[] s = in.spatial();
        return switch (in.dims()) {
            case 1 -> new KerasFlattenRnnPreprocessor(in.channels(), s[0]);
            case 2 -> new CnnToFeedForwardPreProcessor(s[0], s[1], in.channels());
            default -> new Cnn3DToFeedForwardPreProcessor(s[0], s[1], s[2], in.channels(), true);
        };
    }

    private static PoolingType poolingType(String pooling, String fallback) {
        return "max".equals(pooling == null ? fallback : pooling) ? PoolingType.MAX : PoolingType.AVG;
    }

    private static WeightInit init(Activation a) {
        return a == Activation.RELU || a == Activation.LEAKYRELU ? WeightInit.RELU : WeightInit.XAVIER;
    }

    static Activation activation(String where, String name, String fallback) {
        String n = name == null ? fallback : name;
        if (n.equalsIgnoreCase("linear"))
            return Activation.IDENTITY;
        try {
            return Activation.fromString(n);
        } catch (RuntimeException e) {
            throw new SpecException(where + ": unknown activation '" + n + "'", e);
        }
    }

    private interface Sink {
        String layer(String name, Layer layer, InputPreProcessor pre, String input);

        String vertex(String name, GraphVertex vertex, String... inputs);
    }

    private static final class MultiLayerSink implements Sink {
        private final NeuralNetConfiguration.ListBuilder list;
        private int index;

        MultiLayerSink(NeuralNetConfiguration.ListBuilder list) {
            this.list = list;
        }

        @Override
        public String layer(String name, Layer layer, InputPreProcessor pre, String input) {
            if (pre != null)
                list.inputPreProcessor(index, pre);
            list.layer(index++, layer);
            return name;
        }

        @Override
        public String vertex(String name, GraphVertex vertex, String... inputs) {
            throw new IllegalStateException(name + ": a plain stack has no graph vertices");
        }
    }

    private static final class GraphSink implements Sink {
        private final ComputationGraphConfiguration.GraphBuilder graph;

        GraphSink(ComputationGraphConfiguration.GraphBuilder graph) {
            this.graph = graph;
        }

        @Override
        public String layer(String name, Layer layer, InputPreProcessor pre, String input) {
            graph.addLayer(name, layer, pre, input);
            return name;
        }

        @Override
        public String vertex(String name, GraphVertex vertex, String... inputs) {
            graph.addVertex(name, vertex, inputs);
            return name;
        }
    }
}
