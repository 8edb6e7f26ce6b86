package convbench.ct.seg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Free-response ROC over a set of volumes, as LUNA16 counts it: a candidate hits a lesion when its centre lies within
 * the lesion; the first (highest-scoring) hit of a lesion is a true positive, further hits of the same lesion are
 * ignored (neither true nor false), a candidate that hits no lesion is a false positive. Sensitivity at r false
 * positives per volume is the highest sensitivity of any score threshold whose false positives per volume are at most r.
 */
public final class Froc {
    /** A scored candidate of volume {@code volume}; {@code lesion} is the lesion it hits (unique over all volumes), or -1. */
    public record Mark(int volume, double score, int lesion) {
    }

    /** One threshold of the curve. */
    public record Point(double threshold, double fpPerVolume, double sensitivity) {
    }

    private final List<Mark> marks = new ArrayList<>();
    private final int volumes;
    private final int lesions;

    public Froc(int volumes, int lesions) {
        if (volumes < 1)
            throw new IllegalArgumentException("FROC needs at least one volume");
        this.volumes = volumes;
        this.lesions = lesions;
    }

    public void add(Mark m) {
        marks.add(m);
    }

    public int volumes() {
        return volumes;
    }

    public int lesions() {
        return lesions;
    }

    /** The curve, one point per distinct score (highest first), starting at no detections. */
    public List<Point> curve() {
        List<Mark> sorted = new ArrayList<>(marks);
        sorted.sort(Comparator.comparingDouble(Mark::score).reversed());
        List<Point> points = new ArrayList<>();
        points.add(new Point(Double.POSITIVE_INFINITY, 0, 0));
        Set<Integer> hit = new HashSet<>();
        int fp = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Mark m = sorted.get(i);
            if (m.lesion() < 0)
                fp++;
            else
                hit.add(m.lesion());
            // candidates with equal scores enter together
            if (i + 1 < sorted.size() && sorted.get(i + 1).score() == m.score())
                continue;
            points.add(new Point(m.score(), (double) fp / volumes, lesions == 0 ? 0 : (double) hit.size() / lesions));
        }
        return points;
    }

    /** LUNA16's competition performance metric: the mean sensitivity at 1/8, 1/4, 1/2, 1, 2, 4 and 8 FP per volume. */
    public double cpm() {
        double sum = 0;
        for (double r : new double[] { 0.125, 0.25, 0.5, 1, 2, 4, 8 })
            sum += sensitivityAt(r);
        return sum / 7;
    }

    public double sensitivityAt(double fpPerVolume) {
        double best = 0;
        for (Point p : curve())
            if (p.fpPerVolume() <= fpPerVolume + 1e-12)
                best = Math.max(best, p.sensitivity());
        return best;
    }
}
