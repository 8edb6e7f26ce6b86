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
        return "ct train --volumes <vol1,vol2,...> [--out ct-lesions.zip] [--draws 2] [--lesions 4] [--radius 4:9 (mm)]"
                + " [--contrast 50:100 (HU)] [--blur 1.0 (mm sigma)] [--spacing 2.0 (mm)] [--patch 32] [--patches 160]"
                + " [--foreground 0.6] [--epochs 3] [--batch 2] [--lr 0.003] [--lesion-weight 20] [--filters 4] [--seed 42] [--json]\n"
                + "  a volume is a DICOM series folder, .nii/.nii.gz or an InVesalius .inv3; test on other volumes with 'ct analyze'";
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
        try {
            s = new LesionSegmenter.Settings(args.number("spacing", d.spacingMm()), args.integer("patch", d.patch()),
                    positive(args, "patches", d.patches()), args.number("foreground", d.foreground()), positive(args, "epochs", d.epochs()),
                    positive(args, "batch", d.batch()), args.number("lr", d.learningRate()), args.number("lesion-weight", d.lesionWeight()),
                    positive(args, "filters", d.baseFilters()), args.integer("seed", (int) d.seed()));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        LesionInserter.Settings lesions = lesionSettings(args);
        int draws = positive(args, "draws", 2);
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
            result = CliJobs.run(service, new LesionTrainingJob(volumes, read::get, s, lesions, draws, out, cb), progress);
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
        json.put("epochs", epochs.size());
        json.put("history", epochs.stream().map(m -> Map.of("epoch", m.epoch(), "trainLoss", m.trainLoss(), "valLoss", m.valLoss(),
                "valDice", m.valDice(), "seconds", m.seconds())).toList());
        json.put("trainSeconds", CtSupport.round(seconds, 1));
        json.put("patchesPerSecond", CtSupport.round((double) s.patches() * epochs.size()
                / epochs.stream().mapToDouble(EpochMetrics::seconds).sum(), 3));
        json.put("computeService", service != null);
        json.put("seed", s.seed());
        EpochMetrics last = epochs.get(epochs.size() - 1);
        String text = String.format(Locale.ROOT, "trained on %d cases (%s), %d epochs of %d patches, %.0f s; last epoch: train loss %.4f,"
                + " val loss %.4f, val Dice %.3f%nwrote %s", cases.size(), String.join(", ", json.get("trainVolumes").toString()),
                epochs.size(), s.patches(), seconds, last.trainLoss(), last.valLoss(), last.valDice(), out);
        return CliResult.of(json, text);
    }

    static int positive(CliArgs args, String name, int fallback) throws CliException {
        int v = args.integer(name, fallback);
        if (v < 1)
            throw new CliException("--" + name + " must be >= 1, got " + v);
        return v;
    }
}
