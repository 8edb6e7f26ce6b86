package convbench.core.train;

import com.google.gson.JsonObject;
import convbench.core.data.BatchIterator;
import convbench.core.data.ExampleSource;
import convbench.core.data.Sampling;
import convbench.core.data.Split;
import convbench.core.eval.Classes;
import convbench.core.eval.ConfusionMatrix;
import convbench.core.eval.SegmentationMetrics;
import convbench.core.model.LoadedModel;
import convbench.core.model.ModelFile;
import convbench.core.model.ModelMetadata;
import convbench.core.model.Networks;
import convbench.core.spec.ModelSpec;
import convbench.core.spec.NetworkBuilder;
import convbench.core.spec.SpecJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a network built from a {@link ModelSpec} on examples pulled from {@link ExampleSource}s. Reproducible:
 * the weights come from the spec's seed; each epoch's order and dropout masks from (config seed, epoch) only. After
 * every epoch it writes {@code checkpoint.zip} (network, optimiser state, trainer state) atomically, and
 * {@code best.zip} when the watched metric improved; {@link #resume} continues from a checkpoint and ends where an
 * uninterrupted run ends. Plain callbacks, no OSGi: {@link TrainingJob} adapts it to the compute service.
 */
public final class Trainer {
    public static final String CHECKPOINT = "checkpoint.zip";
    public static final String BEST = "best.zip";
    private static final String STATE = "trainer-state.json";

    private final ModelSpec spec;
    private final TrainingConfig config;

    public Trainer(ModelSpec spec, TrainingConfig config) {
        config.validate();
        this.spec = spec;
        this.config = config;
    }

    /** Where a run stands after an epoch; stored in every checkpoint. */
    private static final class State {
        int completedEpochs;
        long iterations;
        int bestEpoch;
        double bestMetric = Double.NaN;
        int epochsWithoutImprovement;
        double[] classWeights;
        String spec;
        List<EpochMetrics> history = new ArrayList<>();
    }

    /**
     * @param validation held-out examples, or null to split {@code config.validationFraction()} off {@code train}
     * @param checkpointDir where checkpoints go, or null for none
     */
    public TrainingResult train(ExampleSource train, ExampleSource validation, Path checkpointDir,
            TrainingCallbacks callbacks) throws IOException {
        Data data = data(train, validation);
        State state = new State();
        state.classWeights = classWeights(data.train);
        ModelSpec built = state.classWeights == null ? spec : spec.withClassWeights(state.classWeights);
        state.spec = SpecJson.toJson(built);
        Model net = NetworkBuilder.build(built, config.updater());
        return run(net, built, state, data, checkpointDir, callbacks);
    }

    /**
     * Continues a run from its checkpoint; the data must be the same as the interrupted run's. The epoch count may be
     * larger than before (training longer).
     */
    public TrainingResult resume(Path checkpoint, ExampleSource train, ExampleSource validation, Path checkpointDir,
            TrainingCallbacks callbacks) throws IOException {
        byte[] raw = ModelFile.readExtra(checkpoint, STATE);
        if (raw == null)
            throw new IOException(checkpoint + ": not a training checkpoint (no trainer state inside)");
        State state = ModelFile.gson().fromJson(new String(raw, StandardCharsets.UTF_8), State.class);
        ModelSpec stored = SpecJson.fromJson(state.spec, checkpoint.toString());
        ModelSpec expected = state.classWeights == null ? spec : spec.withClassWeights(state.classWeights);
        if (!SpecJson.toJson(expected).equals(SpecJson.toJson(stored)))
            throw new IOException(checkpoint + ": the checkpoint was made with another model spec than '" + spec.name() + "'");
        LoadedModel loaded = ModelFile.load(checkpoint, true);
        Networks.setEpochCount(loaded.network(), state.completedEpochs);
        return run(loaded.network(), stored, state, data(train, validation), checkpointDir, callbacks);
    }

    private record Data(ExampleSource train, ExampleSource validation) {
    }

    private Data data(ExampleSource train, ExampleSource validation) {
        if (train.size() == 0)
            throw new IllegalArgumentException("no training examples");
        if (validation != null || config.validationFraction() == 0)
            return new Data(train, validation);
        Split split = Split.random(train.size(), config.validationFraction(), config.seed());
        return new Data(train.subset(split.train()), train.subset(split.validation()));
    }

    private double[] classWeights(ExampleSource train) {
        if (!config.classWeights().equals("inverse"))
            return null;
        int[] labels = Sampling.labels(train);
        int k = (int) train.get(0).label().size(0);
        return Sampling.inverseFrequencyWeights(Sampling.classCounts(labels, k));
    }

    private TrainingResult run(Model net, ModelSpec built, State state, Data data, Path checkpointDir,
            TrainingCallbacks cb) throws IOException {
        String watch = config.earlyStoppingMetric();
        if (watch != null && watch.startsWith("val_") && data.validation == null)
            throw new IllegalArgumentException("training: early stopping on " + watch + " needs validation data");
        int[] labels = config.sampling().equals("balanced") ? Sampling.labels(data.train) : null;
        int n = data.train.size();
        int batchesPerEpoch = (n + config.batchSize() - 1) / config.batchSize();
        INDArray bestParams = null;
        String stopReason = "completed";
        boolean stop = watch != null && state.epochsWithoutImprovement >= config.patience();
        if (stop)
            stopReason = "early-stopped";
        for (int epoch = state.completedEpochs; epoch < config.epochs() && !stop; epoch++) {
            long started = System.nanoTime();
            double lr = config.learningRate(epoch);
            Networks.setLearningRate(net, lr);
            int[] order = labels != null ? Sampling.balanced(labels, n, config.seed(), epoch)
                    : Sampling.shuffled(n, config.seed(), epoch);
            // dropout masks come from ND4J's global generator: reseeding per epoch makes a resumed epoch identical
            Nd4j.getRandom().setSeed(Sampling.random(config.seed(), epoch).nextLong());
            BatchIterator it = new BatchIterator(data.train, order, config.batchSize());
            double lossSum = 0;
            long correct = 0, counted = 0, seen = 0;
            int batch = 0;
            while (it.hasNext()) {
                if (cb.isCancelled())
                    throw new CancellationException("training cancelled in epoch " + (epoch + 1));
                DataSet ds = it.next();
                Networks.fit(net, ds);
                double loss = net.score();
                long size = ds.getFeatures().size(0);
                lossSum += loss * size;
                seen += size;
                double acc = Double.NaN;
                if (config.iterationAccuracy()) {
                    long[] c = correct(ds.getLabels(), Networks.output(net, ds.getFeatures()));
                    correct += c[0];
                    counted += c[1];
                    acc = (double) c[0] / c[1];
                }
                state.iterations++;
                batch++;
                cb.onIteration(new IterationMetrics(epoch + 1, state.iterations, batch, batchesPerEpoch, loss, acc));
                cb.onProgress((epoch + (double) batch / batchesPerEpoch) / config.epochs(),
                        "epoch " + (epoch + 1) + "/" + config.epochs() + ", batch " + batch + "/" + batchesPerEpoch);
            }
            Networks.setEpochCount(net, epoch + 1);
            double[] val = data.validation == null ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}
                    : validate(net, data.validation, cb);
            EpochMetrics m = new EpochMetrics(epoch + 1, lr, lossSum / seen, counted == 0 ? Double.NaN : (double) correct / counted,
                    val[0], val[1], val[2], val[3], (System.nanoTime() - started) / 1e9);
            state.history.add(m);
            state.completedEpochs = epoch + 1;
            boolean improved = false;
            if (watch != null) {
                double v = m.get(watch);
                boolean lower = watch.endsWith("loss");
                improved = !Double.isNaN(v) && (Double.isNaN(state.bestMetric)
                        || (lower ? v < state.bestMetric - config.minDelta() : v > state.bestMetric + config.minDelta()));
                if (improved) {
                    state.bestMetric = v;
                    state.bestEpoch = epoch + 1;
                    state.epochsWithoutImprovement = 0;
                    bestParams = net.params().dup();
                } else {
                    state.epochsWithoutImprovement++;
                    stop = state.epochsWithoutImprovement >= config.patience();
                    if (stop)
                        stopReason = "early-stopped";
                }
            }
            if (checkpointDir != null) {
                if (improved)
                    ModelFile.save(checkpointDir.resolve(BEST), net, metadata(built, m), false, Map.of());
                ModelFile.save(checkpointDir.resolve(CHECKPOINT), net, metadata(built, m), true,
                        Map.of(STATE, ModelFile.gson().toJson(state).getBytes(StandardCharsets.UTF_8)));
            }
            cb.onEpoch(m);
        }
        if (watch != null && config.restoreBest() && state.bestEpoch > 0 && state.bestEpoch < state.completedEpochs)
            net.setParams(bestParams != null ? bestParams : bestFromDisk(checkpointDir));
        cb.onProgress(1, stopReason + " after " + state.completedEpochs + " epochs");
        return new TrainingResult(net, built, config, List.copyOf(state.history), state.bestEpoch, state.bestMetric, stopReason);
    }

    private static INDArray bestFromDisk(Path checkpointDir) throws IOException {
        Path best = checkpointDir == null ? null : checkpointDir.resolve(BEST);
        if (best == null || !Files.isRegularFile(best))
            throw new IOException("the best epoch's weights are gone: no " + BEST + " in " + checkpointDir);
        return ModelFile.load(best).network().params();
    }

    private ModelMetadata metadata(ModelSpec built, EpochMetrics m) {
        JsonObject training = config.toJsonTree().getAsJsonObject();
        return ModelMetadata.forSpec(built).seed(config.seed()).training(training).metric("epoch", m.epoch())
                .metric("trainLoss", m.trainLoss()).metric("valLoss", m.valLoss()).metric("valAccuracy", m.valAccuracy());
    }

    /** val loss, accuracy, macro F1 (classification) and mean foreground Dice (segmentation). */
    private double[] validate(Model net, ExampleSource validation, TrainingCallbacks cb) {
        BatchIterator it = BatchIterator.sequential(validation, config.batchSize());
        double lossSum = 0;
        long seen = 0;
        ConfusionMatrix cm = null;
        SegmentationMetrics seg = null;
        while (it.hasNext()) {
            if (cb.isCancelled())
                throw new CancellationException("training cancelled during validation");
            DataSet ds = it.next();
            long size = ds.getFeatures().size(0);
            lossSum += Networks.score(net, ds) * size;
            seen += size;
            INDArray out = Networks.output(net, ds.getFeatures());
            int k = (int) Math.max(2, out.size(1));
            if (cm == null)
                cm = ConfusionMatrix.ofClasses(k);
            cm.add(ds.getLabels(), out);
            if (out.rank() > 2) {
                if (seg == null)
                    seg = new SegmentationMetrics(k);
                seg.add(ds.getLabels(), out);
            }
        }
        return new double[] {lossSum / seen, cm.accuracy(), seg == null ? cm.macroF1() : Double.NaN,
                seg == null ? Double.NaN : seg.meanDice(1)};
    }

    /** {correct, counted} over examples (and positions). */
    private static long[] correct(INDArray labels, INDArray out) {
        int[] a = Classes.argMax(labels), p = Classes.argMax(out);
        long c = 0;
        for (int i = 0; i < a.length; i++)
            if (a[i] == p[i])
                c++;
        return new long[] {c, a.length};
    }

    public ModelSpec spec() {
        return spec;
    }

    public TrainingConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "Trainer[" + spec.name() + ", " + config.epochs() + " epochs, batch " + config.batchSize() + ", seed "
                + config.seed() + "]" + Arrays.toString(spec.inputShape().toArray());
    }
}
