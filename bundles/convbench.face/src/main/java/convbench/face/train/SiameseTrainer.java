package convbench.face.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a {@link SiameseHead} on precomputed dlib embeddings with Adam. Batches are "P identities x K chips" (so
 * that every anchor has positives and negatives in its batch, which online mining needs). Triplet loss: each batch is
 * encoded with the current weights, the triplets are chosen on those distances ({@link Mining}), then J = sum of
 * L(A,P,N) is minimised. Binary: every same-person pair of the batch plus as many different-person pairs drawn at
 * random, logistic loss on y = sigma(sum_k w_k |f_ik - f_jk| + b).
 */
public final class SiameseTrainer {
    /**
     * @param layers encoder layer sizes on the 128-d input, the last the output dimension (e.g. {64})
     * @param alpha the triplet margin
     */
    public record Config(SiameseHead.Loss loss, Mining mining, int[] layers, boolean normalise, double alpha,
            double learningRate, int epochs, int identitiesPerBatch, int chipsPerIdentity, long seed) {
        public Config {
            if (epochs < 1 || identitiesPerBatch < 2 || chipsPerIdentity < 2)
                throw new IllegalArgumentException("epochs >= 1, identities per batch >= 2 and chips per identity >= 2");
            if (!(learningRate > 0) || !(alpha >= 0))
                throw new IllegalArgumentException("the learning rate must be positive and alpha not negative");
        }

        /** The defaults: 128 -> 64, L2-normalised, alpha 0.2, Adam 1e-3, 30 epochs, batches of 4 identities x 8 chips. */
        public static Config defaults(SiameseHead.Loss loss, Mining mining, long seed) {
            return new Config(loss, mining, new int[] {64}, true, 0.2, 1e-3, 30, 4, 8, seed);
        }

        public Config withEpochs(int n) {
            return new Config(loss, mining, layers, normalise, alpha, learningRate, n, identitiesPerBatch, chipsPerIdentity, seed);
        }
    }

    private SiameseTrainer() {
    }

    /**
     * @param heldOut evaluated after every epoch for the listener only (never used to pick weights); may be null
     */
    public static SiameseHead train(Config c, EmbeddingSet train, EmbeddingSet heldOut, SiameseListener listener)
            throws Exception {
        SiameseHead head = SiameseHead.initial(c.loss(), train.dimensions(), c.layers(), c.normalise(), c.seed());
        head.input = train.input();
        SiameseGraph g = SiameseGraph.forTraining(head, c.alpha());
        Random random = new Random(c.seed() ^ 0x5DEECE66DL);
        List<int[]> byId = rowsByIdentity(train);
        int usable = (int) byId.stream().filter(r -> r.length >= 2).count();
        if (usable < 1 || byId.stream().filter(r -> r.length > 0).count() < 2)
            throw new IllegalArgumentException("training needs two identities or more, one of them with two chips or more");
        listener.onStart(train, heldOut);
        int batchRows = Math.min(c.identitiesPerBatch(), byId.size()) * c.chipsPerIdentity();
        int perEpoch = Math.max(1, (int) Math.ceil((double) train.size() / batchRows));
        long it = 0;
        for (int epoch = 1; epoch <= c.epochs(); epoch++) {
            double sum = 0;
            for (int b = 0; b < perEpoch; b++) {
                if (listener.isCancelled())
                    throw new CancellationException("training cancelled at epoch " + epoch);
                int[] rows = batch(byId, c, random);
                float[][] x = new float[rows.length][];
                int[] labels = new int[rows.length];
                for (int k = 0; k < rows.length; k++) {
                    x[k] = train.embeddings()[rows[k]];
                    labels[k] = train.labels()[rows[k]];
                }
                List<Triplet> triplets = List.of();
                Map<String, INDArray> ph;
                double active;
                if (c.loss() == SiameseHead.Loss.TRIPLET) {
                    triplets = c.mining().select(Mining.squaredDistances(g.encode(x)), labels, random);
                    if (triplets.isEmpty())
                        continue;
                    active = triplets.stream().filter(t -> t.loss(c.alpha()) > 0).count() / (double) triplets.size();
                    ph = SiameseGraph.triplets(x, triplets);
                } else {
                    int[][] p = pairs(labels, random);
                    boolean[] same = new boolean[p[0].length];
                    for (int k = 0; k < same.length; k++)
                        same[k] = labels[p[0][k]] == labels[p[1][k]];
                    double[] y = g.probabilities(x, p[0], p[1]);
                    int wrong = 0;
                    for (int k = 0; k < y.length; k++)
                        if ((y[k] >= 0.5) != same[k])
                            wrong++;
                    active = (double) wrong / y.length;
                    ph = SiameseGraph.pairs(x, p[0], p[1], same);
                }
                double loss = g.step(ph, c.learningRate());
                sum += loss;
                listener.onIteration(new SiameseListener.Iteration(epoch, ++it, perEpoch, loss, active, triplets, rows));
            }
            PairEvaluation.Verification v = null;
            if (heldOut != null) {
                g.copyInto(head);
                v = PairEvaluation.evaluate(head, heldOut);
            }
            listener.onEpoch(new SiameseListener.Epoch(epoch, sum / perEpoch, v));
        }
        g.copyInto(head);
        head.threshold = PairEvaluation.evaluate(head, train).threshold();
        return head;
    }

