package convbench.ct.internal;

import convbench.compute.CliJobs;
import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.compute.ComputeService;
import convbench.ct.api.Nifti;
import convbench.ct.api.Volume;
import convbench.ct.seg.AnalysisJob;
import convbench.ct.seg.Detections;
import convbench.ct.seg.LesionCase;
import convbench.ct.seg.LesionEvaluation;
import convbench.ct.seg.LesionInserter;
import convbench.ct.seg.LesionSegmenter;
import convbench.ct.seg.LesionTrainingJob;
import convbench.dicom.api.DicomToolkit;
import convbench.dl4j.Nd4jContext;
import java.io.IOException;
import java.nio.file.Files;
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
 * {@code ct analyze --model M}: with {@code --volumes}, the lesion-insertion task's test half (lesions inserted into
 * held-out volumes, Dice/IoU and FROC sensitivity at 1 and 4 false positives per volume); with one volume, the
 * lesion probability and candidates of that volume (optionally written as NIfTI) — what CT > Run Analysis shows.
 */
@Component(service = CliCommand.class)
public final class CtAnalyzeCommand implements CliCommand {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    private volatile DicomToolkit toolkit;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    private volatile ComputeService compute;

    public CtAnalyzeCommand() {
    }

    public CtAnalyzeCommand(DicomToolkit toolkit, ComputeService compute) {
        this.toolkit = toolkit;
        this.compute = compute;
    }

    @Override
    public String area() {
        return "ct";
    }

    @Override
    public String action() {
        return "analyze";
    }

    @Override
    public String summary() {
        return "Run a lesion segmenter: the lesion-insertion test (Dice, sensitivity at 1 and 4 FP/volume) or one volume's lesion map";
    }

