package convbench.core.train;

import com.google.gson.JsonElement;
import convbench.core.model.ModelFile;
import java.util.List;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * How to train: epochs, batch size, optimiser (adam, sgd, nesterovs) and learning-rate schedule (constant, step,
 * exponential, cosine; set per epoch), validation split, early stopping on a validation metric, sampling (shuffle or
 * balanced) and class weights (none or inverse frequency), and the seed that makes a run reproducible. Serialisable
 * as JSON; the defaults are those of the fields.
 */
public final class TrainingConfig {
    /** Metrics early stopping can watch; loss goes down, the others up. */
    public static final List<String> METRICS = List.of("val_loss", "val_accuracy", "val_macro_f1", "val_dice", "train_loss");

    private int epochs = 10;
    private int batchSize = 32;
    private String optimizer = "adam";
    private double learningRate = 1e-3;
    private double momentum = 0.9;
    private String schedule = "constant";
    /** step: multiply by {@link #gamma} every {@link #stepEpochs}; exponential: by gamma every epoch. */
    private int stepEpochs = 10;
    private double gamma = 0.5;
    /** cosine: decays from learningRate to this over the epochs. */
    private double minLearningRate = 0;
    private double validationFraction = 0.2;
    private String earlyStoppingMetric;
    private int patience = 5;
    private double minDelta = 0;
    private boolean restoreBest = true;
    private String sampling = "shuffle";
    private String classWeights = "none";
    private boolean iterationAccuracy = true;
    private long seed = 42;

    public TrainingConfig epochs(int v) {
        epochs = v;
        return this;
    }

    public TrainingConfig batchSize(int v) {
        batchSize = v;
        return this;
    }

    public TrainingConfig optimizer(String v) {
        optimizer = v;
        return this;
    }

    public TrainingConfig learningRate(double v) {
        learningRate = v;
        return this;
    }

    public TrainingConfig momentum(double v) {
        momentum = v;
        return this;
    }

    public TrainingConfig stepSchedule(int everyEpochs, double factor) {
        schedule = "step";
        stepEpochs = everyEpochs;
        gamma = factor;
        return this;
    }

    public TrainingConfig exponentialSchedule(double factorPerEpoch) {
        schedule = "exponential";
        gamma = factorPerEpoch;
        return this;
    }

    public TrainingConfig cosineSchedule(double minLr) {
        schedule = "cosine";
        minLearningRate = minLr;
        return this;
    }

    public TrainingConfig validationFraction(double v) {
        validationFraction = v;
        return this;
    }

    /** @param metric one of {@link #METRICS} */
    public TrainingConfig earlyStopping(String metric, int patienceEpochs, double minImprovement) {
        earlyStoppingMetric = metric;
        patience = patienceEpochs;
        minDelta = minImprovement;
        return this;
    }

    public TrainingConfig restoreBest(boolean v) {
        restoreBest = v;
        return this;
    }

    /** "shuffle" or "balanced" (every class drawn equally often). */
    public TrainingConfig sampling(String v) {
        sampling = v;
        return this;
    }

    /** "none" or "inverse" (loss weights inversely proportional to class frequency). */
    public TrainingConfig classWeights(String v) {
        classWeights = v;
        return this;
    }

    /** Accuracy of every batch costs one more forward pass; off for speed. */
    public TrainingConfig iterationAccuracy(boolean v) {
        iterationAccuracy = v;
        return this;
    }

    public TrainingConfig seed(long v) {
        seed = v;
        return this;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public String optimizer() {
        return optimizer;
    }

    public double learningRate() {
        return learningRate;
    }

    public double validationFraction() {
        return validationFraction;
    }

    public String earlyStoppingMetric() {
        return earlyStoppingMetric;
    }

    public int patience() {
        return patience;
    }

    public double minDelta() {
        return minDelta;
    }

    public boolean restoreBest() {
        return restoreBest;
    }

    public String sampling() {
        return sampling;
    }

    public String classWeights() {
        return classWeights;
    }

    public boolean iterationAccuracy() {
        return iterationAccuracy;
    }

    public long seed() {
        return seed;
    }

    /** The learning rate of an epoch (0-based) under the schedule. */
    public double learningRate(int epoch) {
        return switch (schedule) {
            case "step" -> learningRate * Math.pow(gamma, epoch / Math.max(1, stepEpochs));
            case "exponential" -> learningRate * Math.pow(gamma, epoch);
            case "cosine" -> minLearningRate + (learningRate - minLearningRate)
                    * 0.5 * (1 + Math.cos(Math.PI * epoch / Math.max(1, epochs)));
            default -> learningRate;
        };
    }

    IUpdater updater() {
        return switch (optimizer) {
            case "sgd" -> new Sgd(learningRate);
            case "nesterovs" -> new Nesterovs(learningRate, momentum);
            default -> new Adam(learningRate);
        };
    }

    /** Throws IllegalArgumentException naming the bad setting. */
    public void validate() {
        if (epochs < 1)
            throw new IllegalArgumentException("training: epochs must be >= 1, got " + epochs);
        if (batchSize < 1)
            throw new IllegalArgumentException("training: batch size must be >= 1, got " + batchSize);
        if (!List.of("adam", "sgd", "nesterovs").contains(optimizer))
            throw new IllegalArgumentException("training: optimizer must be adam, sgd or nesterovs, got '" + optimizer + "'");
        if (!(learningRate > 0))
            throw new IllegalArgumentException("training: learning rate must be > 0, got " + learningRate);
        if (!List.of("constant", "step", "exponential", "cosine").contains(schedule))
            throw new IllegalArgumentException("training: schedule must be constant, step, exponential or cosine, got '" + schedule + "'");
        if (!(validationFraction >= 0 && validationFraction < 1))
            throw new IllegalArgumentException("training: validation fraction must be in [0, 1), got " + validationFraction);
        if (earlyStoppingMetric != null && !METRICS.contains(earlyStoppingMetric))
            throw new IllegalArgumentException("training: early stopping metric must be one of " + METRICS + ", got '" + earlyStoppingMetric + "'");
        if (earlyStoppingMetric != null && patience < 1)
            throw new IllegalArgumentException("training: patience must be >= 1 epoch, got " + patience);
        if (!List.of("shuffle", "balanced").contains(sampling))
            throw new IllegalArgumentException("training: sampling must be shuffle or balanced, got '" + sampling + "'");
        if (!List.of("none", "inverse").contains(classWeights))
            throw new IllegalArgumentException("training: class weights must be none or inverse, got '" + classWeights + "'");
    }

    public JsonElement toJsonTree() {
        return ModelFile.gson().toJsonTree(this);
    }

    public String toJson() {
        return ModelFile.gson().toJson(this);
    }

    public static TrainingConfig fromJson(String json) {
        TrainingConfig c = ModelFile.gson().fromJson(json, TrainingConfig.class);
        c.validate();
        return c;
    }
}