    static List<int[]> rowsByIdentity(EmbeddingSet set) {
        List<List<Integer>> rows = new ArrayList<>();
        for (int k = 0; k < set.identities().size(); k++)
            rows.add(new ArrayList<>());
        for (int r = 0; r < set.size(); r++)
            rows.get(set.labels()[r]).add(r);
        return rows.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
    }

    /** P identities that have two chips or more (and, when too few of those, others as negatives), K chips each. */
    static int[] batch(List<int[]> byId, Config c, Random random) {
        List<Integer> multi = new ArrayList<>(), single = new ArrayList<>();
        for (int id = 0; id < byId.size(); id++)
            if (byId.get(id).length >= 2)
                multi.add(id);
            else if (byId.get(id).length == 1)
                single.add(id);
        java.util.Collections.shuffle(multi, random);
        java.util.Collections.shuffle(single, random);
        List<Integer> ids = new ArrayList<>(multi.subList(0, Math.min(c.identitiesPerBatch(), multi.size())));
        for (int k = 0; ids.size() < Math.max(2, Math.min(c.identitiesPerBatch(), byId.size())) && k < single.size(); k++)
            ids.add(single.get(k));
        List<Integer> rows = new ArrayList<>();
        for (int id : ids) {
            int[] r = byId.get(id).clone();
            for (int k = r.length - 1; k > 0; k--) { // partial Fisher-Yates: K distinct chips
                int s = random.nextInt(k + 1);
                int t = r[k];
                r[k] = r[s];
                r[s] = t;
            }
            for (int k = 0; k < Math.min(c.chipsPerIdentity(), r.length); k++)
                rows.add(r[k]);
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every same-identity pair of the batch and as many different-identity pairs drawn at random: [i[], j[]]. */
    static int[][] pairs(int[] labels, Random random) {
        List<int[]> same = new ArrayList<>(), diff = new ArrayList<>();
        for (int a = 0; a < labels.length; a++)
            for (int b = a + 1; b < labels.length; b++)
                (labels[a] == labels[b] ? same : diff).add(new int[] {a, b});
        java.util.Collections.shuffle(diff, random);
        List<int[]> all = new ArrayList<>(same);
        all.addAll(diff.subList(0, Math.min(diff.size(), Math.max(1, same.size()))));
        int[][] out = new int[2][all.size()];
        for (int k = 0; k < all.size(); k++) {
            out[0][k] = all.get(k)[0];
            out[1][k] = all.get(k)[1];
        }
        return out;
    }

    /** e.g. "triplet (batch-hard, alpha 0.2), encoder 128 -> [64] L2-normalised". */
    public static String describe(Config c) {
        return c.loss().id() + (c.loss() == SiameseHead.Loss.TRIPLET ? " (" + c.mining().id() + ", alpha " + c.alpha() + ")" : "")
                + ", encoder -> " + Arrays.toString(c.layers()) + (c.normalise() ? " L2-normalised" : "");
    }
}
