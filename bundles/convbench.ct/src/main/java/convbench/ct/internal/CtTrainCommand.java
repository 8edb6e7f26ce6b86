package convbench.ct.internal;

import convbench.compute.CliJobs;
import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.compute.ComputeService;
import convbench.core.train.EpochMetrics;
import convbench.core.train.TrainingCallbacks;
import convbench.ct.api.Volume;
import convbench.ct.seg.LesionCase;
import convbench.ct.seg.LesionInserter;
import convbench.ct.seg.LesionSegmenter;
import convbench.ct.seg.LesionTrainingJob;
import convbench.dicom.api.DicomToolkit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * {@code ct train --volumes a,b}: the lesion-insertion task's training half. Each volume is resampled to the task grid
 * and gets {@code --draws} independent sets of inserted lesions; the 3D U-Net trains on patches sampled from them and
 * is written as a model file ({@link LesionTrainingJob}, on the compute service's device lane when the service is there).
 */
@Component(service = CliCommand.class)
public final class CtTrainCommand implements CliCommand {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    private volatile DicomToolkit toolkit;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    private volatile ComputeService compute;

    public CtTrainCommand() {
    }

    /** @param compute the service to train on, or null to train in the calling thread */
    public CtTrainCommand(DicomToolkit toolkit, ComputeService compute) {
        this.toolkit = toolkit;
        this.compute = compute;
    }

    @Override
    public String area() {
        return "ct";
    }

    @Override
    public String action() {
        return "train";
    }

    @Override
    public String summary() {
        return "Train the 3D U-Net lesion segmenter on real CT volumes with inserted lesions (the lesion-insertion task)";
    }

    @Override
    public String usage() {
        LesionSegmenter.Settings d = LesionSegmenter.Settings.defaults();
        LesionInserter.Settings l = LesionInserter.Settings.defaults();
        return String.format(Locale.ROOT, "ct train --volumes <vol1,vol2,...> [--out ct-lesions.zip] [--draws %d] [--calibration-draws %d]"
                + " [--lesions %d] [--radius %s:%s (mm)] [--contrast %s:%s (HU)] [--blur %s (mm sigma)] [--spacing %s (mm)] [--patch %d]"
                + " [--patches %d (per epoch)] [--foreground %s] [--hard %s] [--epochs %d] [--mined-epochs %d] [--batch %d] [--lr %s]"
                + " [--lesion-weight %s] [--filters %d] [--seed %d] [--json]%n"
                + "  a volume is a DICOM series folder, .nii/.nii.gz or an InVesalius .inv3; the thresholds are chosen on"
                + " --calibration-draws new lesion draws of the training volumes; test on other volumes with 'ct analyze'",
                DRAWS, CALIBRATION_DRAWS, l.lesions(), num(l.radiusMinMm()), num(l.radiusMaxMm()), num(l.contrastMinHu()),
                num(l.contrastMaxHu()), num(l.blurMm()), num(d.spacingMm()), d.patch(), d.patches(), num(d.foreground()), num(d.hard()),
                d.epochs(), d.minedEpochs(), d.batch(), num(d.learningRate()), num(d.lesionWeight()), d.baseFilters(), d.seed());
    }

    /** Lesion draws per training volume and calibration draws per training volume. */
    static final int DRAWS = 6, CALIBRATION_DRAWS = 3;

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static LesionInserter.Settings lesionSettings(CliArgs args) throws CliException {
        LesionInserter.Settings d = LesionInserter.Settings.defaults();
        double[] r = CtSupport.range(args, "radius", d.radiusMinMm(), d.radiusMaxMm());
        double[] c = CtSupport.range(args, "contrast", d.contrastMinHu(), d.contrastMaxHu());
        try {
            return new LesionInserter.Settings(r[0], r[1], c[0], c[1], args.number("blur", d.blurMm()),
                    args.number("ellipsoids", d.ellipsoidShare()), args.integer("lesions", d.lesions()));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    static List<Object> casesJson(List<LesionCase> cases) {
        List<Object> out = new ArrayList<>();
        for (LesionCase c : cases) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", c.source());
            m.put("grid", List.of(c.image().nx(), c.image().ny(), c.image().nz()));
            m.put("lesions", c.lesions().size());
            m.put("lesionVoxels", c.foregroundVoxels());
            m.put("noiseSigmaHu", c.lesions().stream().map(l -> CtSupport.round(l.noiseSigmaHu(), 1)).toList());
            out.add(m);
        }
        return out;
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        List<Path> volumes = CtSupport.paths(args, "volumes");
        LesionSegmenter.Settings d = LesionSegmenter.Settings.defaults();
        LesionSegmenter.Settings s;
        int epochCount = positive(args, "epochs", d.epochs());
        try {
            s = new LesionSegmenter.Settings(args.number("spacing", d.spacingMm()), args.integer("patch", d.patch()),
                    positive(args, "patches", d.patches()), args.number("foreground", d.foreground()), args.number("hard", d.hard()),
                    epochCount, args.integer("mined-epochs", Math.min(d.minedEpochs(), epochCount - 1)), positive(args, "batch", d.batch()),
                    args.number("lr", d.learningRate()), args.number("lesion-weight", d.lesionWeight()),
                    positive(args, "filters", d.baseFilters()), args.integer("seed", (int) d.seed()));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        LesionInserter.Settings lesions = lesionSettings(args);
        int draws = positive(args, "draws", DRAWS), calibrationDraws = positive(args, "calibration-draws", CALIBRATION_DRAWS);
        Path out = Path.of(args.string("out", "ct-lesions.zip")).toAbsolutePath();
        List<EpochMetrics> epochs = new ArrayList<>();
        TrainingCallbacks cb = new TrainingCallbacks() {
            @Override
            public void onProgress(double fraction, String message) {
                progress.report(fraction, message);
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                epochs.add(m);
                progress.report(-1, String.format(Locale.ROOT, "epoch %d: train loss %.4f, val loss %.4f, val Dice %.4f (%.0f s)",
                        m.epoch(), m.trainLoss(), m.valLoss(), m.valDice(), m.seconds()));
            }
        };
        // read here, in the command's thread, with the toolkit's usual class-loader context; the job gets them ready
        Map<Path, Volume> read = new LinkedHashMap<>();
        for (Path p : volumes) {
            progress.report(-1, "reading " + p);
            read.put(p, CtSupport.readVolume(toolkit, p, progress));
        }
        ComputeService service = compute;
        LesionTrainingJob.Result result;
        try {
            result = CliJobs.run(service, new LesionTrainingJob(volumes, read::get, s, lesions, draws, calibrationDraws, out, cb), progress);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        List<LesionCase> cases = result.cases();
        double seconds = result.seconds();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", out.toString());
        json.put("trainVolumes", volumes.stream().map(Path::toString).toList());
        json.put("cases", casesJson(cases));
        json.put("lesionSettings", lesions);
        json.put("spacingMm", s.spacingMm());
        json.put("patch", s.patch());
        json.put("patches", s.patches());
        json.put("foreground", s.foreground());
        json.put("hard", s.hard());
        json.put("minedEpochs", s.minedEpochs());
        json.put("minedFalsePositives", result.minedFalsePositives());
        json.put("thresholds", result.info().operatingPoint());
        json.put("calibration", result.info().calibration());
        json.put("filters", s.baseFilters());
        json.put("epochs", epochs.size());
        json.put("history", epochs.stream().map(m -> Map.of("epoch", m.epoch(), "trainLoss", m.trainLoss(), "valLoss", m.valLoss(),
                "valDice", m.valDice(), "seconds", m.seconds())).toList());
        json.put("trainSeconds", CtSupport.round(seconds, 1));
        json.put("patchesPerSecond", CtSupport.round((double) s.patches() * epochs.size()
                / epochs.stream().mapToDouble(EpochMetrics::seconds).sum(), 3));
        json.put("computeService", service != null);
        json.put("seed", s.seed());
        EpochMetrics last = epochs.get(epochs.size() - 1);
        LesionSegmenter.Thresholds t = result.info().operatingPoint();
        Map<String, Object> cal = result.info().calibration();
        String text = String.format(Locale.ROOT, "trained on %d cases (%s), %d epochs of %d patches, %.0f s; last epoch: train loss %.4f,"
                + " val loss %.4f, val Dice %.3f%nchosen on %s new lesion draws of the training volumes: lesion voxels p >= %.2f,"
                + " candidates p >= %.2f of >= %d voxels (there: Dice %.3f, sensitivity %.3f at 1 and %.3f at 4 FP/volume)%nwrote %s",
                cases.size(), String.join(", ", json.get("trainVolumes").toString()), epochs.size(), s.patches(), seconds, last.trainLoss(),
                last.valLoss(), last.valDice(), cal.get("cases"), t.segment(), t.detect(), t.minVoxels(), cal.get("dice"),
                cal.get("sensitivityAt1Fp"), cal.get("sensitivityAt4Fp"), out);
        return CliResult.of(json, text);
    }

    static int positive(CliArgs args, String name, int fallback) throws CliException {
        int v = args.integer(name, fallback);
        if (v < 1)
            throw new CliException("--" + name + " must be >= 1, got " + v);
        return v;
    }
}
