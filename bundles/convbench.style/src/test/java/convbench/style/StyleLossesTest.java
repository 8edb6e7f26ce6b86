package convbench.style;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The seed's formulas on a 2x2x3 input whose "network" is the identity, so a[l] is the image itself and every value
 * below is worked out by hand:
 * G = [(1,2,0) (0,1,1); (2,0,1) (1,1,1)] (rows i, columns j, channels k), S all ones, C all zeros.
 */
class StyleLossesTest {
    private static final double[][][] G = {{{1, 2, 0}, {0, 1, 1}}, {{2, 0, 1}, {1, 1, 1}}};

    static ComputationGraph identityNetwork(int h, int w) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(h, w, 3, CNN2DFormat.NHWC))
                .addLayer("a", new ActivationLayer.Builder().activation(Activation.IDENTITY).build(), "in")
                .setOutputs("a").build());
        graph.init();
        return graph;
    }

    private static INDArray image(double[][][] v) {
        return Nd4j.create(v).reshape(1, 2, 2, 3);
    }

    private static StyleObjective objective(double alpha, double beta, double lambda, double tv, boolean smoothing) {
        StyleParameters p = new StyleParameters().contentLayer("a").styleWeights(Map.of("a", lambda))
                .alpha(alpha).beta(beta).tvWeight(tv).smoothing(smoothing);
        StyleObjective objective = new StyleObjective(identityNetwork(2, 2), "identity", p, 2, 2, DataType.DOUBLE);
        objective.setTargets(Nd4j.zeros(DataType.DOUBLE, 1, 2, 2, 3), Nd4j.ones(DataType.DOUBLE, 1, 2, 2, 3));
        return objective;
    }

    @Test
    void gramMatrixIsTheSumOverPositionsOfChannelProducts() {
        // channel 0 = [1,0,2,1], channel 1 = [2,1,0,1], channel 2 = [0,1,1,1] over the 4 positions
        INDArray gram = objective(1, 1, 1, 0, false).gram(image(G), "a");
        assertArrayEquals(new double[] {6, 3, 3, 3, 6, 2, 3, 2, 3}, gram.reshape(-1).toDoubleVector(), 1e-12);
    }

    @Test
    void lossesMatchHandComputedValues() {
        StyleObjective.Losses l = objective(2, 10, 0.5, 0.25, false).losses(image(G));
        // J_content = 1/2 * (1+4+0 + 0+1+1 + 4+0+1 + 1+1+1) = 7.5
        assertEquals(7.5, l.content(), 1e-12);
        // G(G) - G(S) = [[2,-1,-1],[-1,2,-2],[-1,-2,-1]]: 21 / (2*2*2*3)^2 = 21/576
        assertEquals(21.0 / 576, l.styleLayers().get("a"), 1e-12);
        assertEquals(0.5 * 21.0 / 576, l.style(), 1e-12);
        // vertical differences (1,-2,1), (1,0,0); horizontal (-1,-1,1), (-1,1,0): 6 + 1 + 3 + 2
        assertEquals(12, l.tv(), 1e-12);
        assertEquals(2 * 7.5 + 10 * 0.5 * 21.0 / 576 + 0.25 * 12, l.total(), 1e-12);
    }

    @Test
    void gradientMatchesTheClosedForm() {
        // dJ_content/dG = G - C; dJ_style[l]/dG_pk = 4 / (2 nH nW nC)^2 * sum_k' G_pk' (Gram(G) - Gram(S))_k'k
        StyleObjective o = objective(1, 1, 1, 0, false);
        INDArray grad = o.evaluate(image(G)).gradient();
        double[][] diff = {{2, -1, -1}, {-1, 2, -2}, {-1, -2, -1}};
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                for (int k = 0; k < 3; k++) {
                    double style = 0;
                    for (int kk = 0; kk < 3; kk++)
                        style += G[i][j][kk] * diff[kk][k];
                    double expected = G[i][j][k] + 4.0 / 576 * style;
                    assertEquals(expected, grad.getDouble(0, i, j, k), 1e-12, "pixel " + i + "," + j + "," + k);
                }
    }

    @Test
    void smoothingIsNTimesTheSoftmaxOverTheWholeLayerAtTemperatureTTimesTheContentMaximum() {
        double t = 2;
        StyleParameters p = new StyleParameters().contentLayer("a").styleWeights(Map.of("a", 1.0)).smoothing(true).temperature(t);
        StyleObjective o = new StyleObjective(identityNetwork(2, 2), "identity", p, 2, 2, DataType.DOUBLE);
        o.setTargets(image(G), Nd4j.ones(DataType.DOUBLE, 1, 2, 2, 3));
        // T[l] = T * max |a(C)| with C = G, whose largest value is 2
        double temperature = t * 2;
        double z = 0;
        for (double[][] row : G)
            for (double[] px : row)
                for (double v : px)
                    z += Math.exp(v / temperature);
        double[][] s = new double[4][3];
        for (int i = 0; i < 4; i++)
            for (int k = 0; k < 3; k++)
                s[i][k] = 12 * Math.exp(G[i / 2][i % 2][k] / temperature) / z;
        double[] expected = new double[9];
        for (int k = 0; k < 3; k++)
            for (int kk = 0; kk < 3; kk++)
                for (int i = 0; i < 4; i++)
                    expected[3 * k + kk] += s[i][k] * s[i][kk];
        assertArrayEquals(expected, o.gram(image(G), "a").reshape(-1).toDoubleVector(), 1e-12);
        assertEquals(0, o.losses(image(G)).content(), 1e-12, "G = C");
        // a constant image smooths to all ones whatever the constant: S = ones has the style of any flat grey
        assertEquals(0, o.losses(Nd4j.valueArrayOf(new long[] {1, 2, 2, 3}, 7.0, DataType.DOUBLE)).style(), 1e-12);
    }

    @Test
    void styleLayersKeepTheirOrderAndWeights() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("a", 3.0);
        StyleParameters p = new StyleParameters().contentLayer("a").styleWeights(w);
        StyleObjective o = new StyleObjective(identityNetwork(2, 2), "identity", p, 2, 2, DataType.DOUBLE);
        o.setTargets(Nd4j.zeros(DataType.DOUBLE, 1, 2, 2, 3), Nd4j.ones(DataType.DOUBLE, 1, 2, 2, 3));
        StyleObjective.Losses l = o.losses(image(G));
        assertEquals(3 * l.styleLayers().get("a"), l.style(), 1e-12);
    }
}
