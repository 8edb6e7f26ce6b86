package convbench.ct.seg;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.core.spec.ModelSpec;
import convbench.core.train.Trainer;
import convbench.core.train.TrainingCallbacks;
import convbench.core.train.TrainingConfig;
import convbench.core.train.TrainingJob;
import convbench.core.train.TrainingResult;
import convbench.ct.api.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.api.Model;

/**
 * The whole lesion-insertion training as one compute-service job (device lane): read each training volume, insert
 * {@code draws} lesion sets into it, train the 3D U-Net (live "loss" per iteration, "train_loss", "val_loss" and
 * "val_dice" per epoch, cancel between batches); before the last {@code minedEpochs} epochs, run the network over the
 * training cases and add its false positives to the hard negatives; then choose the operating point
 * ({@link Calibration}) on {@code calibrationDraws} new lesion draws of the training volumes and write the model file.
 * What CT > Train Segmentation... and {@code ct train} run.
 */
public final class LesionTrainingJob implements ComputeJob<LesionTrainingJob.Result> {
    /** Reads a volume (DICOM folder, NIfTI, InVesalius) with errors that name the file. */
    public interface VolumeReader {
        Volume read(Path p) throws Exception;
    }

    /** Seed offset of the calibration draws: other lesions than the training draws' (seed + 1000 v + d) and the test's. */
    public static final long CALIBRATION_SEED = 500_000;

    /**
     * @param minedFalsePositives per training case, the false positives added to the hard negatives
     * @param info what the model file records (with the operating point and calibration figures)
     */
    public record Result(TrainingResult training, List<LesionCase> cases, Path model, double seconds,
            List<Integer> minedFalsePositives, LesionSegmenter.Info info) {
    }

    private final List<Path> volumes;
    private final VolumeReader reader;
    private final LesionSegmenter.Settings settings;
    private final LesionInserter.Settings lesions;
    private final int draws;
    private final int calibrationDraws;
    private final Path out;
    private final TrainingCallbacks extra;

    public LesionTrainingJob(List<Path> volumes, VolumeReader reader, LesionSegmenter.Settings settings,
            LesionInserter.Settings lesions, int draws, int calibrationDraws, Path out, TrainingCallbacks extra) {
        if (volumes.isEmpty())
            throw new IllegalArgumentException("no training volumes");
        if (calibrationDraws < 1)
            throw new IllegalArgumentException("at least one calibration draw per volume, got " + calibrationDraws);
        this.calibrationDraws = calibrationDraws;
        this.volumes = List.copyOf(volumes);
        this.reader = reader;
        this.settings = settings;
        this.lesions = lesions;
        this.draws = draws;
        this.out = out;
        this.extra = extra;
    }

    @Override
    public String name() {
        return "Train lesion segmenter on " + volumes.size() + " volume(s)";
    }

    @Override
    public Lane lane() {
        return Lane.DEVICE;
    }

    @Override
    public long memoryBytes() {
        // the network in training plus the cases on the task grid (a few 100 MB at most at 2 mm)
        return TrainingJob.estimateBytes(LesionSegmenter.spec(settings.patch(), settings.baseFilters(), 0), settings.batch())
                + (256L << 20);
    }

    /** Lesion cases of each volume, seeded by the settings' seed, the volume and the draw. */
    public static List<LesionCase> cases(List<Path> volumes, VolumeReader reader, double spacing, LesionInserter.Settings s,
            int draws, long seed, JobContext context) throws Exception {
        List<LesionCase> out = new ArrayList<>();
        for (int v = 0; v < volumes.size(); v++) {
            Path p = volumes.get(v);
            context.checkCancelled();
            context.progress(0, "reading " + p);
            Volume vol = read(reader, p);
            for (int d = 0; d < draws; d++) {
                context.progress(0, String.format(Locale.ROOT, "inserting lesions into %s (draw %d of %d)", p.getFileName(), d + 1, draws));
                out.add(LesionCase.of(p.toString(), vol, spacing, s, seed + 1000L * v + d));
            }
        }
        return out;
    }

