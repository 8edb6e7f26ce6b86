package convbench.face.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The formulas of the seed on hand-computed examples, and the SameDiff gradients against finite differences. */
class SiameseMathTest {
    /** f(x) = x: a 2x2 identity layer, no normalisation, so the graph's loss is the formula on the inputs. */
    private static SiameseHead identity(SiameseHead.Loss loss, double[] pairW, double pairB) {
        return new SiameseHead(loss, 2, false, new double[][][] {{{1, 0}, {0, 1}}}, new double[][] {{0, 0}}, pairW, pairB);
    }

    @Test
    void tripletLossIsTheSeedsFormula() throws Exception {
        float[][] x = {{0, 0}, {1, 0}, {0, 2}, {2, 0}, {1, 1}};
        // (0,1,2): d(A,P) = 1, d(A,N) = 4 -> max(1 - 4 + 0.5, 0) = 0; (0,3,4): 4 - 2 + 0.5 = 2.5; J = 2.5
        List<Triplet> t = List.of(new Triplet(0, 1, 2, 1, 4), new Triplet(0, 3, 4, 4, 2));
        SiameseGraph g = SiameseGraph.forTraining(identity(SiameseHead.Loss.TRIPLET, null, 0), 0.5);
        assertEquals(2.5, g.loss(SiameseGraph.triplets(x, t)), 1e-12);
        assertEquals(0, t.get(0).loss(0.5), 1e-12);
        assertEquals(2.5, t.get(1).loss(0.5), 1e-12);
    }

    @Test
    void binaryHeadIsSigmoidOfWeightedAbsoluteDifferences() throws Exception {
        // |(1,2) - (3,-1)| = (2,3); 0.5*2 - 0.25*3 + 0.1 = 0.35; sigma(0.35) = 1 / (1 + e^-0.35) = 0.586618
        SiameseHead h = identity(SiameseHead.Loss.BINARY, new double[] {0.5, -0.25}, 0.1);
        float[][] x = {{1, 2}, {3, -1}};
        double[] y = h.pairScores(x, new int[] {0}, new int[] {1});
        assertEquals(0.586618, y[0], 1e-6);
        // logistic loss of a "same" pair: -log(sigma(0.35)) = log(1 + e^0.35) - 0.35 = 0.533382
        SiameseGraph g = SiameseGraph.forTraining(h, 0);
        assertEquals(0.533382, g.loss(SiameseGraph.pairs(x, new int[] {0}, new int[] {1}, new boolean[] {true})), 1e-6);
    }

    /** 1-d embeddings 0, 1, 3 (identity 0) and 2, 5 (identity 1); squared distances worked out by hand. */
    private static final float[][] BATCH = {{0}, {1}, {3}, {2}, {5}};
    private static final int[] LABELS = {0, 0, 0, 1, 1};

    @Test
    void batchHardTakesFarthestPositiveAndNearestNegative() {
        List<Triplet> t = Mining.BATCH_HARD.select(Mining.squaredDistances(BATCH), LABELS, new Random(1));
        assertEquals(List.of(new Triplet(0, 2, 3, 9, 4), new Triplet(1, 2, 3, 4, 1), new Triplet(2, 0, 3, 9, 1),
                new Triplet(3, 4, 1, 9, 1), new Triplet(4, 3, 2, 9, 4)), t);
    }

    @Test
    void semiHardTakesNearestNegativeFartherThanThePositive() {
        List<Triplet> t = Mining.SEMI_HARD.select(Mining.squaredDistances(BATCH), LABELS, new Random(1));
        int[][] expected = {{0, 1, 3}, {0, 2, 4}, {1, 0, 4}, {1, 2, 4}, {2, 0, 4}, {2, 1, 4}, {3, 4, 0}, {4, 3, 1}};
        assertEquals(expected.length, t.size());
        for (int k = 0; k < expected.length; k++)
            assertArrayEquals(expected[k], new int[] {t.get(k).anchor(), t.get(k).positive(), t.get(k).negative()}, "triplet " + k);
    }

    @Test
    void randomTakesEveryPositivePairWithSomeNegative() {
        List<Triplet> t = Mining.RANDOM.select(Mining.squaredDistances(BATCH), LABELS, new Random(7));
        assertEquals(8, t.size());
        for (Triplet x : t) {
            assertEquals(LABELS[x.anchor()], LABELS[x.positive()]);
            assertNotEquals(LABELS[x.anchor()], LABELS[x.negative()]);
            assertNotEquals(x.anchor(), x.positive());
        }
    }

