package convbench.ekg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Beat-by-beat comparison of detected beats with reference beat annotations (ANSI/AAMI EC38/EC57 style): a
 * detection within the match window (150 ms) of a reference beat is a true positive, each pairing one-to-one,
 * nearest first.
 */
public final class BeatScorer {
    /** EC38/EC57 match window in seconds. */
    public static final double MATCH_WINDOW_SECONDS = 0.150;

    private BeatScorer() {
    }

    /** Counts and the derived sensitivity Se = TP/(TP+FN) and positive predictivity +P = TP/(TP+FP). */
    public record Score(long tp, long fp, long fn) {
        public double se() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        public double ppv() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        public Score plus(Score o) {
            return new Score(tp + o.tp, fp + o.fp, fn + o.fn);
        }

        public static final Score ZERO = new Score(0, 0, 0);
    }

    /** Sample numbers of the beat annotations ({@link Annotation#isBeat()}) of a record. */
    public static long[] referenceBeats(List<Annotation> annotations) {
        return annotations.stream().filter(Annotation::isBeat).mapToLong(Annotation::sample).toArray();
    }

    /**
     * The ventricular flutter/fibrillation episodes ({@code [} to {@code ]}) of a record as {@code [start, end]}
     * sample pairs: EC57 excludes them from QRS detection scoring (an episode left open runs to the end).
     */
    public static long[][] vfEpisodes(List<Annotation> annotations) {
        List<long[]> out = new ArrayList<>();
        long start = -1;
        for (Annotation a : annotations) {
            if (a.code() == AnnotationCodes.VFON && start < 0)
                start = a.sample();
            else if (a.code() == AnnotationCodes.VFOFF && start >= 0) {
                out.add(new long[] {start, a.sample()});
                start = -1;
            }
        }
        if (start >= 0)
            out.add(new long[] {start, Long.MAX_VALUE});
        return out.toArray(long[][]::new);
    }

    /** Drops the positions that fall inside any of the {@code [start, end]} intervals. */
    public static long[] outside(long[] positions, long[][] intervals) {
        return Arrays.stream(positions).filter(p -> !inside(p, intervals)).toArray();
    }

    /** Drops the positions that fall inside any of the {@code [start, end]} intervals. */
    public static int[] outside(int[] positions, long[][] intervals) {
        return Arrays.stream(positions).filter(p -> !inside(p, intervals)).toArray();
    }

    private static boolean inside(long p, long[][] intervals) {
        for (long[] iv : intervals)
            if (p >= iv[0] && p <= iv[1])
                return true;
        return false;
    }

    /** Scores detections against reference beats; both in samples at {@code fs}. */
    public static Score score(long[] reference, int[] detected, double fs) {
        return score(reference, detected, fs, MATCH_WINDOW_SECONDS);
    }

    public static Score score(long[] reference, int[] detected, double fs, double windowSeconds) {
        long[] ref = reference.clone();
        int[] det = detected.clone();
        Arrays.sort(ref);
        Arrays.sort(det);
        long w = Math.round(windowSeconds * fs);
        // candidate pairs within the window (few per beat), then greedy one-to-one pairing by distance
        List<long[]> pairs = new ArrayList<>();
        int j0 = 0;
        for (int i = 0; i < ref.length; i++) {
            while (j0 < det.length && det[j0] < ref[i] - w)
                j0++;
            for (int j = j0; j < det.length && det[j] <= ref[i] + w; j++)
                pairs.add(new long[] {Math.abs(det[j] - ref[i]), i, j});
        }
        pairs.sort((a, b) -> Long.compare(a[0], b[0]));
        boolean[] rUsed = new boolean[ref.length], dUsed = new boolean[det.length];
        long tp = 0;
        for (long[] p : pairs) {
            int i = (int) p[1], j = (int) p[2];
            if (!rUsed[i] && !dUsed[j]) {
                rUsed[i] = dUsed[j] = true;
                tp++;
            }
        }
        return new Score(tp, det.length - tp, ref.length - tp);
    }
}
