package convbench.face.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Batch-hard vs semi-hard vs random triplets vs the binary head, measured so that one lucky split cannot decide it:
 * every mode is trained on the same identity splits with the same seeds (same initial weights, same batch draws
 * where the mode allows), and evaluated on the held-out identities' pairs only. Reports each mode's held-out ROC AUC
 * as mean, standard deviation, min and max over all (split, seed) runs, and each mode's paired difference to random
 * triplets. Nothing is chosen on the held-out pairs: every run trains for the configured epochs and is scored once.
 */
public final class MiningComparison {
    public static final List<String> MODES = List.of("batch-hard", "semi-hard", "random", "binary");

    /** One training run: its mode, split, seed, held-out people and AUCs (train pairs, held-out pairs, input alone). */
    public record Run(String mode, int split, long seed, List<String> heldOut, double trainAuc, double heldOutAuc,
            double inputAlone, double lastActive) {
    }

    /** A mode over all runs; {@code vsRandom*} are paired differences (this mode minus random on the same split and seed). */
    public record Summary(String mode, int runs, double mean, double sd, double min, double max, double trainMean,
            double vsRandomMean, double vsRandomSd, int winsVsRandom) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", mode);
            m.put("runs", runs);
            m.put("heldOutAucMean", mean);
            m.put("heldOutAucSd", sd);
            m.put("heldOutAucMin", min);
            m.put("heldOutAucMax", max);
            m.put("trainAucMean", trainMean);
            if (!Double.isNaN(vsRandomMean)) {
                m.put("minusRandomMean", vsRandomMean);
                m.put("minusRandomSd", vsRandomSd);
                m.put("winsOverRandom", winsVsRandom);
            }
            return m;
        }
    }

    public record Result(List<List<String>> splits, List<Run> runs, List<Summary> summaries, double inputAloneMean) {
    }

    @FunctionalInterface
    public interface Progress {
        void report(int done, int total, Run last);
    }

    private MiningComparison() {
    }

    /**
     * The first {@code count} distinct held-out identity sets that split seeds 1, 2, ... give (fewer when the
     * people do not allow that many).
     */
    public static List<int[]> splits(EmbeddingSet all, double fraction, int count) {
        List<int[]> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (long s = 1; out.size() < count && s <= 50L * count; s++) {
            int[] held = SiameseTraining.heldOutIdentities(all, fraction, s);
            Arrays.sort(held);
            if (seen.add(Arrays.toString(held)))
                out.add(held);
        }
        return out;
    }

    /** The configuration of a mode ("batch-hard", "semi-hard", "random" or "binary") on top of {@code base}, with {@code seed}. */
    public static SiameseTrainer.Config config(SiameseTrainer.Config base, String mode, long seed) {
        boolean binary = mode.equals("binary");
        return new SiameseTrainer.Config(binary ? SiameseHead.Loss.BINARY : SiameseHead.Loss.TRIPLET,
                binary ? base.mining() : Mining.fromId(mode), base.layers(), base.normalise(), base.alpha(), base.learningRate(),
                base.epochs(), base.identitiesPerBatch(), base.chipsPerIdentity(), seed);
    }

    public static Result run(EmbeddingSet all, double fraction, int splitCount, int seeds, SiameseTrainer.Config base,
            List<String> modes, Progress progress, BooleanSupplier cancelled) throws Exception {
        for (String m : modes)
            if (!MODES.contains(m))
                throw new IllegalArgumentException("unknown mode '" + m + "': " + String.join(", ", MODES));
        if (seeds < 1 || splitCount < 1)
            throw new IllegalArgumentException("at least one split and one seed");
        List<int[]> splits = splits(all, fraction, splitCount);
        List<Run> runs = new ArrayList<>();
        int total = splits.size() * seeds * modes.size();
        SiameseListener stop = new SiameseListener() {
            @Override
            public boolean isCancelled() {
                return cancelled.getAsBoolean();
            }
        };
        for (int s = 0; s < splits.size(); s++)
            for (long seed = 1; seed <= seeds; seed++)
                for (String mode : modes) {
                    if (cancelled.getAsBoolean())
                        throw new CancellationException("comparison cancelled");
                    double[] lastActive = {Double.NaN};
                    SiameseListener l = new SiameseListener() {
                        @Override
                        public boolean isCancelled() {
                            return stop.isCancelled();
                        }

                        @Override
                        public void onIteration(Iteration it) {
                            lastActive[0] = it.active();
                        }
                    };
                    SiameseTraining.Outcome o = SiameseTraining.train(all, List.of(), splits.get(s), config(base, mode, seed), l, false);
                    Run r = new Run(mode, s + 1, seed, o.heldOutIdentities(), o.train().auc(), o.heldOut().auc(),
                            o.baselineHeldOut().auc(), lastActive[0]);
                    runs.add(r);
                    progress.report(runs.size(), total, r);
                }
        List<List<String>> names = splits.stream().map(h -> Arrays.stream(h).mapToObj(all.identities()::get).toList()).toList();
        double alone = runs.stream().filter(r -> r.mode().equals(modes.get(0))).mapToDouble(Run::inputAlone).average().orElse(Double.NaN);
        return new Result(names, runs, modes.stream().map(m -> summary(m, runs)).toList(), alone);
    }

    static Summary summary(String mode, List<Run> runs) {
        double[] auc = runs.stream().filter(r -> r.mode().equals(mode)).mapToDouble(Run::heldOutAuc).toArray();
        double trainMean = runs.stream().filter(r -> r.mode().equals(mode)).mapToDouble(Run::trainAuc).average().orElse(Double.NaN);
        List<Double> diff = new ArrayList<>();
        int wins = 0;
        if (!mode.equals("random"))
            for (Run r : runs)
                if (r.mode().equals(mode))
                    for (Run q : runs)
                        if (q.mode().equals("random") && q.split() == r.split() && q.seed() == r.seed()) {
                            diff.add(r.heldOutAuc() - q.heldOutAuc());
                            if (r.heldOutAuc() > q.heldOutAuc())
                                wins++;
                        }
        double[] d = diff.stream().mapToDouble(Double::doubleValue).toArray();
        return new Summary(mode, auc.length, mean(auc), sd(auc), Arrays.stream(auc).min().orElse(Double.NaN),
                Arrays.stream(auc).max().orElse(Double.NaN), trainMean, d.length == 0 ? Double.NaN : mean(d),
                d.length == 0 ? Double.NaN : sd(d), wins);
    }

    static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).sum() / v.length;
    }

    /** Sample standard deviation (n - 1); 0 for a single value. */
    static double sd(double[] v) {
        if (v.length < 2)
            return 0;
        double m = mean(v), s = 0;
        for (double x : v)
            s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }
}
