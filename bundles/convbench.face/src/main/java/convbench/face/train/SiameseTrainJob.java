package convbench.face.train;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.face.FaceAnalyzer;

/**
 * {@link SiameseTraining#run} as a compute-service job on the device lane. Live metrics: "loss" and "active" per
 * iteration (J of the batch; share of its triplets with L > 0), "train_loss" and "held_out_auc" per epoch; the extra
 * listener (a chart, the triplet view) sees every iteration with its chosen triplets. Cancelling the job stops
 * training before the next batch.
 */
public final class SiameseTrainJob implements ComputeJob<SiameseTraining.Outcome> {
    private final FaceAnalyzer analyzer;
    private final SiameseTraining.Request request;
    private final SiameseListener extra;

    public SiameseTrainJob(FaceAnalyzer analyzer, SiameseTraining.Request request, SiameseListener extra) {
        this.analyzer = analyzer;
        this.request = request;
        this.extra = extra == null ? SiameseListener.NONE : extra;
    }

    @Override
    public String name() {
        return "Train Siamese head: " + SiameseTrainer.describe(request.config()) + " on " + request.data().getFileName();
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
            @Override
            public boolean isCancelled() {
                return context.isCancelled() || extra.isCancelled();
            }

            @Override
            public void onIteration(Iteration it) {
                context.metric("loss", it.iteration(), it.loss());
                context.metric("active", it.iteration(), it.active());
                extra.onIteration(it);
            }

            @Override
            public void onEpoch(Epoch e) {
                context.metric("train_loss", e.epoch(), e.meanLoss());
                if (e.heldOut() != null)
                    context.metric("held_out_auc", e.epoch(), e.heldOut().auc());
                context.progress(0.5 + 0.5 * e.epoch() / epochs, "epoch " + e.epoch() + "/" + epochs);
                extra.onEpoch(e);
            }
        };
        return SiameseTraining.run(analyzer, request, l,
                (done, total, msg) -> context.progress(0.5 * done / Math.max(1, total), msg));
    }
}