    @Test
    void tripletGradientsMatchFiniteDifferences() throws Exception {
        SiameseHead h = SiameseHead.initial(SiameseHead.Loss.TRIPLET, 3, new int[] {4, 2}, true, 11);
        float[][] x = randomRows(6, 3, 5);
        List<Triplet> t = List.of(new Triplet(0, 1, 2, 0, 0), new Triplet(3, 4, 5, 0, 0), new Triplet(1, 0, 5, 0, 0));
        // alpha 5 > 4, the largest squared distance of unit vectors: every triplet stays active (L > 0)
        checkGradients(SiameseGraph.forTraining(h, 5), SiameseGraph.triplets(x, t));
    }

    @Test
    void binaryGradientsMatchFiniteDifferences() throws Exception {
        SiameseHead h = SiameseHead.initial(SiameseHead.Loss.BINARY, 3, new int[] {4, 2}, true, 12);
        h.pairWeights[0] = 0.7;
        h.pairWeights[1] = -0.4;
        h.pairBias = 0.2;
        float[][] x = randomRows(5, 3, 6);
        checkGradients(SiameseGraph.forTraining(h, 0), SiameseGraph.pairs(x, new int[] {0, 1, 2, 3}, new int[] {1, 2, 4, 4},
                new boolean[] {true, false, true, false}));
    }

    private static float[][] randomRows(int n, int d, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][d];
        for (float[] row : x)
            for (int k = 0; k < d; k++)
                row[k] = (float) r.nextGaussian();
        return x;
    }

    private static void checkGradients(SiameseGraph g, Map<String, INDArray> ph) throws Exception {
        Map<String, INDArray> grads = g.gradients(ph);
        double eps = 1e-6;
        int checked = 0;
        for (String name : g.params()) {
            INDArray p = g.param(name), grad = grads.get(name);
            for (long k = 0; k < p.length(); k++) {
                double v = p.getDouble(k);
                p.putScalar(k, v + eps);
                double up = g.loss(ph);
                p.putScalar(k, v - eps);
                double down = g.loss(ph);
                p.putScalar(k, v);
                double numeric = (up - down) / (2 * eps), analytic = grad.getDouble(k);
                assertEquals(numeric, analytic, 1e-6 + 1e-4 * Math.abs(numeric), name + "[" + k + "]");
                checked++;
            }
        }
        assertTrue(checked > 10);
    }

    @Test
    void rocOfAKnownCase() {
        // positives score 0.9, 0.8, 0.6; negatives 0.7, 0.55, 0.4: 8 of the 9 (pos, neg) pairs ordered right
        double[] s = {0.9, 0.8, 0.7, 0.6, 0.55, 0.4};
        boolean[] same = {true, true, false, true, false, false};
        PairEvaluation.Verification v = PairEvaluation.of(s, same, false);
        assertEquals(8.0 / 9, v.auc(), 1e-12);
        assertEquals(0.8, v.threshold(), 1e-12); // Youden's J ties at 0.8 and 0.6: the higher threshold
        assertEquals(5.0 / 6, v.accuracy(), 1e-12);
        // as distances (score -d), the threshold comes back as tau on d
        PairEvaluation.Verification d = PairEvaluation.of(new double[] {-0.1, -0.2, -0.3, -0.4}, new boolean[] {true, true,
                false, false}, true);
        assertEquals(1.0, d.auc(), 1e-12);
        assertEquals(0.2, d.threshold(), 1e-12);
        assertEquals(1.0, d.accuracy(), 1e-12);
    }

    @Test
    void headSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        SiameseHead h = SiameseHead.initial(SiameseHead.Loss.BINARY, 5, new int[] {3}, true, 3);
        h.pairWeights[2] = 1.5;
        h.threshold = 0.42;
        Path f = dir.resolve("head.zip");
        h.save(f);
        SiameseHead back = SiameseHead.load(f);
        assertEquals(SiameseHead.Loss.BINARY, back.loss());
        assertArrayEquals(h.weights[0][4], back.weights[0][4], 0);
        assertArrayEquals(h.pairWeights, back.pairWeights, 0);
        assertEquals(0.42, back.threshold(), 0);
        float[][] x = randomRows(3, 5, 2);
        assertArrayEquals(h.pairScores(x, new int[] {0}, new int[] {2}), back.pairScores(x, new int[] {0}, new int[] {2}), 1e-12);
    }
}