    /**
     * The device lane runs jobs with ND4J's class loader as the thread's context loader; the DICOM toolkit fails under
     * it (PixelMed then looks for slf4j), so volumes are read with the reader's own bundle as the context loader.
     */
    private static Volume read(VolumeReader reader, Path p) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(reader.getClass().getClassLoader());
        try {
            return reader.read(p);
        } finally {
            t.setContextClassLoader(old);
        }
    }

    @Override
    public Result run(JobContext context) throws Exception {
        long t0 = System.nanoTime();
        List<LesionCase> cases = cases(volumes, reader, settings.spacingMm(), lesions, draws, settings.seed(), context);
        // per-epoch metrics at the iteration where the epoch ends, so that a live chart puts them beside the loss
        long perEpoch = (settings.patches() + settings.batch() - 1) / settings.batch();
        double share = (double) (settings.epochs() - settings.minedEpochs()) / settings.epochs();
        JobContext charted = chartedContext(context, perEpoch, 1);
        LesionSegmenter.Info info = LesionSegmenter.info(settings, volumes.stream().map(Path::toString).toList(), lesions, draws);
        PatchSampler[] p = LesionSegmenter.samplers(cases, settings);
        ModelSpec spec = LesionSegmenter.weightedSpec(settings);
        TrainingResult r;
        List<Integer> mined = new ArrayList<>();
        if (settings.minedEpochs() == 0) {
            r = new TrainingJob(new Trainer(spec, LesionSegmenter.config(settings)), p[0], p[1], null, null, extra).run(charted);
        } else {
            Path dir = Files.createTempDirectory("convbench-ct-train");
            try {
                // first stage at the full learning rate; the cosine decay runs over all epochs in the second
                TrainingConfig first = new TrainingConfig().epochs(settings.epochs() - settings.minedEpochs()).batchSize(settings.batch())
                        .learningRate(settings.learningRate()).validationFraction(0).iterationAccuracy(false).seed(settings.seed());
                TrainingResult r1 = new TrainingJob(new Trainer(spec, first), p[0], p[1], dir, null, extra)
                        .run(chartedContext(context, perEpoch, share));
                List<List<int[]>> fps = new ArrayList<>();
                for (int c = 0; c < cases.size(); c++) {
                    context.checkCancelled();
                    context.progress(share, "mining false positives: case " + (c + 1) + " of " + cases.size());
                    fps.add(falsePositives(r1.network(), info, cases.get(c), context));
                    mined.add(fps.get(c).size());
                }
                r = new TrainingJob(new Trainer(spec, LesionSegmenter.config(settings)), p[0].withMined(fps), p[1], null,
                        dir.resolve(Trainer.CHECKPOINT), extra).run(charted);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList())
                        Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            }
        }
        List<LesionCase> calibration = cases(volumes, reader, settings.spacingMm(), lesions, calibrationDraws,
                settings.seed() + CALIBRATION_SEED, context);
        List<Volume> probabilities = new ArrayList<>();
        for (int c = 0; c < calibration.size(); c++) {
            context.checkCancelled();
            String what = String.format(Locale.ROOT, "choosing thresholds on new lesion draws: case %d of %d", c + 1, calibration.size());
            probabilities.add(LesionSegmenter.probabilityOnGrid(r.network(), info, calibration.get(c).image(), AnalysisJob.WINDOW,
                    AnalysisJob.OVERLAP, context::isCancelled, (f, m) -> context.progress(0.99, what)));
        }
        Calibration.Choice choice = Calibration.choose(calibration, probabilities);
        info = info.calibrated(choice.thresholds(), choice.figures());
        context.progress(1, "writing " + out);
        LesionSegmenter.save(out, r, info);
        return new Result(r, cases, out, (System.nanoTime() - t0) / 1e9, mined, info);
    }

    /**
     * The job's context for a training stage: progress scaled to the stage's share of all epochs, and per-epoch
     * metrics at the iteration where the epoch ends, so that a live chart puts them beside the loss.
     */
    private static JobContext chartedContext(JobContext context, long perEpoch, double share) {
        return new JobContext() {
            @Override
            public void progress(double fraction, String message) {
                context.progress(fraction < 0 ? fraction : fraction * share, message);
            }

            @Override
            public boolean isCancelled() {
                return context.isCancelled();
            }

            @Override
            public void metric(String name, long step, double value) {
                context.metric(name, name.equals("loss") ? step : step * perEpoch, value);
            }
        };
    }

    /** Centres of the components of p >= 0.5 that hit no lesion of the case. */
    static List<int[]> falsePositives(Model net, LesionSegmenter.Info info, LesionCase c, JobContext context) {
        Volume prob = LesionSegmenter.probabilityOnGrid(net, info, c.image(), AnalysisJob.WINDOW, AnalysisJob.OVERLAP,
                context::isCancelled, (f, m) -> {
                });
        List<Detections.Candidate> found = Detections.find(prob, 0.5);
        int[] hit = LesionEvaluation.match(found, c.lesions());
        List<int[]> out = new ArrayList<>();
        for (int d = 0; d < found.size(); d++)
            if (hit[d] < 0) {
                double[] x = found.get(d).centre();
                out.add(new int[] { (int) Math.round(x[0]), (int) Math.round(x[1]), (int) Math.round(x[2]) });
            }
        return out;
    }
}
