package convbench.ct.internal;

import convbench.compute.CliJobs;
import convbench.cli.api.CliArgs;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.core.train.IterationMetrics;
import convbench.core.train.TrainingCallbacks;
import convbench.core.train.TrainingResult;
import convbench.ct.api.Volume;
import convbench.ct.seg.AnalysisJob;
import convbench.ct.seg.LesionCase;
import convbench.ct.seg.LesionInserter;
import convbench.ct.seg.LesionSegmenter;
import convbench.ct.seg.PatchSampler;
import convbench.ct.seg.SlidingWindow;
import convbench.dicom.api.DicomToolkit;
import convbench.dl4j.Nd4jContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ct bench --net <volume>}: the 3D U-Net's speed. Training patches/s: one epoch of --patches lesion patches of
 * the volume (the first batch, which allocates workspaces, left out); inference: sliding windows over a size^3 grid
 * (default 256^3 voxels at the task's 2 mm) filled with the volume's voxels, mirrored where the volume ends.
 */
final class CtNetBench {
    private CtNetBench() {
    }

    static CliResult run(DicomToolkit toolkit, CliArgs args, CliProgress progress) throws Exception {
        Path in = Path.of(args.required("net"));
        int size = args.integer("size", 256), patches = args.integer("patches", 48);
        int window = args.integer("window", AnalysisJob.WINDOW), overlap = args.integer("overlap", AnalysisJob.OVERLAP);
        if (size < 8 || patches < 8 || window % 4 != 0 || overlap < 0 || overlap >= window)
            throw new CliException("--size and --patches must be >= 8, --window a multiple of 4 above --overlap");
        LesionSegmenter.Settings d = LesionSegmenter.Settings.defaults();
        LesionSegmenter.Settings s = new LesionSegmenter.Settings(d.spacingMm(), args.integer("patch", d.patch()), patches,
                d.foreground(), d.hard(), 1, 0, d.batch(), d.learningRate(), d.lesionWeight(), args.integer("filters", d.baseFilters()), d.seed());
        Volume v = CtSupport.readVolume(toolkit, in, progress);
        LesionCase c = LesionCase.of(in.toString(), v, s.spacingMm(), LesionInserter.Settings.defaults(), 42);
        long[] firstEnd = { 0 }, lastEnd = { 0 };
        int[] batches = { 0 };
        TrainingCallbacks cb = new TrainingCallbacks() {
            @Override
            public void onIteration(IterationMetrics m) {
                batches[0]++;
                lastEnd[0] = System.nanoTime();
                if (batches[0] == 1)
                    firstEnd[0] = lastEnd[0];
                progress.report(-1, "training batch " + batches[0]);
            }
        };
        TrainingResult r = CliJobs.run(null, LesionSegmenter.job(List.of(c), s, cb), progress);
        double trainSeconds = (lastEnd[0] - firstEnd[0]) / 1e9;
        double patchesPerSecond = (batches[0] - 1) * s.batch() / trainSeconds;

        Volume grid = Volume.ofShorts(size, size, size, new double[] { s.spacingMm(), s.spacingMm(), s.spacingMm() }, new double[3],
                Volume.identityAxes());
        Volume src = c.image();
        for (int k = 0; k < size; k++)
            for (int j = 0; j < size; j++)
                for (int i = 0; i < size; i++)
                    grid.shortSlice(k)[j * size + i] = src.shortSlice(mirror(k, src.nz()))[mirror(j, src.ny()) * src.nx() + mirror(i, src.nx())];
        SlidingWindow.Model net = LesionSegmenter.windowModel(r.network());
        long t0 = System.nanoTime();
        int windows = Nd4jContext.call(() -> new SlidingWindow(window, overlap).run(grid, hu -> PatchSampler.normalise(hu), net,
                (k, values) -> {
                }, () -> false, (f, m) -> progress.report(f, "inference: " + m)));
        double inferSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("volume", in.toString());
        json.put("filters", s.baseFilters());
        json.put("patch", s.patch());
        json.put("batch", s.batch());
        json.put("trainingPatchesTimed", (batches[0] - 1) * s.batch());
        json.put("trainingPatchesPerSecond", CtSupport.round(patchesPerSecond, 3));
        json.put("inferenceGrid", List.of(size, size, size));
        json.put("inferenceSpacingMm", s.spacingMm());
        json.put("window", window);
        json.put("overlap", overlap);
        json.put("windows", windows);
        json.put("inferenceSeconds", CtSupport.round(inferSeconds, 2));
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("note", "training: one epoch, first batch (workspace set-up) not timed; inference: a freshly trained network of the same"
                + " shape over a " + size + "^3 grid filled with the volume's voxels (mirrored), Gaussian-blended windows");
        return CliResult.of(json, String.format(Locale.ROOT, "3D U-Net (%d filters, %d^3 patches): training %.2f patches/s; inference over"
                + " %d^3 voxels: %.1f s (%d windows of %d^3, overlap %d)", s.baseFilters(), s.patch(), patchesPerSecond, size, inferSeconds,
                windows, window, overlap));
    }

    private static int mirror(int i, int n) {
        int p = 2 * n;
        int m = i % p;
        return m < n ? m : p - 1 - m;
    }
}
