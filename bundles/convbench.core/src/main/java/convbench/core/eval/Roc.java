package convbench.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A receiver operating characteristic curve from scores: one point per distinct threshold (predict positive when
 * score >= threshold), from (0, 0) to (1, 1). The AUC is the trapezoid area, which equals the probability that a
 * random positive scores above a random negative, ties counting one half (Mann-Whitney U / (P N)).
 */
public final class Roc {
    /** One operating point. */
    public record Point(double threshold, double fpr, double tpr) {
    }

    private final List<Point> points;
    private final long positives;
    private final long negatives;

    private Roc(List<Point> points, long positives, long negatives) {
        this.points = List.copyOf(points);
        this.positives = positives;
        this.negatives = negatives;
    }

    public static Roc binary(double[] scores, boolean[] positive) {
        if (scores.length != positive.length)
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " labels");
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            if (Double.isNaN(scores[i]))
                throw new IllegalArgumentException("score " + i + " is NaN");
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        long p = 0, n = 0;
        for (boolean b : positive)
            if (b)
                p++;
            else
                n++;
        List<Point> pts = new ArrayList<>();
        pts.add(new Point(Double.POSITIVE_INFINITY, 0, 0));
        long tp = 0, fp = 0;
        for (int k = 0; k < order.length;) {
            double t = scores[order[k]];
            while (k < order.length && scores[order[k]] == t) {
                if (positive[order[k]])
                    tp++;
                else
                    fp++;
                k++;
            }
            pts.add(new Point(t, n == 0 ? Double.NaN : (double) fp / n, p == 0 ? Double.NaN : (double) tp / p));
        }
        return new Roc(pts, p, n);
    }

    public List<Point> points() {
        return points;
    }

    public long positives() {
        return positives;
    }

    public long negatives() {
        return negatives;
    }

    /** NaN when there are no positives or no negatives. */
    public double auc() {
        if (positives == 0 || negatives == 0)
            return Double.NaN;
        double area = 0;
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1), b = points.get(i);
            area += (b.fpr() - a.fpr()) * (a.tpr() + b.tpr()) / 2;
        }
        return area;
    }

    /** The point that maximises Youden's J = TPR - FPR (the customary "best threshold"); ties keep the higher threshold. */
    public Point best() {
        Point best = points.get(0);
        for (Point pt : points)
            // rounding must not break a tie (1 - 1/3 exceeds 2/3 - 0 in doubles)
            if (pt.tpr() - pt.fpr() > best.tpr() - best.fpr() + 1e-12)
                best = pt;
        return best;
    }

    /** The highest TPR at a false-positive rate not above {@code maxFpr}. */
    public double tprAtFpr(double maxFpr) {
        double tpr = 0;
        for (Point pt : points)
            if (pt.fpr() <= maxFpr)
                tpr = Math.max(tpr, pt.tpr());
        return tpr;
    }

    /**
     * One-vs-rest curves of a multi-class problem.
     *
     * @param probabilities [example][class]
     * @param labels the actual class of every example
     */
    public static List<Roc> oneVsRest(double[][] probabilities, int[] labels) {
        if (probabilities.length != labels.length)
            throw new IllegalArgumentException(probabilities.length + " score rows for " + labels.length + " labels");
        int k = probabilities.length == 0 ? 0 : probabilities[0].length;
        List<Roc> rocs = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            double[] s = new double[labels.length];
            boolean[] pos = new boolean[labels.length];
            for (int i = 0; i < labels.length; i++) {
                s[i] = probabilities[i][c];
                pos[i] = labels[i] == c;
            }
            rocs.add(binary(s, pos));
        }
        return rocs;
    }

    /** Mean AUC over the classes whose AUC is defined (both positives and negatives present). */
    public static double macroAuc(List<Roc> rocs) {
        return rocs.stream().mapToDouble(Roc::auc).filter(a -> !Double.isNaN(a)).average().orElse(Double.NaN);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auc", auc());
        m.put("positives", positives);
        m.put("negatives", negatives);
        Point b = best();
        m.put("bestThreshold", b.threshold());
        m.put("fpr", points.stream().mapToDouble(Point::fpr).toArray());
        m.put("tpr", points.stream().mapToDouble(Point::tpr).toArray());
        m.put("thresholds", points.stream().mapToDouble(Point::threshold).toArray());
        return m;
    }
}
