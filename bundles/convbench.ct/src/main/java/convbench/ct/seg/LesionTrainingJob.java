package convbench.ct.seg;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.core.train.TrainingCallbacks;
import convbench.core.train.TrainingJob;
import convbench.core.train.TrainingResult;
import convbench.ct.api.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The whole lesion-insertion training as one compute-service job (device lane): read each training volume, insert
 * {@code draws} lesion sets into it, train the 3D U-Net (live "loss" per iteration, "train_loss", "val_loss" and
 * "val_dice" per epoch, cancel between batches) and write the model file. What CT > Train Segmentation... and
 * {@code ct train} run.
 */
public final class LesionTrainingJob implements ComputeJob<LesionTrainingJob.Result> {
    /** Reads a volume (DICOM folder, NIfTI, InVesalius) with errors that name the file. */
    public interface VolumeReader {
        Volume read(Path p) throws Exception;
    }

    public record Result(TrainingResult training, List<LesionCase> cases, Path model, double seconds) {
    }

    private final List<Path> volumes;
    private final VolumeReader reader;
    private final LesionSegmenter.Settings settings;
    private final LesionInserter.Settings lesions;
    private final int draws;
    private final Path out;
    private final TrainingCallbacks extra;

    public LesionTrainingJob(List<Path> volumes, VolumeReader reader, LesionSegmenter.Settings settings,
            LesionInserter.Settings lesions, int draws, Path out, TrainingCallbacks extra) {
        if (volumes.isEmpty())
            throw new IllegalArgumentException("no training volumes");
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
        JobContext charted = new JobContext() {
            @Override
            public void progress(double fraction, String message) {
                context.progress(fraction, message);
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
        TrainingResult r = LesionSegmenter.job(cases, settings, extra).run(charted);
        context.progress(1, "writing " + out);
        LesionSegmenter.save(out, r, LesionSegmenter.info(settings, volumes.stream().map(Path::toString).toList(), lesions, draws));
        return new Result(r, cases, out, (System.nanoTime() - t0) / 1e9);
    }
}
