package convbench.style;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * dJ/dG from SameDiff's differentiation of the rebuilt network against central finite differences, in double
 * precision, on a tiny hand-built ResNet-like graph (zero padding, convolution + batch normalisation, ReLU, strided
 * "same" convolution, a residual add, max pooling), and the rebuilt network against DL4J's own forward pass.
 */
class GradientCheckTest {
    static ComputationGraph tinyResNet(long seed) {
        CNN2DFormat nhwc = CNN2DFormat.NHWC;
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(seed).weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(8, 8, 3, nhwc))
                .addLayer("pad", new ZeroPaddingLayer.Builder(1, 1, 1, 1).dataFormat(nhwc).build(), "in")
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).dataFormat(nhwc).build(), "pad")
                .addLayer("bn1", new BatchNormalization.Builder().dataFormat(nhwc).build(), "conv1")
                .addLayer("act1", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn1")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).dataFormat(nhwc).build(), "act1")
                .addLayer("c3", new ConvolutionLayer.Builder(1, 1).stride(2, 2).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).dataFormat(nhwc).build(), "act1")
                .addLayer("bn3", new BatchNormalization.Builder().dataFormat(nhwc).build(), "c3")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "c2", "bn3")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Same).dataFormat(nhwc).build(), "add")
                .setOutputs("pool").build());
        graph.init();
        // trained-looking batch-norm statistics, so that folding them into the convolutions is really tested
        Random r = new Random(seed);
        for (String bn : List.of("bn1", "bn3")) {
            var layer = graph.getLayer(bn);
            for (String param : List.of("gamma", "beta", "mean"))
                layer.getParam(param).assign(Nd4j.rand(DataType.DOUBLE, layer.getParam(param).shape()).subi(0.3));
            INDArray std = layer.getParam("log10stdev");
            std.assign(Nd4j.rand(DataType.DOUBLE, std.shape()).muli(0.6).subi(0.3));
        }
        return graph;
    }

    private static INDArray randomImage(Random r) {
        double[] v = new double[8 * 8 * 3];
        for (int i = 0; i < v.length; i++)
            v[i] = r.nextGaussian();
        return Nd4j.createFromArray(v).reshape(1, 8, 8, 3);
    }

    @Test
    void rebuiltNetworkComputesWhatDl4jComputes() {
        ComputationGraph graph = tinyResNet(7);
        INDArray x = randomImage(new Random(1));
        Map<String, INDArray> dl4j = graph.feedForward(new INDArray[] {x}, false, false);
        var sd = org.nd4j.autodiff.samediff.SameDiff.create();
        var image = sd.var("image", x);
        List<String> layers = List.of("act1", "c2", "add", "pool");
        Map<String, org.nd4j.autodiff.samediff.SDVariable> features = FeatureGraph.append(sd, image, graph, layers, DataType.DOUBLE, "tiny");
        Map<String, INDArray> ours = sd.output(Map.of(), features.values().stream().map(v -> v.name()).toArray(String[]::new));
        for (String layer : layers) {
            INDArray expected = dl4j.get(layer), actual = ours.get(features.get(layer).name());
            double rel = expected.sub(actual).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
            assertTrue(rel < 1e-12, layer + ": relative difference " + rel);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        for (boolean smoothing : new boolean[] {false, true})
            checkGradient(smoothing);
    }

    private static void checkGradient(boolean smoothing) {
        Map<String, Double> style = new LinkedHashMap<>();
        style.put("act1", 0.7);
        style.put("pool", 1.3);
        StyleParameters p = new StyleParameters().contentLayer("add").styleWeights(style)
                .alpha(0.5).beta(20).tvWeight(0.05).smoothing(smoothing).temperature(0.5);
        StyleObjective objective = new StyleObjective(tinyResNet(7), "tiny", p, 8, 8, DataType.DOUBLE);
        Random r = new Random(3);
        objective.setTargets(randomImage(r), randomImage(r));
        double worst = FiniteDifferences.worstRelativeError(objective, randomImage(r), 40, 1e-5, 1, r);
        System.out.printf("tiny network, smoothing %s: worst relative gradient error %.2e over 40 pixels%n", smoothing, worst);
        assertTrue(worst < 1e-6, "smoothing " + smoothing + ": worst relative error " + worst);
    }
}
