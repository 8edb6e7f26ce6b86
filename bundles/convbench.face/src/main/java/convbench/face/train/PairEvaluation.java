package convbench.face.train;

import convbench.core.eval.Roc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verification quality on every pair of an {@link EmbeddingSet}: ROC (core's {@link Roc}), AUC, the best threshold
 * (Youden's J) and the accuracy there. Pairs of two chips of the same photo (augmentations of one image) are left
 * out: they would be trivially "same". Scores are "higher = more alike": -d for distances, y for a binary head; the
 * threshold is reported on the metric's own scale (tau on d = ||f1-f2||^2: same when d <= tau; on y: same when
 * y >= tau).
 */
public final class PairEvaluation {
    /** The outcome; {@code metric} is "squared-euclidean" or "probability". */
    public record Verification(double auc, double threshold, double accuracy, int positives, int negatives, String metric,
            Roc roc) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("auc", auc);
            m.put("bestThreshold", threshold);
            m.put("metric", metric);
            m.put("accuracy", accuracy);
            m.put("positivePairs", positives);
            m.put("negativePairs", negatives);
            return m;
        }
    }

    /** Indices of the pairs evaluated, and whether each is one person. */
    public record Pairs(int[] i, int[] j, boolean[] same) {
    }

    private PairEvaluation() {
    }

    public static Pairs pairs(EmbeddingSet set) {
        List<int[]> p = new ArrayList<>();
        for (int a = 0; a < set.size(); a++)
            for (int b = a + 1; b < set.size(); b++)
                if (!set.sources()[a].equals(set.sources()[b]))
                    p.add(new int[] {a, b});
        int[] i = new int[p.size()], j = new int[p.size()];
        boolean[] same = new boolean[p.size()];
        for (int k = 0; k < i.length; k++) {
            i[k] = p.get(k)[0];
            j[k] = p.get(k)[1];
            same[k] = set.labels()[i[k]] == set.labels()[j[k]];
        }
        return new Pairs(i, j, same);
    }

    /** The head's verification on the set's pairs; {@code head == null} measures the dlib embeddings as they are. */
    public static Verification evaluate(SiameseHead head, EmbeddingSet set) throws Exception {
        Pairs p = pairs(set);
        double[] scores;
        if (head != null) {
            scores = head.pairScores(set.embeddings(), p.i(), p.j());
        } else {
            scores = new double[p.i().length];
            for (int k = 0; k < scores.length; k++)
                scores[k] = -SiameseHead.squared(set.embeddings()[p.i()[k]], set.embeddings()[p.j()[k]]);
        }
        boolean distance = head == null || head.loss() == SiameseHead.Loss.TRIPLET;
        return of(scores, p.same(), distance);
    }

    /** ROC, AUC and accuracy at the best threshold of scores (higher = same); {@code distance}: scores are -d. */
    public static Verification of(double[] scores, boolean[] same, boolean distance) {
        int pos = 0;
        for (boolean s : same)
            if (s)
                pos++;
        if (pos == 0 || pos == same.length)
            throw new IllegalArgumentException("verification needs both same-person and different-person pairs (got "
                    + pos + " same of " + same.length + "); each held-out person needs two photos or more");
        Roc roc = Roc.binary(scores, same);
        double t = roc.best().threshold();
        int correct = 0;
        for (int k = 0; k < scores.length; k++)
            if ((scores[k] >= t) == same[k])
                correct++;
        return new Verification(roc.auc(), distance ? -t : t, (double) correct / scores.length, pos, same.length - pos,
                distance ? "squared-euclidean" : "probability", roc);
    }
}
