package convbench.bench.tf;

import convbench.bench.SpecCost;
import convbench.bench.SyntheticData;
import convbench.core.spec.LayerSpec;
import convbench.core.spec.ModelSpec;
import convbench.core.spec.Shape;
import convbench.core.spec.SpecShapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * A ConvBench {@link ModelSpec} as a TensorFlow Java graph, layer for layer as {@code NetworkBuilder} builds it in
 * DL4J: convolution + bias + activation, max/avg pooling, batch norm (running statistics with DL4J's decay 0.9 and
 * epsilon 1e-5), inverted dropout in training, dense layers, flatten, global pooling and a softmax output with
 * multi-class cross-entropy, L2 on the kernels; Adam (learning rate 1e-3) on the trainable variables. Tensors are
 * channels last (NWC as [N, 1, W, C], NHWC, NDHWC), TensorFlow's CPU layout; a 1D convolution is a 2D one of height
 * 1, as {@code tf.nn.conv1d} does it.
 */
public final class TfNet implements AutoCloseable {
    /** DL4J's defaults, so both sides do the same arithmetic. */
    private static final float BN_EPSILON = 1e-5f, BN_DECAY = 0.9f, LEARNING_RATE = 1e-3f;

    private final Graph graph = new Graph();
    private final Ops tf = Ops.create(graph);
    private final boolean train;
    private final long seed;
    private final Session session;
    private final List<Variable<TFloat32>> trainable = new ArrayList<>();
    private final List<Variable<TFloat32>> statistics = new ArrayList<>();
    private final List<Operand<TFloat32>> kernels = new ArrayList<>();
    private final List<Op> updates = new ArrayList<>();
    private final Placeholder<TFloat32> input;
    private Placeholder<TFloat32> labels;
    private Operand<TFloat32> probabilities;
    private Operand<TFloat32> loss;
    private int variables;

