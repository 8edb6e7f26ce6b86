package convbench.core.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Counts of (actual, predicted) class pairs; rows are the actual class, columns the prediction. Per-class
 * sensitivity Se = TP/(TP+FN), positive predictivity +P = TP/(TP+FP), F1 = 2 Se +P/(Se + +P); macro averages are
 * the mean over classes that occur (actual or predicted), micro averages pool the counts (for single-label data
 * micro Se = micro +P = micro F1 = accuracy). A ratio with a zero denominator is NaN.
 */
public final class ConfusionMatrix {
    private final List<String> classNames;
    private final long[][] counts;

    public ConfusionMatrix(List<String> classNames) {
        if (classNames.size() < 2)
            throw new IllegalArgumentException("a confusion matrix needs at least two classes, got " + classNames);
        this.classNames = List.copyOf(classNames);
        this.counts = new long[classNames.size()][classNames.size()];
    }

    public static ConfusionMatrix ofClasses(int k) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++)
            names.add(Integer.toString(i));
        return new ConfusionMatrix(names);
    }

    /** From counts (rows actual, columns predicted). */
    public static ConfusionMatrix of(List<String> classNames, long[][] counts) {
        ConfusionMatrix m = new ConfusionMatrix(classNames);
        for (int a = 0; a < counts.length; a++)
            for (int p = 0; p < counts[a].length; p++)
                m.add(a, p, counts[a][p]);
        return m;
    }

    public void add(int actual, int predicted) {
        add(actual, predicted, 1);
    }

    public void add(int actual, int predicted, long n) {
        int k = counts.length;
        if (actual < 0 || actual >= k || predicted < 0 || predicted >= k)
            throw new IllegalArgumentException("class out of range 0.." + (k - 1) + ": actual " + actual + ", predicted " + predicted);
        counts[actual][predicted] += n;
    }

    /**
     * Adds a batch: labels and predictions [N, K] (one-hot / probabilities) or per position [N, K, ...]; the class is
     * the arg-max over axis 1 (for K = 1, the sigmoid output thresholded at 0.5 gives classes 0/1).
     */
    public void add(INDArray labels, INDArray predictions) {
        int[] actual = Classes.argMax(labels);
        int[] predicted = Classes.argMax(predictions);
        if (actual.length != predicted.length)
            throw new IllegalArgumentException("labels " + java.util.Arrays.toString(labels.shape()) + " and predictions "
                    + java.util.Arrays.toString(predictions.shape()) + " differ");
        for (int i = 0; i < actual.length; i++)
            add(actual[i], predicted[i]);
    }

    public void addAll(ConfusionMatrix other) {
        for (int a = 0; a < counts.length; a++)
            for (int p = 0; p < counts.length; p++)
                counts[a][p] += other.counts[a][p];
    }

    public List<String> classNames() {
        return classNames;
    }

    public int classes() {
        return counts.length;
    }

    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public long[][] counts() {
        long[][] c = new long[counts.length][];
        for (int i = 0; i < c.length; i++)
            c[i] = counts[i].clone();
        return c;
    }

    public long total() {
        long t = 0;
        for (long[] row : counts)
            for (long v : row)
                t += v;
        return t;
    }

    public long truePositives(int c) {
        return counts[c][c];
    }

    /** Examples of class c predicted as another class. */
    public long falseNegatives(int c) {
        long n = 0;
        for (int p = 0; p < counts.length; p++)
            if (p != c)
                n += counts[c][p];
        return n;
    }

    /** Examples of other classes predicted as c. */
    public long falsePositives(int c) {
        long n = 0;
        for (int a = 0; a < counts.length; a++)
            if (a != c)
                n += counts[a][c];
        return n;
    }

    /** Number of examples whose actual class is c. */
    public long support(int c) {
        return truePositives(c) + falseNegatives(c);
    }

    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++)
            correct += counts[c][c];
        return ratio(correct, total());
    }

    public double sensitivity(int c) {
        return ratio(truePositives(c), truePositives(c) + falseNegatives(c));
    }

    public double positivePredictivity(int c) {
        return ratio(truePositives(c), truePositives(c) + falsePositives(c));
    }

    /** TN/(TN+FP). */
    public double specificity(int c) {
        long tn = total() - truePositives(c) - falseNegatives(c) - falsePositives(c);
        return ratio(tn, tn + falsePositives(c));
    }

    /** 2TP/(2TP+FP+FN), which equals the harmonic mean of Se and +P. */
    public double f1(int c) {
        return ratio(2 * truePositives(c), 2 * truePositives(c) + falsePositives(c) + falseNegatives(c));
    }

    public double macroSensitivity() {
        return macro(this::sensitivity);
    }

    public double macroPositivePredictivity() {
        return macro(this::positivePredictivity);
    }

    public double macroF1() {
        return macro(this::f1);
    }

    public double microSensitivity() {
        long tp = 0, fn = 0;
        for (int c = 0; c < counts.length; c++) {
            tp += truePositives(c);
            fn += falseNegatives(c);
        }
        return ratio(tp, tp + fn);
    }

    public double microPositivePredictivity() {
        long tp = 0, fp = 0;
        for (int c = 0; c < counts.length; c++) {
            tp += truePositives(c);
            fp += falsePositives(c);
        }
        return ratio(tp, tp + fp);
    }

    public double microF1() {
        double se = microSensitivity(), ppv = microPositivePredictivity();
        return 2 * se * ppv / (se + ppv);
    }

    /** Per-class and averaged figures as a JSON-ready map (NaN where undefined). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classes", classNames);
        m.put("confusion", counts());
        m.put("total", total());
        m.put("accuracy", accuracy());
        Map<String, Object> per = new LinkedHashMap<>();
        for (int c = 0; c < counts.length; c++) {
            Map<String, Object> pc = new LinkedHashMap<>();
            pc.put("se", sensitivity(c));
            pc.put("ppv", positivePredictivity(c));
            pc.put("f1", f1(c));
            pc.put("specificity", specificity(c));
            pc.put("tp", truePositives(c));
            pc.put("fp", falsePositives(c));
            pc.put("fn", falseNegatives(c));
            pc.put("n", support(c));
            per.put(classNames.get(c), pc);
        }
        m.put("perClass", per);
        m.put("macro", Map.of("se", macroSensitivity(), "ppv", macroPositivePredictivity(), "f1", macroF1()));
        m.put("micro", Map.of("se", microSensitivity(), "ppv", microPositivePredictivity(), "f1", microF1()));
        return m;
    }

    private double macro(java.util.function.IntToDoubleFunction f) {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < counts.length; c++) {
            if (support(c) == 0 && falsePositives(c) == 0)
                continue;
            double v = f.applyAsDouble(c);
            // a class that occurs but is never predicted has +P undefined: it counts as 0 in the mean
            sum += Double.isNaN(v) ? 0 : v;
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static double ratio(long num, long den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }
}
