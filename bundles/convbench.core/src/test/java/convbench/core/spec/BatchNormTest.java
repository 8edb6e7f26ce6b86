package convbench.core.spec;

import static convbench.core.spec.LayerSpec.*;
import static org.junit.jupiter.api.Assertions.*;

import convbench.core.model.LoadedModel;
import convbench.core.model.ModelFile;
import convbench.core.model.ModelMetadata;
import convbench.core.model.Networks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Batch norm in 1D, 2D and 3D specs, built as a plain stack and as a graph: per-channel statistics over the batch
 * and every position, checked against sums done here by hand.
 */
class BatchNormTest {
    private static final double[] GAMMA = {0.5, 2.0, -1.5};
    private static final double[] BETA = {0.25, -0.75, 1.0};
    private static final double[] RUNNING_MEAN = {0.2, -0.1, 0.4};
    private static final double[] RUNNING_VAR = {0.5, 2.0, 1.5};

    static Stream<Arguments> layouts() {
        List<Arguments> all = new ArrayList<>();
        for (int[] in : new int[][] {{2, 7}, {2, 5, 6}, {2, 3, 4, 5}})
            for (boolean graph : new boolean[] {false, true})
                all.add(Arguments.of(in, graph));
        return all.stream();
    }

    /** Conv "c" (3 channels) -> batch norm "bn" -> identity "seen", which shows the batch norm's output in NC... layout. */
    private static ModelSpec probe(int[] input, boolean graph) {
        List<LayerSpec> layers = new ArrayList<>(List.of(conv(3, 3).padding("same").name("c"), batchNorm().name("bn"),
                activationLayer("identity").name("seen")));
        if (graph)
            layers.add(concat("c")); // a concatenation makes it a ComputationGraph
        layers.add(globalPool("avg"));
        layers.add(output(2));
        return ModelSpec.of("bn" + (input.length - 1) + "d", input, layers.toArray(LayerSpec[]::new));
    }

    @ParameterizedTest(name = "input {0}, graph {1}")
    @MethodSource("layouts")
    void normalisesEachChannelOverBatchAndEveryPosition(int[] input, boolean graph) {
        ModelSpec spec = probe(input, graph);
        Model net = NetworkBuilder.build(spec);
        assertEquals(graph, net instanceof ComputationGraph);
        Layer bn = layer(net, "bn");
        set(bn, BatchNormalizationParamInitializer.GAMMA, GAMMA);
        set(bn, BatchNormalizationParamInitializer.BETA, BETA);
        double eps = ((BatchNormalization) bn.conf().getLayer()).getEps();
        INDArray x = Nd4j.rand(DataType.FLOAT, spec.inputShape().batchShape(4)).muli(3).subi(1);

        // training mode: the batch's own mean and (biased) variance per channel over (N, positions)
        Map<String, INDArray> train = activations(net, x, true);
        double[][] c = perChannel(train.get("c"));
        double[] mean = new double[3];
        double[] var = new double[3];
        for (int ch = 0; ch < 3; ch++) {
            for (double v : c[ch])
                mean[ch] += v / c[ch].length;
            for (double v : c[ch])
                var[ch] += (v - mean[ch]) * (v - mean[ch]) / c[ch].length;
        }
        assertNormalised(train.get("c"), train.get("seen"), mean, var, eps);

        // inference mode: the running statistics, here set to known values (DL4J stores log10 of the std)
        set(bn, BatchNormalizationParamInitializer.GLOBAL_MEAN, RUNNING_MEAN);
        double[] log10Std = new double[3];
        for (int ch = 0; ch < 3; ch++)
            log10Std[ch] = 0.5 * Math.log10(RUNNING_VAR[ch]);
        set(bn, BatchNormalizationParamInitializer.GLOBAL_LOG_STD, log10Std);
        Map<String, INDArray> test = activations(net, x, false);
        assertNormalised(test.get("c"), test.get("seen"), RUNNING_MEAN, RUNNING_VAR, eps);
    }

    private static void assertNormalised(INDArray in, INDArray out, double[] mean, double[] var, double eps) {
        assertArrayEquals(in.shape(), out.shape(), "the batch norm keeps the layout");
        double[][] x = perChannel(in);
        double[][] y = perChannel(out);
        for (int ch = 0; ch < 3; ch++) {
            assertTrue(x[ch].length > 1);
            for (int i = 0; i < x[ch].length; i++) {
                double expected = (x[ch][i] - mean[ch]) / Math.sqrt(var[ch] + eps) * GAMMA[ch] + BETA[ch];
                assertEquals(expected, y[ch][i], 1e-4 * Math.max(1, Math.abs(expected)), "channel " + ch + ", element " + i);
            }
        }
    }

    /** [N, C, positions...] -> per channel, every value over the batch and all positions. */
    private static double[][] perChannel(INDArray a) {
        long n = a.size(0);
        int channels = (int) a.size(1);
        long positions = a.length() / n / channels;
        INDArray v = a.dup('c').reshape('c', n, channels, positions).castTo(DataType.DOUBLE);
        double[][] out = new double[channels][(int) (n * positions)];
        for (int ch = 0; ch < channels; ch++)
            for (int i = 0; i < n; i++)
                for (int p = 0; p < positions; p++)
                    out[ch][(int) (i * positions + p)] = v.getDouble(i, ch, p);
        return out;
    }

