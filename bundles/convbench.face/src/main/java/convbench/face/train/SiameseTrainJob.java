package convbench.face.train;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.face.FaceAnalyzer;
import java.util.concurrent.Callable;

/**
 * {@link SiameseTraining#run} as a compute-service job on the device lane. Live metrics: "loss" and "active_fraction"
 * per iteration (J of the batch; share of its triplets with L > 0), "train_loss" and "held_out_auc" at the last
 * iteration of each epoch (one step axis for all); the extra
 * listener (a chart, the triplet view) sees every iteration with its chosen triplets. Cancelling the job stops
 * training before the next batch.
 */
public final class SiameseTrainJob implements ComputeJob<SiameseTraining.Outcome> {
    private final Callable<FaceAnalyzer> analyzer;
    private final SiameseTraining.Request request;
    private final SiameseListener extra;
    private final String run;

    public SiameseTrainJob(FaceAnalyzer analyzer, SiameseTraining.Request request, SiameseListener extra) {
        this(() -> analyzer, request, extra, null);
    }

    /**
     * @param analyzer called on the job's thread (loading the networks takes seconds: not on a UI thread)
     * @param run e.g. "run 2": makes the job's name unique, so that a chart can follow this run's metrics only
     */
    public SiameseTrainJob(Callable<FaceAnalyzer> analyzer, SiameseTraining.Request request, SiameseListener extra, String run) {
        this.analyzer = analyzer;
        this.request = request;
        this.extra = extra == null ? SiameseListener.NONE : extra;
        this.run = run;
    }

    @Override
    public String name() {
        return "Train Siamese head" + (run == null ? "" : " (" + run + ")") + ": " + SiameseTrainer.describe(request.config())
                + " on " + request.data().getFileName();
    }

    @Override
    public Lane lane() {
        return Lane.DEVICE;
    }

    @Override
    public long memoryBytes() {
        return 512L << 20; // the dlib ResNet's activations for a handful of 150x150 chips dominate
    }

    @Override
    public SiameseTraining.Outcome run(JobContext context) throws Exception {
        int epochs = request.config().epochs();
        SiameseListener l = new SiameseListener() {
            private long last;

            @Override
            public boolean isCancelled() {
                return context.isCancelled() || extra.isCancelled();
            }

            @Override
            public void onStart(EmbeddingSet train, EmbeddingSet heldOut) {
                extra.onStart(train, heldOut);
            }

            @Override
            public void onIteration(Iteration it) {
                last = it.iteration();
                context.metric("loss", last, it.loss());
                context.metric("active_fraction", last, it.active());
                extra.onIteration(it);
            }

            @Override
            public void onEpoch(Epoch e) {
                context.metric("train_loss", last, e.meanLoss());
                if (e.heldOut() != null)
                    context.metric("held_out_auc", last, e.heldOut().auc());
                context.progress(0.5 + 0.5 * e.epoch() / epochs, "epoch " + e.epoch() + "/" + epochs);
                extra.onEpoch(e);
            }
        };
        return SiameseTraining.run(analyzer.call(), request, l,
                (done, total, msg) -> context.progress(0.5 * done / Math.max(1, total), msg));
    }
}
