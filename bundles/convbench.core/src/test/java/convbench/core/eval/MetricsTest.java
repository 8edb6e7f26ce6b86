package convbench.core.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Every expected value below is worked out by hand from the counts in the comments. */
class MetricsTest {
    // rows actual, columns predicted
    //        A  B  C
    //   A    5  2  1   (8)
    //   B    1  6  1   (8)
    //   C    0  2  4   (6)     total 22, correct 15
    static ConfusionMatrix matrix() {
        return ConfusionMatrix.of(List.of("A", "B", "C"), new long[][] {{5, 2, 1}, {1, 6, 1}, {0, 2, 4}});
    }

    @Test
    void perClassMacroAndMicroFromASmallConfusionMatrix() {
        ConfusionMatrix m = matrix();
        assertEquals(22, m.total());
        assertEquals(15.0 / 22, m.accuracy(), 1e-12);
        // A: TP 5, FN 3, FP 1
        assertEquals(5.0 / 8, m.sensitivity(0), 1e-12);
        assertEquals(5.0 / 6, m.positivePredictivity(0), 1e-12);
        assertEquals(10.0 / 14, m.f1(0), 1e-12);
        assertEquals(13.0 / 14, m.specificity(0), 1e-12); // TN = 22-5-3-1 = 13
        // B: TP 6, FN 2, FP 4
        assertEquals(6.0 / 8, m.sensitivity(1), 1e-12);
        assertEquals(6.0 / 10, m.positivePredictivity(1), 1e-12);
        assertEquals(12.0 / 18, m.f1(1), 1e-12);
        // C: TP 4, FN 2, FP 2
        assertEquals(4.0 / 6, m.sensitivity(2), 1e-12);
        assertEquals(4.0 / 6, m.positivePredictivity(2), 1e-12);
        assertEquals(8.0 / 12, m.f1(2), 1e-12);
        assertEquals((5.0 / 8 + 6.0 / 8 + 4.0 / 6) / 3, m.macroSensitivity(), 1e-12);
        assertEquals((5.0 / 6 + 6.0 / 10 + 4.0 / 6) / 3, m.macroPositivePredictivity(), 1e-12);
        assertEquals((10.0 / 14 + 12.0 / 18 + 8.0 / 12) / 3, m.macroF1(), 1e-12);
        assertEquals(15.0 / 22, m.microSensitivity(), 1e-12);
        assertEquals(15.0 / 22, m.microPositivePredictivity(), 1e-12);
        assertEquals(15.0 / 22, m.microF1(), 1e-12);
    }