    static ModelSpec classifier3d(boolean graph) {
        LayerSpec block = graph
                ? residual(conv(4, 3).padding("same"), batchNorm().name("bn2")).activation("relu")
                : batchNorm().name("bn2");
        return ModelSpec.of(graph ? "bn3d_graph" : "bn3d_stack", new int[] {1, 6, 6, 6},
                conv(4, 3).padding("same").activation("relu"), batchNorm().name("bn1"), block, maxPool(2),
                globalPool("max"), output(2)).seed(7);
    }

    /** Bright 2^3 blob somewhere (class 1) or not (class 0) in seeded noise. */
    static DataSet blobs(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        INDArray x = Nd4j.zeros(DataType.FLOAT, count, 1, 6, 6, 6);
        INDArray y = Nd4j.zeros(DataType.FLOAT, count, 2);
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < 6; d++)
                for (int h = 0; h < 6; h++)
                    for (int w = 0; w < 6; w++)
                        x.putScalar(new long[] {i, 0, d, h, w}, rnd.nextDouble() * 0.5);
            int label = i % 2;
            if (label == 1) {
                int d0 = rnd.nextInt(5), h0 = rnd.nextInt(5), w0 = rnd.nextInt(5);
                for (int d = d0; d < d0 + 2; d++)
                    for (int h = h0; h < h0 + 2; h++)
                        for (int w = w0; w < w0 + 2; w++)
                            x.putScalar(new long[] {i, 0, d, h, w}, 1.0 + rnd.nextDouble() * 0.5);
            }
            y.putScalar(i, label, 1.0);
        }
        return new DataSet(x, y);
    }

    @ParameterizedTest(name = "graph {0}")
    @ValueSource(booleans = {false, true})
    void a3dSpecWithBatchNormTrainsAndItsModelFileGivesTheSameOutputs(boolean graph, @TempDir Path dir) throws Exception {
        ModelSpec spec = classifier3d(graph);
        Model net = NetworkBuilder.build(spec, new Adam(0.01));
        assertEquals(graph, net instanceof ComputationGraph);
        DataSet batch = blobs(16, 3);
        double before = Networks.score(net, batch);
        INDArray meanBefore = layer(net, "bn1").getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).dup();
        double[] trainingLoss = new double[40];
        for (int step = 0; step < trainingLoss.length; step++) {
            Networks.fit(net, batch);
            trainingLoss[step] = net.score(); // with the batch's statistics, as trained
        }
        double last = trainingLoss[trainingLoss.length - 1];
        assertTrue(last < 0.5 * trainingLoss[0], "training loss falls: " + trainingLoss[0] + " -> " + last);
        // the running statistics follow (decay 0.9), so inference on the same batch improves too
        double after = Networks.score(net, batch);
        System.out.printf("%s: training loss %.4f -> %.4f, inference loss %.4f -> %.4f%n", spec.name(),
                trainingLoss[0], last, before, after);
        assertTrue(after < 0.5 * before, "inference loss falls: " + before + " -> " + after);
        assertNotEquals(meanBefore, layer(net, "bn1").getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN),
                "training updates the running mean");

        // the configuration names DL4J's classes only, so the model file also loads inside OSGi
        String json = net instanceof MultiLayerNetwork m ? m.getLayerWiseConfigurations().toJson()
                : ((ComputationGraph) net).getConfiguration().toJson();
        assertFalse(json.contains("convbench"), "no class of ours in the DL4J configuration");

        Path file = dir.resolve(spec.name() + ".zip");
        ModelFile.save(file, net, ModelMetadata.forSpec(spec));
        LoadedModel back = ModelFile.load(file);
        INDArray unseen = blobs(6, 99).getFeatures();
        assertEquals(Networks.output(net, unseen), back.output(unseen), "same outputs after the round trip");
        assertEquals(net.params(), back.network().params());
    }

    private static Layer layer(Model net, String name) {
        return net instanceof MultiLayerNetwork m ? m.getLayer(name) : ((ComputationGraph) net).getLayer(name);
    }

    private static void set(Layer layer, String param, double[] values) {
        INDArray p = layer.getParam(param);
        p.assign(Nd4j.createFromArray(values).castTo(p.dataType()).reshape(p.shape()));
    }

    /** Every layer's (or vertex's) activations by name. */
    private static Map<String, INDArray> activations(Model net, INDArray x, boolean train) {
        if (net instanceof ComputationGraph g)
            return g.feedForward(x, train);
        MultiLayerNetwork m = (MultiLayerNetwork) net;
        List<INDArray> all = m.feedForward(x, train);
        Map<String, INDArray> byName = new HashMap<>();
        for (int i = 0; i < m.getnLayers(); i++)
            byName.put(m.getLayer(i).conf().getLayer().getLayerName(), all.get(i + 1));
        return byName;
    }
}