    @Override
    public String usage() {
        return "ct analyze --model ct-lesions.zip --volumes <vol1,vol2,...> [--draws 5] [--seed 1000000] [lesion options as the model was"
                + " trained: --lesions --radius --contrast --blur] [--window 64] [--overlap 16] [--write-cases DIR] [--json]\n"
                + "ct analyze --model ct-lesions.zip <volume> [--out probability.nii.gz] [--window 64] [--overlap 16] [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path modelFile = args.existingPath("model");
        LesionSegmenter.Loaded model;
        try {
            model = Nd4jContext.call(() -> LesionSegmenter.load(modelFile));
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e);
        }
        int window = args.integer("window", AnalysisJob.WINDOW), overlap = args.integer("overlap", AnalysisJob.OVERLAP);
        if (window % 4 != 0 || window < 8 || overlap < 0 || overlap >= window)
            throw new CliException("--window must be a multiple of 4 (at least 8) and 0 <= --overlap < --window; got " + window + " and " + overlap);
        return args.has("volumes") ? task(args, model, window, overlap, progress) : single(args, model, window, overlap, progress);
    }

    private CliResult task(CliArgs args, LesionSegmenter.Loaded model, int window, int overlap, CliProgress progress) throws Exception {
        List<Path> volumes = CtSupport.paths(args, "volumes");
        LesionInserter.Settings lesions = args.has("lesions") || args.has("radius") || args.has("contrast") || args.has("blur")
                ? CtTrainCommand.lesionSettings(args) : model.info().lesions();
        int draws = CtTrainCommand.positive(args, "draws", 5);
        long seed = args.integer("seed", 1_000_000);
        List<LesionCase> cases;
        try {
            cases = LesionTrainingJob.cases(volumes, p -> CtSupport.readVolume(toolkit, p, progress), model.info().spacingMm(),
                    lesions, draws, seed, CliJobs.context(progress));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        LesionEvaluation eval = new LesionEvaluation(model.info().operatingPoint());
        for (int i = 0; i < cases.size(); i++) {
            LesionCase c = cases.get(i);
            int n = i + 1;
            AnalysisJob.Result r = CliJobs.run(compute, new AnalysisJob(model, c.image(), c.source(), window, overlap),
                    (f, m) -> progress.report((n - 1 + Math.max(0, f)) / cases.size(), "case " + n + " of " + cases.size() + ": " + m));
            eval.add(c, r.probability(), r.seconds());
            if (args.has("write-cases"))
                writeCase(Path.of(args.required("write-cases")), i, c, r.probability());
        }
        Map<String, Object> json = eval.toMap();
        json.put("testVolumes", volumes.stream().map(Path::toString).toList());
        json.put("trainVolumes", model.info().trainVolumes());
        json.put("drawsPerVolume", draws);
        json.put("lesionSettings", lesions);
        json.put("seed", seed);
        json.put("window", window);
        json.put("overlap", overlap);
        json.put("note", "volumes = lesion cases: each test volume with --draws independent lesion sets; p = 0 outside the tissue mask;"
                + " a detection is a connected component of p >= thresholds.detect with >= thresholds.minVoxels voxels (both chosen"
                + " on the training volumes), scored by its peak probability, a hit when its centre lies within the lesion (LUNA16)");
        LesionSegmenter.Thresholds t = model.info().operatingPoint();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "lesion Dice %.3f, IoU %.3f; sensitivity %.3f at 1 FP/volume, %.3f at 4 FP/volume (%d volumes, %d lesions; lesion"
                        + " p >= %.2f, candidates p >= %.2f of >= %d voxels, as chosen on the training volumes)%n",
                json.get("dice"), json.get("iou"), json.get("sensitivityAt1Fp"), json.get("sensitivityAt4Fp"), cases.size(), json.get("lesions"),
                t.segment(), t.detect(), t.minVoxels()));
        for (LesionEvaluation.CaseResult r : eval.cases())
            text.append(String.format(Locale.ROOT, "  %s: %d lesions, Dice %.3f, %d found, %d false positives%n", r.source(), r.lesions(),
                    r.metrics().dice(1), r.truePositives(), r.falsePositives()));
        return CliResult.of(json, text.toString().stripTrailing());
    }

    /** The case's image, lesion labels and predicted probability as NIfTI (to look at, e.g. in the viewer). */
    private static void writeCase(Path dir, int i, LesionCase c, Volume probability) throws CliException {
        String base = String.format(Locale.ROOT, "case%02d_", i + 1);
        try {
            Files.createDirectories(dir);
            Nifti.write(c.image(), dir.resolve(base + "image.nii.gz"));
            Nifti.write(c.labels(), dir.resolve(base + "lesions.nii.gz"));
            Nifti.write(probability, dir.resolve(base + "probability.nii.gz"));
        } catch (IOException e) {
            throw new CliException(dir + ": cannot write the case volumes: " + e.getMessage(), e);
        }
    }

    private CliResult single(CliArgs args, LesionSegmenter.Loaded model, int window, int overlap, CliProgress progress) throws Exception {
        Path in = args.existingPathOrPositional("volume");
        Volume v = CtSupport.readVolume(toolkit, in, progress);
        AnalysisJob.Result r = CliJobs.run(compute, new AnalysisJob(model, v, in.getFileName().toString(), window, overlap), progress);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("volume", in.toString());
        json.put("size", List.of(v.nx(), v.ny(), v.nz()));
        json.put("grid", List.of(r.probability().nx(), r.probability().ny(), r.probability().nz()));
        json.put("spacingMm", model.info().spacingMm());
        json.put("seconds", CtSupport.round(r.seconds(), 2));
        json.put("thresholds", model.info().operatingPoint());
        List<Object> found = new ArrayList<>();
        for (Detections.Candidate c : r.candidates()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("score", CtSupport.round(c.score(), 4));
            m.put("voxels", c.voxels());
            m.put("centreMm", CtSupport.rounded(r.probability().world(c.centre()[0], c.centre()[1], c.centre()[2]), 1));
            m.put("volumeIndex", CtSupport.rounded(v.index(r.probability().world(c.centre()[0], c.centre()[1], c.centre()[2])), 1));
            found.add(m);
        }
        json.put("candidates", found);
        if (args.has("out")) {
            Path out = Path.of(args.required("out"));
            try {
                Nifti.write(r.probability(), out);
            } catch (IOException e) {
                throw new CliException(out + ": cannot write: " + e.getMessage(), e);
            }
            json.put("output", out.toString());
            json.put("bytes", Files.size(out));
        }
        return CliResult.of(json, String.format(Locale.ROOT, "%s: %d lesion candidates in %.1f s%s", in, found.size(), r.seconds(),
                args.has("out") ? "; wrote " + args.required("out") : ""));
    }
}
