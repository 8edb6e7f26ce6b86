package convbench.core.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Overlap of predicted and reference label maps, pooled over everything added: per label Dice = 2|A∩B|/(|A|+|B|)
 * and IoU (Jaccard) = |A∩B|/|A∪B|. When a label is absent from both, Dice and IoU are 1 (perfect agreement that
 * it is absent).
 */
public final class SegmentationMetrics {
    private final long[] tp;
    private final long[] fp;
    private final long[] fn;

    public SegmentationMetrics(int labels) {
        tp = new long[labels];
        fp = new long[labels];
        fn = new long[labels];
    }

    /** Voxel-wise labels (same length, C order). */
    public void add(int[] reference, int[] predicted) {
        if (reference.length != predicted.length)
            throw new IllegalArgumentException(reference.length + " reference labels but " + predicted.length + " predicted");
        for (int i = 0; i < reference.length; i++) {
            int r = reference[i], p = predicted[i];
            if (r == p) {
                tp[r]++;
            } else {
                fn[r]++;
                fp[p]++;
            }
        }
    }

    /** One-hot labels and class scores, [N, K, ...spatial] each. */
    public void add(INDArray labels, INDArray scores) {
        add(Classes.argMax(labels), Classes.argMax(scores));
    }

    public int labels() {
        return tp.length;
    }

    public double dice(int label) {
        long den = 2 * tp[label] + fp[label] + fn[label];
        return den == 0 ? 1.0 : 2.0 * tp[label] / den;
    }

    public double iou(int label) {
        long den = tp[label] + fp[label] + fn[label];
        return den == 0 ? 1.0 : (double) tp[label] / den;
    }

    /** Mean Dice over labels {@code from}..K-1 (from = 1 leaves the background out). */
    public double meanDice(int from) {
        double s = 0;
        for (int c = from; c < tp.length; c++)
            s += dice(c);
        return s / (tp.length - from);
    }

    public double meanIou(int from) {
        double s = 0;
        for (int c = from; c < tp.length; c++)
            s += iou(c);
        return s / (tp.length - from);
    }

    /** Dice of two binary masks. */
    public static double dice(boolean[] a, boolean[] b) {
        SegmentationMetrics m = new SegmentationMetrics(2);
        m.add(toInt(a), toInt(b));
        return m.dice(1);
    }

    public static double iou(boolean[] a, boolean[] b) {
        SegmentationMetrics m = new SegmentationMetrics(2);
        m.add(toInt(a), toInt(b));
        return m.iou(1);
    }

    private static int[] toInt(boolean[] mask) {
        int[] r = new int[mask.length];
        for (int i = 0; i < r.length; i++)
            r[i] = mask[i] ? 1 : 0;
        return r;
    }

    public Map<String, Object> toMap(List<String> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> per = new ArrayList<>();
        for (int c = 0; c < tp.length; c++) {
            Map<String, Object> pc = new LinkedHashMap<>();
            pc.put("label", names == null ? Integer.toString(c) : names.get(c));
            pc.put("dice", dice(c));
            pc.put("iou", iou(c));
            pc.put("tp", tp[c]);
            pc.put("fp", fp[c]);
            pc.put("fn", fn[c]);
            per.add(pc);
        }
        m.put("perLabel", per);
        if (tp.length > 1) {
            m.put("meanDiceForeground", meanDice(1));
            m.put("meanIouForeground", meanIou(1));
        }
        return m;
    }
}
