package convbench.ct.seg;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.core.train.TrainingJob;
import convbench.ct.api.Volume;
import java.util.List;

/**
 * Runs a lesion segmenter over a whole volume as a compute-service job (device lane; progress per window, cancel
 * between windows): the probability volume on the model's grid and the lesion candidates.
 */
public final class AnalysisJob implements ComputeJob<AnalysisJob.Result> {
    /** Default inference window (voxels) and overlap: larger than the training patch, which the U-Net allows. */
    public static final int WINDOW = 64, OVERLAP = 16;

    public record Result(Volume probability, List<Detections.Candidate> candidates, double seconds) {
    }

    private final LesionSegmenter.Loaded model;
    private final Volume volume;
    private final String name;
    private final int window;
    private final int overlap;

    public AnalysisJob(LesionSegmenter.Loaded model, Volume volume, String name, int window, int overlap) {
        if (window % 4 != 0)
            throw new IllegalArgumentException("inference window must be a multiple of 4, got " + window);
        this.model = model;
        this.volume = volume;
        this.name = name;
        this.window = window;
        this.overlap = overlap;
    }

    @Override
    public String name() {
        return "Lesion analysis of " + name;
    }

    @Override
    public Lane lane() {
        return Lane.DEVICE;
    }

    @Override
    public long memoryBytes() {
        int[] d = Resample.dims(volume, model.info().spacingMm());
        long grid = (long) d[0] * d[1] * d[2];
        // the resampled volume (shorts), the probability (floats) and one window's depth of blending sums
        return grid * 6 + 3L * 4 * d[0] * d[1] * window + TrainingJob.estimateBytes(LesionSegmenter.spec(window, 8, 0), 1);
    }

    @Override
    public Result run(JobContext context) {
        long t0 = System.nanoTime();
        context.progress(0, "resampling " + name + " to " + model.info().spacingMm() + " mm");
        Volume p = LesionSegmenter.probability(model, volume, window, overlap, context::isCancelled, context::progress);
        context.progress(1, "finding lesion candidates");
        List<Detections.Candidate> c = Detections.find(p, model.info().operatingPoint());
        return new Result(p, c, (System.nanoTime() - t0) / 1e9);
    }
}