    /**
     * @param train with the loss, gradients and Adam updates (and batch norm on batch statistics, dropout on);
     *        otherwise the inference graph only
     * @param threads TensorFlow's intra-op threads (inter-op: 1, as ND4J runs one op at a time)
     */
    public TfNet(ModelSpec spec, boolean train, int threads, long seed) {
        this.train = train;
        this.seed = seed;
        Conv3dGradient.register();
        Shape in = spec.inputShape();
        input = tf.placeholder(TFloat32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(layout(-1, in))));
        Operand<TFloat32> x = input;
        for (SpecShapes.Node n : SpecShapes.infer(spec))
            x = layer(spec, n, x);
        if (train)
            buildTraining(spec);
        ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(1).build();
        session = new Session(graph, config);
        session.initialize();
    }

    /** The TensorFlow shape of a batch: [N, 1, W, C], [N, H, W, C] or [N, D, H, W, C]. */
    static long[] layout(long batch, Shape s) {
        int[] sp = s.spatial();
        long[] out = new long[(sp.length == 1 ? 2 : sp.length) + 2];
        out[0] = batch;
        int at = 1;
        if (sp.length == 1)
            out[at++] = 1;
        for (int v : sp)
            out[at++] = v;
        out[at] = s.channels();
        return out;
    }

    /** Weights, biases, batch-norm scale, offset and running statistics (not the optimiser's moments). */
    public long params() {
        long n = 0;
        for (Variable<TFloat32> v : concat(trainable, statistics))
            n += v.shape().size();
        return n;
    }

    /** One training step on the batch (forward, backward, Adam, running statistics); returns the loss. */
    public float trainStep(Batch b) {
        if (!train)
            throw new IllegalStateException("an inference graph cannot train");
        Session.Runner r = session.runner().feed(input, b.features).feed(labels, b.labels).fetch(loss);
        updates.forEach(r::addTarget);
        try (Result res = r.run()) {
            return ((TFloat32) res.get(0)).getFloat();
        }
    }

    /** Class probabilities of the batch; returns their shape. */
    public long[] infer(Batch b) {
        try (Result res = session.runner().feed(input, b.features).fetch(probabilities).run()) {
            return res.get(0).shape().asArray();
        }
    }

    /** The synthetic batch as tensors, made once outside the timed loop. */
    public static final class Batch implements AutoCloseable {
        final TFloat32 features, labels;

        public Batch(SyntheticData d) {
            features = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(layout(d.batch(), d.example())),
                    DataBuffers.of(d.channelsLast(), true, false));
            labels = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(d.batch(), d.classes()),
                    DataBuffers.of(d.oneHot(), true, false));
        }

        @Override
        public void close() {
            features.close();
            labels.close();
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    private Operand<TFloat32> layer(ModelSpec spec, SpecShapes.Node n, Operand<TFloat32> x) {
        LayerSpec l = n.layer();
        Shape in = n.input(), out = n.output();
        String where = spec.name() + ": layer '" + n.name() + "' (" + l.type().id + ")";
        return switch (l.type()) {
            case CONV -> activation(where, l.activation(), conv(where, l, x, in, out));
            case POOL -> pool(where, l, x, in);
            case BATCHNORM -> batchNorm(x, in);
            case DROPOUT -> train ? dropout(x, l.rate()) : x;
            case DENSE -> activation(where, l.activation(), dense(x, in, out));
            case FLATTEN -> tf.reshape(x, tf.constant(new long[] {-1, in.size()}));
            case ACTIVATION -> activation(where, l.activation(), x);
            case GLOBALPOOL -> {
                int[] axes = java.util.stream.IntStream.rangeClosed(1, layout(1, in).length - 2).toArray();
                yield "max".equals(l.pooling()) ? tf.max(x, tf.constant(axes)) : tf.math.mean(x, tf.constant(axes));
            }
            case OUTPUT -> output(where, l, x, in, out);
            default -> throw new UnsupportedOperationException(where + ": not in the TensorFlow benchmark graph");
        };
    }

    private Operand<TFloat32> conv(String where, LayerSpec l, Operand<TFloat32> x, Shape in, Shape out) {
        int d = in.dims();
        int[] k = SpecCost.kernel(l.kernel(), d);
        int[] s = l.stride() == null ? ones(d) : SpecCost.kernel(l.stride(), d);
        if (l.dilation() != null && Arrays.stream(l.dilation()).anyMatch(v -> v != 1))
            throw new UnsupportedOperationException(where + ": dilation is not in the TensorFlow benchmark graph");
        String padding = "same".equalsIgnoreCase(l.padding()) ? "SAME" : "VALID";
        long[] shape = new long[(d == 1 ? 2 : d) + 2];
        int at = 0;
        if (d == 1)
            shape[at++] = 1;
        for (int v : k)
            shape[at++] = v;
        shape[at++] = in.channels();
        shape[at] = out.channels();
        long fanIn = in.channels() * Arrays.stream(k).asLongStream().reduce(1, (a, b) -> a * b);
        Variable<TFloat32> w = weight(shape, fanIn, "relu".equalsIgnoreCase(l.activation()));
        kernels.add(w);
        Operand<TFloat32> y = d == 3
                ? tf.nn.conv3d(x, w, strides(s, 0), padding)
                : tf.nn.conv2d(x, w, strides(s, d == 1 ? 1 : 0), padding);
        return tf.nn.biasAdd(y, bias(out.channels()));
    }

    private Operand<TFloat32> pool(String where, LayerSpec l, Operand<TFloat32> x, Shape in) {
        int d = in.dims();
        int[] k = SpecCost.kernel(l.kernel() == null ? new int[] {2} : l.kernel(), d);
        int[] s = l.stride() == null ? k : SpecCost.kernel(l.stride(), d);
        String padding = "same".equalsIgnoreCase(l.padding()) ? "SAME" : "VALID";
        boolean max = !"avg".equals(l.pooling());
        List<Long> ks = strides(k, d == 1 ? 1 : 0), ss = strides(s, d == 1 ? 1 : 0);
        if (d == 3)
            return max ? tf.nn.maxPool3d(x, ks, ss, padding) : tf.nn.avgPool3d(x, ks, ss, padding);
        if (!max)
            return tf.nn.avgPool(x, ks, ss, padding);
        return tf.nn.maxPool(x, tf.constant(ks.stream().mapToInt(Long::intValue).toArray()),
                tf.constant(ss.stream().mapToInt(Long::intValue).toArray()), padding);
    }

    /**
     * Fused batch norm over the channels-last tensor seen as [N, 1, positions, C] (the same per-channel statistics
     * for 1D, 2D and 3D); in training the running mean and variance move towards the batch's with DL4J's decay.
     */
    private Operand<TFloat32> batchNorm(Operand<TFloat32> x, Shape in) {
        long c = in.channels();
        Variable<TFloat32> gamma = filled(c, 1f, trainable), beta = filled(c, 0f, trainable);
        Variable<TFloat32> mean = filled(c, 0f, statistics), var = filled(c, 1f, statistics);
        Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, 1, in.size() / c, c}));
        FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(flat, gamma, beta, mean, var,
                FusedBatchNorm.isTraining(train), FusedBatchNorm.epsilon(BN_EPSILON),
                FusedBatchNorm.exponentialAvgFactor(train ? 1 - BN_DECAY : 1f));
        if (train) {
            // with an averaging factor below 1 the op returns the updated running statistics
            updates.add(tf.assign(mean, bn.batchMean()));
            updates.add(tf.assign(var, bn.batchVariance()));
        }
        return tf.reshape(bn.y(), tf.shape(x));
    }

    /** Inverted dropout: keeps an input with probability 1 - rate and scales it by 1 / (1 - rate), as DL4J does. */
    private Operand<TFloat32> dropout(Operand<TFloat32> x, double rate) {
        Operand<TFloat32> u = tf.random.randomUniform(tf.shape(x), TFloat32.class,
                RandomUniform.seed(seed), RandomUniform.seed2((long) ++variables));
        Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(u, tf.constant((float) rate)), TFloat32.class);
        return tf.math.mul(x, tf.math.mul(keep, tf.constant((float) (1 / (1 - rate)))));
    }

    private Operand<TFloat32> dense(Operand<TFloat32> x, Shape in, Shape out) {
        Variable<TFloat32> w = weight(new long[] {in.size(), out.channels()}, in.size(), true);
        kernels.add(w);
        return tf.nn.biasAdd(tf.linalg.matMul(x, w), bias(out.channels()));
    }

    private Operand<TFloat32> output(String where, LayerSpec l, Operand<TFloat32> x, Shape in, Shape out) {
        if (!in.isFlat())
            throw new UnsupportedOperationException(where + ": per-position outputs are not in the benchmark graph");
        if (l.loss() != null && !"mcxent".equals(l.loss()))
            throw new UnsupportedOperationException(where + ": only the softmax cross-entropy output is benchmarked");
        Operand<TFloat32> logits = dense(x, in, out);
        probabilities = tf.nn.softmax(logits);
        if (train) {
            labels = tf.placeholder(TFloat32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, out.channels())));
            loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, labels).loss(), tf.constant(0));
        }
        return probabilities;
    }

    private Operand<TFloat32> activation(String where, String name, Operand<TFloat32> x) {
        String a = name == null ? "identity" : name.toLowerCase(java.util.Locale.ROOT);
        return switch (a) {
            case "relu" -> tf.nn.relu(x);
            case "identity", "linear" -> x;
            case "sigmoid" -> tf.math.sigmoid(x);
            case "tanh" -> tf.math.tanh(x);
            default -> throw new UnsupportedOperationException(where + ": activation '" + name
                    + "' is not in the TensorFlow benchmark graph");
        };
    }

    /** Loss + L2 (DL4J's: l2 / 2 * |w|^2 on kernels, not biases), gradients, Adam. */
    private void buildTraining(ModelSpec spec) {
        Operand<TFloat32> total = loss;
        if (spec.l2() != null && spec.l2() > 0)
            for (Operand<TFloat32> w : kernels)
                total = tf.math.add(total, tf.math.mul(tf.constant(spec.l2().floatValue()), tf.nn.l2Loss(w)));
        Output<?>[] vars = trainable.stream().map(Variable::asOutput).toArray(Output<?>[]::new);
        Output<?>[] grads = graph.addGradients(total.asOutput(), vars);
        List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
        for (int i = 0; i < vars.length; i++)
            pairs.add(gradAndVar(grads[i], vars[i]));
        loss = total;
        updates.add(new Adam(graph, LEARNING_RATE).applyGradients(pairs, "adam"));
    }

    @SuppressWarnings("unchecked")
    private static GradAndVar<TFloat32> gradAndVar(Output<?> grad, Output<?> var) {
        return new GradAndVar<>((Output<TFloat32>) grad, (Output<TFloat32>) var);
    }

    /** He (ReLU) or Glorot-style uniform initialisation from a fixed seed. */
    private Variable<TFloat32> weight(long[] shape, long fanIn, boolean relu) {
        float limit = (float) Math.sqrt((relu ? 6.0 : 3.0) / fanIn);
        Ops init = tf.withInitScope();
        Operand<TFloat32> u = init.random.randomUniform(init.constant(shape), TFloat32.class,
                RandomUniform.seed(seed), RandomUniform.seed2((long) ++variables));
        return variable(init.math.sub(init.math.mul(u, init.constant(2 * limit)), init.constant(limit)), trainable);
    }

    private Variable<TFloat32> bias(long n) {
        return filled(n, 0f, trainable);
    }

    private Variable<TFloat32> filled(long n, float value, List<Variable<TFloat32>> into) {
        Ops init = tf.withInitScope();
        return variable(init.fill(init.constant(new long[] {n}), init.constant(value)), into);
    }

    /** Initial values are init-scope ops: {@link Session#initialize()} runs them once. */
    private Variable<TFloat32> variable(Operand<TFloat32> init, List<Variable<TFloat32>> into) {
        Variable<TFloat32> v = tf.variable(init);
        into.add(v);
        return v;
    }

    /** [1, s..., 1], with an extra 1 for the height of a 1D tensor. */
    private static List<Long> strides(int[] s, int leadingOnes) {
        List<Long> out = new ArrayList<>();
        out.add(1L);
        for (int i = 0; i < leadingOnes; i++)
            out.add(1L);
        for (int v : s)
            out.add((long) v);
        out.add(1L);
        return out;
    }

    private static int[] ones(int d) {
        int[] o = new int[d];
        Arrays.fill(o, 1);
        return o;
    }

    private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
