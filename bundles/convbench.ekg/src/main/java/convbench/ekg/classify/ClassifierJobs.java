package convbench.ekg.classify;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.core.eval.ConfusionMatrix;
import convbench.core.train.EpochMetrics;
import convbench.core.train.TrainingCallbacks;
import convbench.core.train.TrainingJob;
import convbench.core.train.TrainingResult;
import convbench.ekg.EcgRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The beat classifier's work as compute-service jobs (device lane: everything here calls ND4J), shared by the CLI
 * commands and the EKG menu: train (read, train, test, write the model file), load a model, evaluate it on its
 * protocol's test set, classify the beats of a record.
 */
public final class ClassifierJobs {
    /** Per-iteration metrics of {@link TrainingJob}; the per-epoch ones are republished at the iteration they end. */
    static final Set<String> ITERATION_METRICS = Set.of("loss", "accuracy");
    /** Share of a training run's progress spent reading records and testing. */
    private static final double READ_SHARE = 0.1, TEST_SHARE = 0.05;

    private ClassifierJobs() {
    }

    /**
     * What to train: a WFDB folder with reference annotations, the protocol, the settings, the model file and what is
     * held out ({@link Protocol.Holdout}: validation records, development run).
     */
    public record TrainRequest(Path db, Protocol protocol, List<String> records, BeatClassifier.Settings settings, Path out,
            Protocol.Holdout holdout) {
        public TrainRequest(Path db, Protocol protocol, List<String> records, BeatClassifier.Settings settings, Path out) {
            this(db, protocol, records, settings, out, Protocol.Holdout.DEFAULT);
        }
    }

    /** A finished training run: the test figures and the model file (written atomically), read back as {@code saved}. */
    public record Trained(TrainRequest request, Protocol.Data data, TrainingResult result, List<EpochMetrics> epochs,
            ConfusionMatrix test, double trainSeconds, BeatClassifier.Loaded saved) {
        public Path model() {
            return request.out();
        }

        /** The epoch whose network was kept (early stopping on validation macro F1). */
        public int bestEpoch() {
            return result.bestEpoch();
        }

        public String stopReason() {
            return result.stopReason();
        }
    }

    /**
     * Reads the protocol's beats, trains, tests and writes the model file. Metrics go to the compute service on one
     * step axis, the iteration: "loss" and "accuracy" per iteration, "train_loss", "val_loss", "val_accuracy" and
     * "val_macro_f1" at the iteration that ended their epoch (so a chart can draw them together).
     */
    public static final class Train implements ComputeJob<Trained> {
        private final TrainRequest request;
        private final TrainingCallbacks extra;
        private final boolean iterationAccuracy;

        /**
         * @param extra             also told of every progress step and epoch (e.g. a CLI's progress lines); never null
         * @param iterationAccuracy publish the accuracy of every training batch (one more forward pass per batch)
         */
        public Train(TrainRequest request, TrainingCallbacks extra, boolean iterationAccuracy) {
            this.request = request;
            this.extra = extra;
            this.iterationAccuracy = iterationAccuracy;
        }

        @Override
        public String name() {
            return "Train EKG beat classifier (" + request.protocol().id() + ") \u2192 " + request.out().getFileName();
        }

        @Override
        public long memoryBytes() {
            // network and a batch (the spec's estimate) plus the beats: ~0.6 kB per beat, at most ~110 k beats
            return TrainingJob.estimateBytes(BeatClassifier.spec(new int[] {BeatDataset.CHANNELS,
                    BeatClassifier.WINDOWS.length()}, 0), request.settings().batchSize()) + (80L << 20);
        }

        @Override
        public Trained run(JobContext context) throws Exception {
            TrainRequest r = request;
            List<String> available = annotatedRecords(r.db());
            Protocol.Data data;
            try {
                data = r.protocol().prepare(r.db(), available, r.records(), r.settings().seed(),
                        r.settings().maxTrainBeats(), r.holdout(), (i, name) -> {
                            context.checkCancelled();
                            report(context, READ_SHARE * i / Math.max(1, available.size()), "reading record " + name);
                        });
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(r.db() + ": " + e.getMessage(), e);
            }
            report(context, READ_SHARE, String.format("%s: %d training, %d validation%s, %d test beats%s", r.protocol().id(),
                    data.train().size(), data.validation().size(), r.protocol() == Protocol.INTER
                            ? " (records " + String.join(",", data.validation().recordsPresent()) + ")" : "",
                    data.test().size(), data.dev() ? " (dev run: the validation beats)" : ""));
            List<EpochMetrics> epochs = new ArrayList<>();
            TrainingCallbacks cb = new TrainingCallbacks() {
                @Override
                public boolean isCancelled() {
                    return extra.isCancelled();
                }

                @Override
                public void onEpoch(EpochMetrics m) {
                    epochs.add(m);
                    extra.onEpoch(m);
                }
            };
            long started = System.nanoTime();
            TrainingJob job = BeatClassifier.job(data, r.settings(), cb, iterationAccuracy);
            TrainingResult result = job.run(onIterationAxis(context));
            double seconds = (System.nanoTime() - started) / 1e9;
            context.checkCancelled();
            report(context, 1 - TEST_SHARE, "testing on " + data.test().size() + " beats");
            ConfusionMatrix cm = BeatClassifier.evaluate(result.network(), data.test(), context::isCancelled);
            context.checkCancelled();
            BeatClassifier.save(r.out(), result, data);
            report(context, 1, "wrote " + r.out());
            // read back: what a later session opens is exactly what was written
            return new Trained(r, data, result, epochs, cm, seconds, BeatClassifier.load(r.out()));
        }

