package convbench.ct.seg;

import convbench.ct.api.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses a segmenter's operating point on lesion cases of the training volumes with new lesion draws (never on test
 * volumes): the segment threshold with the best pooled Dice, and the detection threshold and minimum component size
 * with the best FROC (LUNA16's CPM, the mean sensitivity from 1/8 to 8 false positives per volume; ties keep the
 * lower threshold and size).
 */
public final class Calibration {
    static final double[] THRESHOLDS = { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98 };
    static final int[] MIN_VOXELS = { 1, 4, 8, 16, 32 };

    public record Choice(LesionSegmenter.Thresholds thresholds, Map<String, Object> figures) {
    }

    private Calibration() {
    }

    /** @param probabilities each case's lesion probability on its grid */
    public static Choice choose(List<LesionCase> cases, List<Volume> probabilities) {
        if (cases.isEmpty() || cases.size() != probabilities.size())
            throw new IllegalArgumentException("calibration needs one probability volume per case, got " + probabilities.size()
                    + " for " + cases.size() + " cases");
        double bestDice = -1, segment = 0.5;
        for (double t : THRESHOLDS) {
            double d = dice(cases, probabilities, t);
            if (d > bestDice) {
                bestDice = d;
                segment = t;
            }
        }
        int lesions = cases.stream().mapToInt(c -> c.lesions().size()).sum();
        double bestCpm = -1, detect = 0.5;
        int minVoxels = 1;
        Froc best = null;
        for (double t : THRESHOLDS) {
            List<List<Detections.Candidate>> found = new ArrayList<>();
            for (Volume p : probabilities)
                found.add(Detections.find(p, t));
            for (int m : MIN_VOXELS) {
                Froc f = new Froc(cases.size(), lesions);
                int offset = 0;
                for (int c = 0; c < cases.size(); c++) {
                    List<Detections.Candidate> kept = Detections.atLeast(found.get(c), m);
                    int[] hit = LesionEvaluation.match(kept, cases.get(c).lesions());
                    for (int d = 0; d < kept.size(); d++)
                        f.add(new Froc.Mark(c, kept.get(d).score(), hit[d] < 0 ? -1 : offset + hit[d]));
                    offset += cases.get(c).lesions().size();
                }
                if (f.cpm() > bestCpm) {
                    bestCpm = f.cpm();
                    detect = t;
                    minVoxels = m;
                    best = f;
                }
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("cases", cases.size());
        figures.put("lesions", lesions);
        figures.put("dice", bestDice);
        figures.put("sensitivityAt1Fp", best.sensitivityAt(1));
        figures.put("sensitivityAt4Fp", best.sensitivityAt(4));
        figures.put("cpm", bestCpm);
        return new Choice(new LesionSegmenter.Thresholds(segment, detect, minVoxels), figures);
    }

    /** Pooled lesion Dice of p >= t. */
    static double dice(List<LesionCase> cases, List<Volume> probabilities, double t) {
        long tp = 0, fp = 0, fn = 0;
        for (int c = 0; c < cases.size(); c++) {
            Volume labels = cases.get(c).labels(), p = probabilities.get(c);
            for (int k = 0; k < labels.nz(); k++) {
                short[] ref = labels.shortSlice(k);
                float[] pr = p.floatSlice(k);
                for (int i = 0; i < ref.length; i++) {
                    boolean a = ref[i] != 0, b = pr[i] >= t;
                    if (a && b)
                        tp++;
                    else if (b)
                        fp++;
                    else if (a)
                        fn++;
                }
            }
        }
        return tp + fp + fn == 0 ? 1 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
