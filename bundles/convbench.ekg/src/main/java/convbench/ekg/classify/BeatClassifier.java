package convbench.ekg.classify;

import static convbench.core.spec.LayerSpec.batchNorm;
import static convbench.core.spec.LayerSpec.conv;
import static convbench.core.spec.LayerSpec.dense;
import static convbench.core.spec.LayerSpec.dropout;
import static convbench.core.spec.LayerSpec.flatten;
import static convbench.core.spec.LayerSpec.maxPool;
import static convbench.core.spec.LayerSpec.output;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import convbench.core.data.BatchIterator;
import convbench.core.data.DataFingerprint;
import convbench.core.data.Sampling;
import convbench.core.eval.ConfusionMatrix;
import convbench.core.eval.Evaluator;
import convbench.core.model.LoadedModel;
import convbench.core.model.ModelFile;
import convbench.core.model.ModelMetadata;
import convbench.core.spec.ModelSpec;
import convbench.core.train.EpochMetrics;
import convbench.core.train.Trainer;
import convbench.core.train.TrainingCallbacks;
import convbench.core.train.TrainingConfig;
import convbench.core.train.TrainingJob;
import convbench.core.train.TrainingResult;
import convbench.ekg.AamiClass;
import convbench.ekg.Annotation;
import convbench.ekg.AnnotationCodes;
import convbench.ekg.BeatWindows;
import convbench.ekg.EcgRecord;
import convbench.ekg.QrsDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The 1D convnet beat classifier (AAMI classes N, S, V, F, Q): network spec, training, evaluation, model files and
 * classification of a record. Headless and OSGi-free; ND4J calls must run inside {@code Nd4jContext.call} (the
 * compute service does that for its jobs). Input: {@link BeatDataset} ({@code [9, 126]}: the 0.7 s beat window at
 * 180 Hz normalised by its record, its deviation from the record's median beat, and seven RR channels).
 */
public final class BeatClassifier {
    /** Beat windows: 0.25 s before to 0.45 s after R, 180 Hz, preferred lead (MLII). */
    public static final BeatWindows WINDOWS = BeatWindows.standard();
    /** Model-file entry with what the classifier needs besides the network (protocol, records, seed, features). */
    public static final String INFO_ENTRY = "ekg-classifier.json";
    /**
     * Default power of the inverse-frequency class weights: 1 would give a Q or F beat of DS1 ~1000x an N beat, 0 is
     * no weighting.
     */
    public static final double WEIGHT_POWER = 0.5;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private BeatClassifier() {
    }

    /**
     * Training settings; {@link #defaults} are what the published figures used.
     *
     * @param weightPower power of the class weights ({@link #classWeights})
     * @param augment     train on {@link BeatDataset#augmentedSource} (random distortions of the waveform)
     */
    public record Settings(int epochs, int batchSize, double learningRate, int patience, int maxTrainBeats, long seed,
            double weightPower, boolean augment) {
        public static Settings defaults() {
            return new Settings(12, 128, 2e-3, 4, 0, 42, WEIGHT_POWER, false);
        }

        public Settings withEpochs(int e) {
            return new Settings(e, batchSize, learningRate, patience, maxTrainBeats, seed, weightPower, augment);
        }

        public Settings withMaxTrainBeats(int n) {
            return new Settings(epochs, batchSize, learningRate, patience, n, seed, weightPower, augment);
        }

        public Settings withSeed(long s) {
            return new Settings(epochs, batchSize, learningRate, patience, maxTrainBeats, s, weightPower, augment);
        }
    }

    /**
     * What a model file records about its beats (stored as {@link #INFO_ENTRY}).
     *
     * @param featureSet {@link BeatDataset#FEATURES} of the beats it was trained on (null in files written before the
     *                   feature sets had names)
     * @param validationRecords the DS1 records early stopping watched (inter), empty for intra
     * @param dev        trained in a development run ({@link Protocol}): its test records are the validation records, the
     *                   protocol's real test set (e.g. DS2) was not read
     */
    public record Info(String protocol, long seed, List<String> trainRecords, List<String> testRecords, double before,
            double after, double fs, String featureSet, String features, int trainBeats, int trainBeatsBeforeSubsampling,
            int validationBeats, List<String> validationRecords, boolean dev) {
        public Protocol protocolEnum() {
            return Protocol.parse(protocol);
        }
    }

    /**
     * Three conv blocks (conv, batch norm, max pool: 126 -> 63 -> 31 -> 15 samples) keep the beat's timing for a
     * flatten + dense head; "same" padding so the edges of the window count. About 0.4 M multiply-adds per beat:
     * all ~80 k intra-patient training beats pass in well under a minute per epoch on two CPU cores.
     */
    public static ModelSpec spec(int[] inputShape, long seed) {
        return ModelSpec.of("ekg-beats", inputShape,
                conv(16, 7).padding("same").activation("relu").name("conv1"), batchNorm(), maxPool(2),
                conv(32, 5).padding("same").activation("relu").name("conv2"), batchNorm(), maxPool(2),
                conv(32, 3).padding("same").activation("relu").name("conv3"), batchNorm(), maxPool(2),
                flatten(), dense(64).activation("relu").name("fc"), dropout(0.3), output(AamiClass.values().length))
                .seed(seed).l2(1e-4);
    }

    /** {@link #classWeights(long[], double)} with the default power {@value #WEIGHT_POWER}. */
    public static double[] classWeights(long[] counts) {
        return classWeights(counts, WEIGHT_POWER);
    }

    /**
     * Class imbalance: tempered inverse-frequency loss weights w_c = (N / (K n_c))^power, scaled so that the mean
     * weight per training beat is 1; classes without beats get 0.
     */
    public static double[] classWeights(long[] counts, double power) {
        double[] w = Sampling.inverseFrequencyWeights(counts);
        double sum = 0, total = 0;
        for (int c = 0; c < w.length; c++) {
            w[c] = Math.pow(w[c], power);
            sum += w[c] * counts[c];
            total += counts[c];
        }
        for (int c = 0; c < w.length; c++)
            w[c] *= total / sum;
        return w;
    }

    public static TrainingConfig config(Settings s) {
        return config(s, false);
    }

    /** @param iterationAccuracy the accuracy of every training batch as a live metric (one more forward pass each) */
    public static TrainingConfig config(Settings s, boolean iterationAccuracy) {
        return new TrainingConfig().epochs(s.epochs()).batchSize(s.batchSize()).learningRate(s.learningRate())
                .cosineSchedule(s.learningRate() / 20).validationFraction(0).earlyStopping("val_macro_f1", s.patience(), 1e-4)
                .iterationAccuracy(iterationAccuracy).seed(s.seed());
    }

    /** The training job of a protocol's data (submit it to the compute service, or run it with any JobContext). */
    public static TrainingJob job(Protocol.Data data, Settings s, TrainingCallbacks extra) {
        return job(data, s, extra, false);
    }

    /** @param iterationAccuracy see {@link #config(Settings, boolean)} */
    public static TrainingJob job(Protocol.Data data, Settings s, TrainingCallbacks extra, boolean iterationAccuracy) {
        ModelSpec spec = spec(data.train().featureShape(), s.seed()).withClassWeights(classWeights(data.train().classCounts(), s.weightPower()));
        return new TrainingJob(new Trainer(spec, config(s, iterationAccuracy)), s.augment() ? data.train().augmentedSource(s.seed())
                : data.train().source(), data.validation().source(), null, null, extra);
    }

    /** Runs a network over labelled beats. */
    public static ConfusionMatrix evaluate(Model net, BeatDataset test, BooleanSupplier cancelled) {
        return Evaluator.evaluate(net, test.source(), 512, BeatDataset.CLASS_NAMES, cancelled).confusion();
    }

    /** Writes the trained network with its metadata (spec, training config, best epoch's metrics) and {@link Info}. */
    public static void save(Path file, TrainingResult r, Protocol.Data data) throws IOException {
        EpochMetrics m = r.bestEpoch() > 0 ? r.history().get(r.bestEpoch() - 1) : r.last();
        ModelMetadata meta = ModelMetadata.forSpec(r.spec()).seed(r.config().seed()).training(r.config().toJsonTree())
                .classNames(BeatDataset.CLASS_NAMES).dataFingerprint(DataFingerprint.of(data.train().source(), 2000))
                .metric("epoch", m.epoch()).metric("valLoss", m.valLoss()).metric("valAccuracy", m.valAccuracy())
                .metric("valMacroF1", m.valMacroF1()).metric("stopReason", r.stopReason());
        Info info = new Info(data.protocol().id(), data.seed(), data.trainRecords(), data.testRecords(), WINDOWS.before(),
                WINDOWS.after(), WINDOWS.targetFs(), BeatDataset.FEATURES, "ch0 beat window (median removed) / the record's"
                        + " median peak-to-peak; ch1 ch0 - the record's median beat; ch2-8 RR: prev/mean-1, next/mean-1,"
                        + " local10/mean-1, prev/local-1, next/local-1, next/prev-1 (mean = the record's mean RR), irregularity"
                        + " of the 10 RRs before (mean |successive difference| / mean), in [-1, 3]",
                data.train().size(), data.trainBeatsBeforeSubsampling(), data.validation().size(),
                data.protocol() == Protocol.INTER ? data.validation().recordsPresent() : List.of(), data.dev());
        ModelFile.save(file, r.network(), meta, false, Map.of(INFO_ENTRY, GSON.toJson(info).getBytes(StandardCharsets.UTF_8)));
    }

    /** A beat classifier read from a model file. */
    public record Loaded(LoadedModel model, Info info) {
    }

    public static Loaded load(Path file) throws IOException {
        byte[] raw = ModelFile.readExtra(file, INFO_ENTRY);
        if (raw == null)
            throw new IOException(file + ": not an EKG beat classifier (no " + INFO_ENTRY + " inside; train one with"
                    + " 'ekg train')");
        Info info = GSON.fromJson(new String(raw, StandardCharsets.UTF_8), Info.class);
        if (!BeatDataset.FEATURES.equals(info.featureSet()))
            throw new IOException(file + ": an EKG beat classifier trained on other beat features ("
                    + (info.featureSet() == null ? "the window and 4 RR channels of ConvBench before 2026-11" : info.featureSet())
                    + "; this version computes '" + BeatDataset.FEATURES + "'): train it again with 'ekg train'");
        LoadedModel m = ModelFile.load(file);
        int[] expected = {BeatDataset.CHANNELS, WINDOWS.length()};
        m.checkInput(expected);
        return new Loaded(m, info);
    }

    /**
     * Classes of every beat of a record.
     *
     * @param detected true when the beats came from the QRS detector (the record had no beat annotations)
     * @param reference the annotated AAMI class of each beat, or null when detected
     */
    public record Predictions(String record, double fs, boolean detected, long[] samples, int[] classes,
            float[][] probabilities, int[] reference) {
        public int size() {
            return classes.length;
        }

        public long[] counts() {
            long[] c = new long[AamiClass.values().length];
            for (int k : classes)
                c[k]++;
            return c;
        }
    }

    /**
     * Classifies the beats of a record: its reference beat annotations when it has any (their labels are returned
     * as {@code reference}), otherwise the beats the QRS detector finds. The first and last beat have no RR pair and
     * are left out.
     */
    public static Predictions classify(Loaded model, EcgRecord rec) {
        boolean annotated = hasBeats(rec);
        BeatDataset d = beatsOf(rec);
        int n = d.size();
        long[] samples = new long[n];
        int[] classes = new int[n];
        float[][] probs = new float[n][];
        if (n > 0) {
            BatchIterator it = BatchIterator.sequential(d.source(), 512);
            int k = 0;
            while (it.hasNext()) {
                DataSet ds = it.next();
                INDArray out = model.model().output(ds.getFeatures()).castTo(DataType.FLOAT);
                for (int i = 0; i < out.size(0); i++, k++) {
                    probs[k] = out.getRow(i).toFloatVector();
                    classes[k] = argMax(probs[k]);
                    samples[k] = d.sample(k);
                }
            }
        }
        return new Predictions(rec.name(), rec.fs(), !annotated, samples, classes, probs, annotated ? d.labels() : null);
    }

    /** Whether the record has reference beat annotations (otherwise its beats come from the QRS detector). */
    public static boolean hasBeats(EcgRecord rec) {
        return rec.annotations().stream().anyMatch(Annotation::isBeat);
    }

    /**
     * The classifier's input for the beats of a record: its annotated beats (labelled with their AAMI class), else
     * the QRS detector's (labelled Q); the first and last beat have no RR pair and are left out.
     */
    public static BeatDataset beatsOf(EcgRecord rec) {
        EcgRecord beats = hasBeats(rec) ? rec : rec.withAnnotations(detectedBeats(rec));
        return BeatDataset.of(List.of(WINDOWS.extract(beats)));
    }

    /** Detected R peaks as annotations (labelled Q, "unclassified", which the classifier then replaces). */
    static List<Annotation> detectedBeats(EcgRecord rec) {
        int[] r = new QrsDetector().detect(rec);
        List<Annotation> out = new ArrayList<>(r.length);
        for (int s : r)
            out.add(new Annotation(s, AnnotationCodes.UNKNOWN, 0, 0, 0, null));
        return out;
    }

    private static int argMax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++)
            if (p[i] > p[best])
                best = i;
        return best;
    }

    /** The names of the classes, index = {@link AamiClass#ordinal}. */
    public static List<String> classNames() {
        return BeatDataset.CLASS_NAMES;
    }
}
