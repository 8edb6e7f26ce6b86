package convbench.face.train;

import convbench.core.data.Split;
import convbench.face.FaceAnalyzer;
import convbench.face.FaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One Siamese training run end to end, the headless code behind {@code face train} and the workbench's "Train
 * Siamese…": embed the folder-per-identity set with the frozen dlib ResNet (or read the cache), hold out whole
 * identities, train the head, and evaluate it and the untouched dlib embeddings on the held-out identities' pairs.
 */
public final class SiameseTraining {
    /**
     * @param input {@link FaceFeatures#DLIB}, {@link FaceFeatures#MIDDLE} or {@link FaceFeatures#PIXELS}
     * @param cache embeddings file reused when it matches the folder, input and augmentations (null: embed every time)
     * @param heldOutFraction share of the identities with two photos or more held out for evaluation
     */
    public record Request(Path data, String input, Path cache, int augmentations, double heldOutFraction, SiameseTrainer.Config config) {
    }

    /** A chosen triplet as the triplet view shows it: each member as "identity / photo [augmentation]". */
    public record ChosenTriplet(String anchor, String positive, String negative, double dAP, double dAN, double loss) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("anchor", anchor);
            m.put("positive", positive);
            m.put("negative", negative);
            m.put("dAP", dAP);
            m.put("dAN", dAN);
            m.put("loss", loss);
            return m;
        }
    }

    public record Outcome(SiameseTrainer.Config config, SiameseHead head, List<String> trainIdentities,
            List<String> heldOutIdentities, int trainChips, int heldOutChips, List<String> skipped,
            PairEvaluation.Verification train, PairEvaluation.Verification heldOut,
            PairEvaluation.Verification baselineHeldOut, List<ChosenTriplet> lastTriplets, List<Double> losses) {
    }

    private SiameseTraining() {
    }

    /** The embeddings of the folder, from the cache when it matches, else computed (and cached when asked). */
    public static IdentityFolder.Loaded embeddings(FaceAnalyzer analyzer, Path data, String input, Path cache, int augmentations,
            IdentityFolder.Progress progress, BooleanSupplier cancelled) throws FaceException {
        if (cache != null && Files.isRegularFile(cache)) {
            EmbeddingSet set = EmbeddingSet.load(cache);
            if (set.input().equals(input) && matches(set, data, augmentations))
                return new IdentityFolder.Loaded(set, List.of());
        }
        IdentityFolder.Loaded loaded = IdentityFolder.embed(data, analyzer, input, augmentations, progress, cancelled);
        if (cache != null)
            try {
                loaded.set().save(cache);
            } catch (IOException e) {
                throw new FaceException("cannot write the embedding cache " + cache + ": " + e.getMessage(), e);
            }
        return loaded;
    }

    /** Same identities, every row's photo still there, the same augmentations. */
    static boolean matches(EmbeddingSet set, Path data, int augmentations) throws FaceException {
        List<String> names = new ArrayList<>();
        IdentityFolder.scan(data, names);
        Set<String> augs = new HashSet<>(List.of(set.augmentations()));
        Set<String> wanted = new HashSet<>();
        ChipAugmenter.first(augmentations).forEach(v -> wanted.add(v.name()));
        if (!names.equals(set.identities()) || !augs.equals(wanted))
            return false;
        for (String s : set.sources())
            if (!Files.isRegularFile(data.resolve(s)))
                return false;
        return true;
    }

    /** Identities held out: a seeded share of those with two photos or more (one-photo people always train, as negatives). */
    public static int[] heldOutIdentities(EmbeddingSet set, double fraction, long seed) {
        int[] photos = set.photosPerIdentity();
        List<Integer> multi = new ArrayList<>();
        for (int id = 0; id < photos.length; id++)
            if (photos[id] >= 2)
                multi.add(id);
        if (multi.size() < 3)
            throw new IllegalArgumentException("holding out identities needs three people with two photos or more (two to"
                    + " train, one to test); found " + multi.size());
        int[] groups = multi.stream().mapToInt(Integer::intValue).toArray();
        Split s = Split.byGroup(groups, fraction, seed);
        int[] out = new int[s.validation().length];
        for (int k = 0; k < out.length; k++)
            out[k] = groups[s.validation()[k]];
        return out;
    }

    public static Outcome run(FaceAnalyzer analyzer, Request r, SiameseListener listener, IdentityFolder.Progress progress)
            throws Exception {
        IdentityFolder.Loaded loaded = embeddings(analyzer, r.data(), r.input(), r.cache(), r.augmentations(), progress, listener::isCancelled);
        return train(loaded.set(), loaded.skipped(), r.heldOutFraction(), r.config(), listener);
    }

    /** Split by identity, train, evaluate; the baseline is the held-out pairs' distance on the input itself (no head). */
    public static Outcome train(EmbeddingSet all, List<String> skipped, double heldOutFraction, SiameseTrainer.Config c,
            SiameseListener listener) throws Exception {
        return train(all, skipped, heldOutIdentities(all, heldOutFraction, c.seed()), c, listener, true);
    }

    /**
     * As above with the held-out identities given (e.g. one split of several that a comparison runs every mode on);
     * {@code heldOutEachEpoch} false skips the per-epoch held-out figures meant for a live chart (the outcome's are
     * still computed once at the end).
     */
    public static Outcome train(EmbeddingSet all, List<String> skipped, int[] held, SiameseTrainer.Config c,
            SiameseListener listener, boolean heldOutEachEpoch) throws Exception {
        Set<Integer> heldSet = new HashSet<>();
        for (int h : held)
            heldSet.add(h);
        int[] kept = java.util.stream.IntStream.range(0, all.identities().size()).filter(i -> !heldSet.contains(i)).toArray();
        EmbeddingSet train = all.ofIdentities(kept), test = all.ofIdentities(held);
        List<Double> losses = new ArrayList<>();
        SiameseListener.Iteration[] last = new SiameseListener.Iteration[1];
        SiameseHead head = SiameseTrainer.train(c, train, heldOutEachEpoch ? test : null, new SiameseListener() {
            @Override
            public boolean isCancelled() {
                return listener.isCancelled();
            }

            @Override
            public void onStart(EmbeddingSet trainRows, EmbeddingSet heldOutRows) {
                listener.onStart(trainRows, heldOutRows);
            }

            @Override
            public void onIteration(Iteration it) {
                losses.add(it.loss());
                if (!it.triplets().isEmpty())
                    last[0] = it;
                listener.onIteration(it);
            }

            @Override
            public void onEpoch(Epoch e) {
                listener.onEpoch(e);
            }
        });
        return new Outcome(c, head, train.presentIdentities(), test.presentIdentities(), train.size(), test.size(), skipped,
                PairEvaluation.evaluate(head, train), PairEvaluation.evaluate(head, test), PairEvaluation.evaluate(null, test),
                chosen(last[0], train, c.alpha(), 5), losses);
    }

    /** The {@code count} hardest triplets (largest L) of an iteration, named. */
    public static List<ChosenTriplet> chosen(SiameseListener.Iteration it, EmbeddingSet train, double alpha, int count) {
        if (it == null)
            return List.of();
        return it.triplets().stream().sorted(Comparator.comparingDouble((Triplet t) -> -t.loss(alpha))
                .thenComparingInt(Triplet::anchor)).limit(count).map(t -> new ChosenTriplet(
                        label(train, it.batch()[t.anchor()]), label(train, it.batch()[t.positive()]),
                        label(train, it.batch()[t.negative()]), t.dAP(), t.dAN(), t.loss(alpha))).toList();
    }

    static String label(EmbeddingSet set, int row) {
        return set.identities().get(set.labels()[row]) + " / " + set.sources()[row] + " [" + set.augmentations()[row] + "]";
    }
}