    @Test
    void confusionFromNetworkOutputsUsesArgMax() {
        ConfusionMatrix m = ConfusionMatrix.ofClasses(3);
        m.add(Nd4j.createFromArray(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}),
                Nd4j.createFromArray(new float[][] {{0.7f, 0.2f, 0.1f}, {0.5f, 0.4f, 0.1f}, {0.1f, 0.1f, 0.8f}}));
        assertArrayEquals(new long[][] {{1, 0, 0}, {1, 0, 0}, {0, 0, 1}}, m.counts());
        // per position: labels and scores [N=1, K=2, W=3]
        ConfusionMatrix s = ConfusionMatrix.ofClasses(2);
        s.add(Nd4j.createFromArray(new float[][][] {{{1, 0, 0}, {0, 1, 1}}}),
                Nd4j.createFromArray(new float[][][] {{{0.9f, 0.6f, 0.2f}, {0.1f, 0.4f, 0.8f}}}));
        assertArrayEquals(new long[][] {{1, 0}, {1, 1}}, s.counts());
    }

    @Test
    void rocAndAucOfASmallKnownCase() {
        // positives 0.9, 0.8, 0.6; negatives 0.7, 0.55, 0.4: 8 of the 9 (P, N) pairs are ordered right
        Roc roc = Roc.binary(new double[] {0.9, 0.8, 0.7, 0.6, 0.55, 0.4}, new boolean[] {true, true, false, true, false, false});
        assertEquals(8.0 / 9, roc.auc(), 1e-12);
        List<Roc.Point> p = roc.points();
        assertEquals(7, p.size());
        assertEquals(0, p.get(0).tpr());
        assertEquals(2.0 / 3, p.get(2).tpr(), 1e-12); // threshold 0.8
        assertEquals(0, p.get(2).fpr());
        assertEquals(1.0 / 3, p.get(3).fpr(), 1e-12); // threshold 0.7
        assertEquals(1, p.get(6).tpr());
        assertEquals(1, p.get(6).fpr());
        // best J = 2/3 at 0.8 and at 0.6 (TPR 1, FPR 1/3): the first one found is kept
        assertEquals(0.8, roc.best().threshold());
        // a tie between a positive and a negative counts one half
        assertEquals(0.5, Roc.binary(new double[] {0.5, 0.5}, new boolean[] {true, false}).auc(), 1e-12);
        assertTrue(Double.isNaN(Roc.binary(new double[] {0.5}, new boolean[] {true}).auc()));
    }

    @Test
    void oneVsRestAucs() {
        double[][] p = {{0.8, 0.1, 0.1}, {0.2, 0.7, 0.1}, {0.3, 0.3, 0.4}, {0.5, 0.4, 0.1}};
        int[] y = {0, 1, 2, 1};
        List<Roc> rocs = Roc.oneVsRest(p, y);
        // class 0: positive 0.8 vs negatives 0.2, 0.3, 0.5 -> 1
        assertEquals(1.0, rocs.get(0).auc(), 1e-12);
        // class 1: positives 0.7, 0.4 vs negatives 0.1, 0.3 -> 4/4
        assertEquals(1.0, rocs.get(1).auc(), 1e-12);
        // class 2: positive 0.4 vs 0.1, 0.1, 0.1 -> 1
        assertEquals(1.0, rocs.get(2).auc(), 1e-12);
        double[][] q = {{0.4, 0.6}, {0.6, 0.4}, {0.3, 0.7}};
        // class 1 scores: positive (y=1) examples 0 and 2 score 0.6, 0.7; negative 0.4 -> 1; class 0: 0.6 vs 0.4, 0.3 -> 1
        assertEquals(1.0, Roc.macroAuc(Roc.oneVsRest(q, new int[] {1, 0, 1})), 1e-12);
    }

    @Test
    void diceAndIouOfSmallMasks() {
        boolean[] a = {true, true, true, false, false, false};
        boolean[] b = {false, true, true, true, false, false};
        // |A∩B| = 2, |A| = |B| = 3, |A∪B| = 4
        assertEquals(4.0 / 6, SegmentationMetrics.dice(a, b), 1e-12);
        assertEquals(2.0 / 4, SegmentationMetrics.iou(a, b), 1e-12);
        assertEquals(1.0, SegmentationMetrics.dice(new boolean[3], new boolean[3]), "absent from both: agreement");
        SegmentationMetrics m = new SegmentationMetrics(3);
        m.add(new int[] {0, 1, 1, 2, 2, 0}, new int[] {0, 1, 2, 2, 2, 1});
        // label 1: TP 1, FP 1, FN 1 -> Dice 2/4; label 2: TP 2, FP 1, FN 0 -> 4/5
        assertEquals(0.5, m.dice(1), 1e-12);
        assertEquals(0.8, m.dice(2), 1e-12);
        assertEquals((0.5 + 0.8) / 2, m.meanDice(1), 1e-12);
        assertEquals(2.0 / 3, m.iou(2), 1e-12);
    }

    @Test
    void exportsJsonAndCsvAtomically(@TempDir Path dir) throws Exception {
        EvaluationReport r = new EvaluationReport(matrix(), List.of(), null);
        Path json = dir.resolve("eval.json"), csv = dir.resolve("eval.csv");
        r.writeJson(json);
        r.writeCsv(csv);
        String j = Files.readString(json);
        assertTrue(j.contains("\"accuracy\": " + (15.0 / 22)), j);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("class,n,tp,fp,fn,se,ppv,f1,specificity,auc,dice,iou", lines.get(0));
        assertEquals("A,8,5,1,3,0.625000,0.833333,0.714286,0.928571,,,", lines.get(1));
        assertTrue(lines.get(5).startsWith("micro,22,,,,0.681818,0.681818,0.681818"), lines.get(5));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }
}