        private void report(JobContext context, double fraction, String message) {
            context.progress(fraction, message);
            extra.onProgress(fraction, message);
        }

        /** The training job's context: progress scaled into the training share, epoch metrics moved to iterations. */
        private JobContext onIterationAxis(JobContext context) {
            return new JobContext() {
                private long iteration;

                @Override
                public void progress(double fraction, String message) {
                    report(context, READ_SHARE + (1 - READ_SHARE - TEST_SHARE) * fraction, message);
                }

                @Override
                public boolean isCancelled() {
                    return context.isCancelled();
                }

                @Override
                public void metric(String name, long step, double value) {
                    if (ITERATION_METRICS.contains(name)) {
                        iteration = step;
                        context.metric(name, step, value);
                    } else if (!name.equals("learning_rate")) { // a schedule, not a result: it would squash the loss axis
                        context.metric(name, iteration, value);
                    }
                }
            };
        }
    }

    /** Loads a model file (ND4J: on the device lane). */
    public record Load(Path file) implements ComputeJob<BeatClassifier.Loaded> {
        @Override
        public String name() {
            return "Load EKG beat classifier " + file.getFileName();
        }

        @Override
        public long memoryBytes() {
            return 64L << 20;
        }

        @Override
        public BeatClassifier.Loaded run(JobContext context) throws Exception {
            context.progress(0.1, "reading " + file);
            return BeatClassifier.load(file);
        }
    }

    /** The test figures of a model on a protocol's test beats. */
    public record Evaluated(Protocol protocol, Protocol trainedWith, ConfusionMatrix confusion, Path model, int testBeats,
            List<String> testRecords, long seed, List<String> warnings) {
    }

    /**
     * Tests a model on a protocol's test beats (intra: the same seeded 20 % split as in training; inter: DS2).
     *
     * @param protocol null for the protocol the model was trained with
     * @param records  null for the model's own records (when the protocol is its own) or the protocol's default (also
     *                 for a model of a development run: its own test records were validation records)
     */
    public record Evaluate(BeatClassifier.Loaded model, Path modelFile, Path db, Protocol protocol, List<String> records)
            implements ComputeJob<Evaluated> {
        @Override
        public String name() {
            return "Evaluate EKG beat classifier " + modelFile.getFileName();
        }

        @Override
        public long memoryBytes() {
            return 256L << 20;
        }

        @Override
        public Evaluated run(JobContext context) throws Exception {
            BeatClassifier.Info info = model.info();
            Protocol trained = info.protocolEnum();
            Protocol p = protocol == null ? trained : protocol;
            List<String> recs = records;
            if (recs == null && p == trained && !(info.dev() && p == Protocol.INTER))
                recs = union(info.trainRecords(), info.testRecords());
            List<String> warnings = new ArrayList<>();
            if (p != trained)
                warnings.add("the model was trained with the " + trained.id() + " protocol: its training beats may be"
                        + " among the " + p.id() + " test beats");
            List<String> available = annotatedRecords(db);
            BeatDataset test;
            try {
                test = p.testSet(db, available, recs, info.seed(), (i, name) -> {
                    context.checkCancelled();
                    context.progress(0.8 * i / Math.max(1, available.size()), "reading record " + name);
                });
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(db + ": " + e.getMessage(), e);
            }
            context.progress(0.8, "testing on " + test.size() + " beats");
            ConfusionMatrix cm = BeatClassifier.evaluate(model.model().network(), test, context::isCancelled);
            context.checkCancelled();
            return new Evaluated(p, trained, cm, modelFile, test.size(), test.recordsPresent(), info.seed(), warnings);
        }

        private static List<String> union(List<String> a, List<String> b) {
            List<String> u = new ArrayList<>(a);
            for (String r : b)
                if (!u.contains(r))
                    u.add(r);
            return u;
        }
    }

    /** Classifies the beats of a record ({@link BeatClassifier#classify}). */
    public record Classify(BeatClassifier.Loaded model, EcgRecord record) implements ComputeJob<BeatClassifier.Predictions> {
        @Override
        public String name() {
            return "Classify the beats of " + record.name();
        }

        @Override
        public long memoryBytes() {
            return 128L << 20;
        }

        @Override
        public BeatClassifier.Predictions run(JobContext context) {
            context.progress(0.1, "classifying the beats of " + record.name());
            return BeatClassifier.classify(model, record);
        }
    }

    /** The beat windows of a record as classifier input ({@link BeatClassifier#beatsOf}); CPU work, no ND4J. */
    public record BeatsOf(EcgRecord record) implements ComputeJob<BeatDataset> {
        @Override
        public String name() {
            return "Beat windows of " + record.name();
        }

        @Override
        public Lane lane() {
            return Lane.CPU;
        }

        @Override
        public long memoryBytes() {
            return 64L << 20;
        }

        @Override
        public BeatDataset run(JobContext context) {
            context.progress(0.1, (BeatClassifier.hasBeats(record) ? "annotated" : "detecting") + " beats of " + record.name());
            return BeatClassifier.beatsOf(record);
        }
    }

    /** The records of a WFDB folder that have reference annotations (.atr), sorted. */
    public static List<String> annotatedRecords(Path db) throws IOException {
        try (Stream<Path> s = Files.list(db)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hea"))
                    .map(n -> n.substring(0, n.length() - 4)).filter(r -> Files.isRegularFile(db.resolve(r + ".atr")))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IOException(db + ": cannot list the folder: " + e.getMessage(), e);
        }
    }
}
