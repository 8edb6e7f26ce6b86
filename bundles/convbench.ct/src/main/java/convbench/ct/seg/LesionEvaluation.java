package convbench.ct.seg;

import convbench.core.eval.SegmentationMetrics;
import convbench.ct.api.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Scores a segmenter on lesion cases at an operating point ({@link LesionSegmenter.Thresholds}, chosen on the training
 * volumes): voxel Dice and IoU per label (a voxel is lesion where its probability is at least the segment threshold),
 * pooled over all cases and per case, and detection: candidates ({@link Detections}) matched LUNA16-style to the
 * inserted lesions, sensitivity at 1 and 4 false positives per volume ({@link Froc}).
 */
public final class LesionEvaluation {
    private final LesionSegmenter.Thresholds thresholds;

    public LesionEvaluation(LesionSegmenter.Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** One case's figures. */
    public record CaseResult(String source, int lesions, SegmentationMetrics metrics, List<Detections.Candidate> candidates,
            int[] hitLesion, int truePositives, int falsePositives, double seconds) {
    }

    private final List<CaseResult> cases = new ArrayList<>();
    private final SegmentationMetrics pooled = new SegmentationMetrics(2);
    private final List<Froc.Mark> marks = new ArrayList<>();
    private int lesions;

    /** Runs the model over one case and adds its figures. */
    public CaseResult add(LesionSegmenter.Loaded model, LesionCase c, int window, int overlap, BooleanSupplier cancelled,
            SlidingWindow.Progress progress) {
        long t0 = System.nanoTime();
        Volume p = LesionSegmenter.probability(model, c.image(), window, overlap, cancelled, progress);
        return add(c, p, (System.nanoTime() - t0) / 1e9);
    }

    /** Adds a case whose lesion probability (on the case's grid) is known. */
    public CaseResult add(LesionCase c, Volume probability, double seconds) {
        if (!java.util.Arrays.equals(probability.dims(), c.labels().dims()))
            throw new IllegalArgumentException(c.source() + ": probability volume " + java.util.Arrays.toString(probability.dims())
                    + " is not on the case's grid " + java.util.Arrays.toString(c.labels().dims()));
        SegmentationMetrics m = new SegmentationMetrics(2);
        for (int k = 0; k < c.labels().nz(); k++) {
            short[] ref = c.labels().shortSlice(k);
            float[] pr = probability.floatSlice(k);
            int[] a = new int[ref.length], b = new int[ref.length];
            for (int t = 0; t < ref.length; t++) {
                a[t] = ref[t] != 0 ? 1 : 0;
                b[t] = pr[t] >= thresholds.segment() ? 1 : 0;
            }
            m.add(a, b);
            pooled.add(a, b);
        }
        List<Detections.Candidate> found = Detections.find(probability, thresholds);
        int volume = cases.size();
        int[] hit = match(found, c.lesions());
        java.util.Set<Integer> detected = new java.util.HashSet<>();
        int fp = 0;
        for (int d = 0; d < found.size(); d++) {
            marks.add(new Froc.Mark(volume, found.get(d).score(), hit[d] < 0 ? -1 : lesions + hit[d]));
            if (hit[d] < 0)
                fp++;
            else
                detected.add(hit[d]);
        }
        lesions += c.lesions().size();
        CaseResult r = new CaseResult(c.source(), c.lesions().size(), m, found, hit, detected.size(), fp, seconds);
        cases.add(r);
        return r;
    }

    /** The lesion (index) each candidate hits, LUNA16-style (its centre inside the lesion), or -1. */
    public static int[] match(List<Detections.Candidate> found, List<Lesion> lesions) {
        int[] hit = new int[found.size()];
        for (int d = 0; d < found.size(); d++) {
            hit[d] = -1;
            for (int l = 0; l < lesions.size(); l++)
                if (lesions.get(l).contains(found.get(d).centre())) {
                    hit[d] = l;
                    break;
                }
        }
        return hit;
    }

    public Froc froc() {
        Froc f = new Froc(Math.max(1, cases.size()), lesions);
        marks.forEach(f::add);
        return f;
    }

    public SegmentationMetrics pooled() {
        return pooled;
    }

    public List<CaseResult> cases() {
        return cases;
    }

    /** The report: {"dice","iou","sensitivityAt1Fp","sensitivityAt4Fp","volumes","lesions","perLabel","cases","froc"}. */
    public Map<String, Object> toMap() {
        Froc f = froc();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dice", pooled.dice(1));
        m.put("thresholds", thresholds);
        m.put("iou", pooled.iou(1));
        m.put("sensitivityAt1Fp", f.sensitivityAt(1));
        m.put("sensitivityAt4Fp", f.sensitivityAt(4));
        m.put("cpm", f.cpm());
        m.put("volumes", cases.size());
        m.put("lesions", lesions);
        m.put("perLabel", pooled.toMap(LesionSegmenter.CLASS_NAMES).get("perLabel"));
        List<Object> per = new ArrayList<>();
        for (CaseResult r : cases) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("source", r.source());
            c.put("lesions", r.lesions());
            c.put("dice", r.metrics().dice(1));
            c.put("iou", r.metrics().iou(1));
            c.put("candidates", r.candidates().size());
            c.put("truePositives", r.truePositives());
            c.put("falsePositives", r.falsePositives());
            c.put("seconds", Math.round(r.seconds() * 100) / 100.0);
            per.add(c);
        }
        m.put("cases", per);
        List<Object> curve = new ArrayList<>();
        for (Froc.Point p : f.curve())
            curve.add(Map.of("threshold", Double.isInfinite(p.threshold()) ? "inf" : p.threshold(), "fpPerVolume",
                    p.fpPerVolume(), "sensitivity", p.sensitivity()));
        m.put("froc", curve);
        return m;
    }
}
