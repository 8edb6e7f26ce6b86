package convbench.ekg.classify;

import convbench.core.data.Sampling;
import convbench.core.data.Split;
import convbench.ekg.AamiClass;
import convbench.ekg.BeatWindows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The two standard MIT-BIH evaluation protocols (mitdb README).
 * <ul>
 * <li>{@link #INTRA} (intra-patient): the beats of all records shuffled, 80 % train / 20 % test with a fixed seed;
 * beats of one patient are on both sides, so it is the easy one. Early stopping watches a random 10 % of the
 * training part.</li>
 * <li>{@link #INTER} (inter-patient, de Chazal et al. 2004): train on DS1, test on DS2, paced records excluded. Every
 * choice is made on DS1 alone: early stopping watches records of DS1 left out of training ({@link Split#byGroup}),
 * DS2 is only read for the final test.</li>
 * </ul>
 * <b>Development runs</b> ({@code dev}): the test set is the validation set (inter: the held-out DS1 records; intra:
 * the 10 % of the training part) and the real test set is never read, so settings can be compared without looking at
 * it (inter: DS2 stays unseen until a final configuration is run once without {@code dev}).
 */
public enum Protocol {
    INTRA, INTER;

    /** Fraction of the beats (intra) that is the test set. */
    public static final double INTRA_TEST_FRACTION = 0.2;
    /** Fraction of the training part (intra) or of the DS1 records (inter) held out for early stopping. */
    public static final double VALIDATION_FRACTION = 0.1, INTER_VALIDATION_RECORDS = 0.2;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Protocol parse(String s) {
        for (Protocol p : values())
            if (p.id().equalsIgnoreCase(s))
                return p;
        throw new IllegalArgumentException("unknown protocol '" + s + "' (expected intra or inter)");
    }

    /**
     * Train/validation/test beats of a protocol, and what was left out.
     *
     * @param dev true when {@code test} is the validation set (a development run; the real test set was not read)
     */
    public record Data(Protocol protocol, BeatDataset train, BeatDataset validation, BeatDataset test, long seed,
            List<String> trainRecords, List<String> testRecords, int trainBeatsBeforeSubsampling, boolean dev) {
    }

    /**
     * How the training data is held out.
     *
     * @param validationRecords inter: the DS1 records left out of training for early stopping, or null for a seeded
     *                          random {@value #INTER_VALIDATION_RECORDS} of them; must be null for intra
     * @param dev               a development run (see the class comment)
     */
    public record Holdout(List<String> validationRecords, boolean dev) {
        public static final Holdout DEFAULT = new Holdout(null, false);
    }

    /**
     * The records this protocol reads from a folder: intra uses {@code records} (default: every record with .atr),
     * inter uses DS1 and DS2 restricted to {@code records} when given, without the paced records.
     *
     * @return {train records, test records}; for intra both are the same list
     */
    public List<List<String>> records(List<String> available, List<String> records) {
        List<String> chosen = records == null || records.isEmpty() ? available : records;
        if (this == INTRA)
            return List.of(chosen, chosen);
        List<String> train = new ArrayList<>(), test = new ArrayList<>();
        for (String r : chosen) {
            if (AamiClass.PACED.contains(r))
                continue;
            if (AamiClass.DS1.contains(r))
                train.add(r);
            else if (AamiClass.DS2.contains(r))
                test.add(r);
        }
        return List.of(train, test);
    }

    /**
     * Reads the beats and splits them.
     *
     * @param available    the records of the folder (with reference annotations)
     * @param records      the records to use, or null for all (intra) / DS1 and DS2 (inter)
     * @param maxTrainBeats when > 0, at most this many training beats ({@link #capNormal}: N beats are dropped first;
     *                     validation and test sets stay whole)
     * @param progress     (records read, record name); may be null
     */
    public Data prepare(Path db, List<String> available, List<String> records, long seed, int maxTrainBeats,
            BiConsumer<Integer, String> progress) throws IOException {
        return prepare(db, available, records, seed, maxTrainBeats, Holdout.DEFAULT, progress);
    }

    /** {@link #prepare(Path, List, List, long, int, BiConsumer)} with a choice of held-out data. */
    public Data prepare(Path db, List<String> available, List<String> records, long seed, int maxTrainBeats,
            Holdout holdout, BiConsumer<Integer, String> progress) throws IOException {
        List<List<String>> rs = records(available, records);
        List<String> trainRecs = rs.get(0), testRecs = rs.get(1);
        if (trainRecs.isEmpty() || testRecs.isEmpty())
            throw new IllegalArgumentException(id() + ": no " + (trainRecs.isEmpty() ? "training" : "test")
                    + " records among " + (records == null ? available : records)
                    + (this == INTER ? " (inter-patient trains on DS1 " + AamiClass.DS1 + ", tests on DS2 " + AamiClass.DS2 + ")" : ""));
        List<String> valRecs = holdout.validationRecords();
        if (valRecs != null && this == INTRA)
            throw new IllegalArgumentException("intra: validation records are for inter-patient runs (intra validates on"
                    + " a random 10 % of the training beats)");
        if (valRecs != null && (!trainRecs.containsAll(valRecs) || valRecs.containsAll(trainRecs) || valRecs.isEmpty()))
            throw new IllegalArgumentException("inter: the validation records " + valRecs + " must be some, not all, of"
                    + " the training (DS1) records " + trainRecs);
        BeatWindows w = BeatClassifier.WINDOWS;
        BeatDataset train, validation, test;
        if (this == INTRA) {
            BeatDataset all = BeatDataset.load(db, trainRecs, w, progress);
            Split s = intraSplit(all.size(), seed);
            test = all.subset(s.validation());
            BeatDataset rest = all.subset(s.train());
            Split v = Split.random(rest.size(), VALIDATION_FRACTION, seed + 1);
            train = rest.subset(v.train());
            validation = rest.subset(v.validation());
        } else {
            if (trainRecs.size() < 2)
                throw new IllegalArgumentException("inter: leave-records-out validation needs at least two DS1 records, got " + trainRecs);
            BeatDataset ds1 = BeatDataset.load(db, trainRecs, w, progress);
            Split v = valRecs == null ? Split.byGroup(ds1.groups(), INTER_VALIDATION_RECORDS, seed)
                    : byRecords(ds1, valRecs);
            train = ds1.subset(v.train());
            validation = ds1.subset(v.validation());
            test = holdout.dev() ? validation
                    : BeatDataset.load(db, testRecs, w, progress == null ? null : (i, r) -> progress.accept(trainRecs.size() + i, r));
        }
        if (holdout.dev())
            test = validation;
        int before = train.size();
        if (maxTrainBeats > 0 && train.size() > maxTrainBeats)
            train = train.subset(capNormal(train, maxTrainBeats, seed + 2));
        List<String> tested = holdout.dev() ? (this == INTER ? validation.recordsPresent() : trainRecs) : testRecs;
        return new Data(this, train, validation, test, seed, trainRecs, tested, before, holdout.dev());
    }

    /** The beats of the given records as validation, the rest as training. */
    static Split byRecords(BeatDataset d, List<String> validationRecords) {
        List<Integer> train = new ArrayList<>(), val = new ArrayList<>();
        for (int i = 0; i < d.size(); i++)
            (validationRecords.contains(d.record(i)) ? val : train).add(i);
        return new Split(train.stream().mapToInt(Integer::intValue).toArray(), val.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Only the test beats (what {@code ekg eval} needs): intra re-draws the same seeded 80/20 split. */
    public BeatDataset testSet(Path db, List<String> available, List<String> records, long seed,
            BiConsumer<Integer, String> progress) throws IOException {
        List<List<String>> rs = records(available, records);
        if (rs.get(1).isEmpty())
            throw new IllegalArgumentException(id() + ": no test records among " + (records == null ? available : records));
        if (this == INTER)
            return BeatDataset.load(db, rs.get(1), BeatClassifier.WINDOWS, progress);
        BeatDataset all = BeatDataset.load(db, rs.get(1), BeatClassifier.WINDOWS, progress);
        return all.subset(intraSplit(all.size(), seed).validation());
    }

    /**
     * At most {@code max} training beats: every beat of the minority classes (S, V, F, Q) is kept and a seeded random
     * subset of the N beats fills the rest (when the minority beats alone exceed {@code max}, a random subset of all).
     */
    static int[] capNormal(BeatDataset train, int max, long seed) {
        int[] order = Sampling.shuffled(train.size(), seed, 0);
        int minority = 0;
        for (int i = 0; i < train.size(); i++)
            if (train.label(i) != AamiClass.N.ordinal())
                minority++;
        if (minority >= max)
            return Arrays.stream(Arrays.copyOf(order, max)).sorted().toArray();
        int normals = max - minority;
        List<Integer> keep = new ArrayList<>();
        for (int i : order)
            if (train.label(i) != AamiClass.N.ordinal() || normals-- > 0)
                keep.add(i);
        return keep.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static Split intraSplit(int n, long seed) {
        return Split.random(n, INTRA_TEST_FRACTION, seed);
    }
}
