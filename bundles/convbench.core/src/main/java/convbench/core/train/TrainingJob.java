package convbench.core.train;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.core.data.ExampleSource;
import convbench.core.spec.LayerSpec;
import convbench.core.spec.ModelSpec;
import convbench.core.spec.Shape;
import convbench.core.spec.SpecShapes;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link Trainer} run as a compute-service job on the device lane: progress, cancellation and live metrics go
 * through the {@link JobContext} ("loss" and "accuracy" per iteration; "train_loss", "val_loss", "val_accuracy",
 * "val_macro_f1", "val_dice", "learning_rate" per epoch), and also to the optional callbacks (e.g. a chart).
 */
public final class TrainingJob implements ComputeJob<TrainingResult> {
    private final Trainer trainer;
    private final ExampleSource train;
    private final ExampleSource validation;
    private final Path checkpointDir;
    private final Path resumeFrom;
    private final TrainingCallbacks extra;

    /**
     * @param resumeFrom a checkpoint to continue from, or null to start afresh
     * @param extra more callbacks (never null; {@link TrainingCallbacks#NONE})
     */
    public TrainingJob(Trainer trainer, ExampleSource train, ExampleSource validation, Path checkpointDir, Path resumeFrom,
            TrainingCallbacks extra) {
        this.trainer = trainer;
        this.train = train;
        this.validation = validation;
        this.checkpointDir = checkpointDir;
        this.resumeFrom = resumeFrom;
        this.extra = extra;
    }

    @Override
    public String name() {
        return "Train " + trainer.spec().name();
    }

    @Override
    public Lane lane() {
        return Lane.DEVICE;
    }

    @Override
    public long memoryBytes() {
        return estimateBytes(trainer.spec(), trainer.config().batchSize());
    }

    @Override
    public TrainingResult run(JobContext context) throws Exception {
        TrainingCallbacks cb = new TrainingCallbacks() {
            @Override
            public boolean isCancelled() {
                return context.isCancelled() || extra.isCancelled();
            }

            @Override
            public void onIteration(IterationMetrics m) {
                context.metric("loss", m.iteration(), m.loss());
                if (!Double.isNaN(m.accuracy()))
                    context.metric("accuracy", m.iteration(), m.accuracy());
                extra.onIteration(m);
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                for (String name : List.of("train_loss", "val_loss", "val_accuracy", "val_macro_f1", "val_dice")) {
                    double v = m.get(name);
                    if (!Double.isNaN(v))
                        context.metric(name, m.epoch(), v);
                }
                context.metric("learning_rate", m.epoch(), m.learningRate());
                extra.onEpoch(m);
            }

            @Override
            public void onProgress(double fraction, String message) {
                context.progress(fraction, message);
                extra.onProgress(fraction, message);
            }
        };
        return resumeFrom == null ? trainer.train(train, validation, checkpointDir, cb)
                : trainer.resume(resumeFrom, train, validation, checkpointDir, cb);
    }

    /**
     * Peak training memory from the spec alone: parameters with gradients and two Adam moments, plus a batch of
     * activations kept for back-propagation with as much again for gradients and workspaces, plus a fixed 64 MiB.
     */
    public static long estimateBytes(ModelSpec spec, int batchSize) {
        long[] pa = new long[2];
        count(SpecShapes.infer(spec), spec.inputShape().dims(), pa);
        long params = pa[0], activations = pa[1] + spec.inputShape().size();
        return 4L * params * 4 + 4L * batchSize * activations * 3 + (64L << 20);
    }

    private static void count(List<SpecShapes.Node> nodes, int dims, long[] pa) {
        for (SpecShapes.Node n : nodes) {
            Shape in = n.input(), out = n.output();
            pa[1] += out.size();
            LayerSpec l = n.layer();
            switch (l.type()) {
                case CONV -> {
                    long k = 1;
                    for (int v : expand(l.kernel(), in.dims()))
                        k *= v;
                    pa[0] += k * in.channels() * out.channels() + out.channels();
                }
                case DENSE -> pa[0] += in.size() * out.channels() + out.channels();
                case BATCHNORM -> pa[0] += 4L * in.channels();
                case OUTPUT -> pa[0] += (long) in.channels() * out.channels() + out.channels();
                case RESIDUAL -> {
                    count(n.inner(), dims, pa);
                    if (n.projectionStride() != null)
                        pa[0] += (long) in.channels() * out.channels() + out.channels();
                }
                default -> {
                }
            }
        }
    }

    private static int[] expand(int[] v, int dims) {
        if (v.length == dims)
            return v;
        int[] r = new int[dims];
        java.util.Arrays.fill(r, v[0]);
        return r;
    }
}
