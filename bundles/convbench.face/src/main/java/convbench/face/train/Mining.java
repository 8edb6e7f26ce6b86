package convbench.face.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How triplets are chosen from a batch of embeddings (online: on the distances of the current encoder). The seed:
 * "if A, P, N are chosen randomly, d(A,P) + alpha <= d(A,N) is easily satisfied. Therefore, choose triplets that are
 * hard to train on".
 */
public enum Mining {
    /** For every anchor: its farthest positive and its nearest negative (Hermans et al. 2017, "batch hard"). */
    BATCH_HARD("batch-hard"),
    /**
     * For every positive pair (A,P): the nearest negative farther than P, d(A,P) < d(A,N) (FaceNet's semi-hard;
     * inside the margin it gives a loss); when no negative is farther than P, the farthest negative (as
     * TensorFlow Addons' triplet_semihard_loss does).
     */
    SEMI_HARD("semi-hard"),
    /** For every positive pair (A,P): a negative drawn at random, the baseline the seed warns about. */
    RANDOM("random");

    private final String id;

    Mining(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Mining fromId(String id) {
        for (Mining m : values())
            if (m.id.equals(id.toLowerCase(Locale.ROOT)))
                return m;
        throw new IllegalArgumentException("unknown triplet mining '" + id + "': batch-hard, semi-hard or random");
    }

    /** Squared Euclidean distances of every row to every row. */
    public static double[][] squaredDistances(float[][] e) {
        int n = e.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < e[i].length; k++) {
                    double t = e[i][k] - e[j][k];
                    s += t * t;
                }
                d[i][j] = s;
                d[j][i] = s;
            }
        return d;
    }

    /**
     * The triplets of one batch.
     *
     * @param d squared distances of the batch's embeddings ({@link #squaredDistances})
     * @param labels the identity of every row
     * @param random used by {@link #RANDOM} only
     */
    public List<Triplet> select(double[][] d, int[] labels, Random random) {
        int n = labels.length;
        if (d.length != n)
            throw new IllegalArgumentException(d.length + " distance rows for " + n + " labels");
        List<Triplet> out = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            List<Integer> negatives = new ArrayList<>();
            for (int j = 0; j < n; j++)
                if (labels[j] != labels[a])
                    negatives.add(j);
            if (negatives.isEmpty())
                continue;
            if (this == BATCH_HARD) {
                int p = -1, neg = -1;
                for (int j = 0; j < n; j++)
                    if (j != a && labels[j] == labels[a] && (p < 0 || d[a][j] > d[a][p]))
                        p = j;
                for (int j : negatives)
                    if (neg < 0 || d[a][j] < d[a][neg])
                        neg = j;
                if (p >= 0)
                    out.add(new Triplet(a, p, neg, d[a][p], d[a][neg]));
                continue;
            }
            for (int p = 0; p < n; p++) {
                if (p == a || labels[p] != labels[a])
                    continue;
                int neg;
                if (this == RANDOM) {
                    neg = negatives.get(random.nextInt(negatives.size()));
                } else {
                    int outside = -1, farthest = -1;
                    for (int j : negatives) {
                        if (d[a][j] > d[a][p] && (outside < 0 || d[a][j] < d[a][outside]))
                            outside = j;
                        if (farthest < 0 || d[a][j] > d[a][farthest])
                            farthest = j;
                    }
                    neg = outside >= 0 ? outside : farthest;
                }
                out.add(new Triplet(a, p, neg, d[a][p], d[a][neg]));
            }
        }
        return out;
    }
}
