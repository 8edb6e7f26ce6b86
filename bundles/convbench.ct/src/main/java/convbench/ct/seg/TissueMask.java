package convbench.ct.seg;

import convbench.ct.api.Volume;

/**
 * Where a lesion can lie: voxels whose surrounding cube of {@code 2h+1} voxels is at least {@code share} tissue-range
 * HU ({@link #MIN_HU}..{@link #MAX_HU}: soft tissue with or without an inserted lesion). Lesions are only inserted
 * where the ellipsoid grown by {@link LesionInserter#MARGIN} voxels is (almost) all soft tissue, so their centres lie
 * in this mask, while the thin partial-volume rims between bone, plastic and air (whose HU pass through the tissue
 * range) and the air do not: the detector neither looks nor counts detections there. Computed from the image alone
 * (with its lesions), as a deployed detector would.
 */
public final class TissueMask {
    /** Tissue range of the mask: wider than the insertion range so that a lesion's own HU (background + contrast) stay in. */
    public static final double MIN_HU = -200, MAX_HU = 300;
    /** Share of the cube that must be tissue. */
    public static final double SHARE = 0.8;

    private TissueMask() {
    }

    /**
     * Half width of the cube for lesions of these settings on a grid of {@code spacingMm}: the shortest semi-axis a
     * lesion can have (an ellipsoid's axes are 0.6..1.4 of its radius) plus the tissue margin kept around it.
     */
    public static int halfWidth(LesionInserter.Settings s, double spacingMm) {
        return Math.max(1, (int) Math.floor(0.6 * s.radiusMinMm() / spacingMm + LesionInserter.MARGIN));
    }

    /** The mask as a label volume (1 = a lesion may lie here) on the grid of {@code v}. */
    public static Volume of(Volume v, int h, double share) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz(), plane = nx * ny;
        // tissue counts, box-summed along x, then y (per slice), then z
        int[][] sum = new int[nz][];
        int[] line = new int[Math.max(nx, Math.max(ny, nz))];
        for (int k = 0; k < nz; k++) {
            float[] s = v.sliceValues(k);
            int[] c = new int[plane];
            for (int t = 0; t < plane; t++)
                c[t] = s[t] >= MIN_HU && s[t] <= MAX_HU ? 1 : 0;
            box(c, 0, 1, nx, ny, nx, h, line);
            box(c, 0, nx, ny, nx, 1, h, line);
            sum[k] = c;
        }
        Volume mask = Volume.ofShorts(nx, ny, nz, v.spacing(), v.origin(), v.axes()).kind(Volume.Kind.LABEL).description("lesion search mask");
        int[] col = new int[nz];
        double cube = Math.pow(2 * h + 1, 3);
        for (int t = 0; t < plane; t++) {
            for (int k = 0; k < nz; k++)
                col[k] = sum[k][t];
            box(col, 0, 1, nz, 1, 0, h, line);
            for (int k = 0; k < nz; k++)
                if (col[k] >= share * cube)
                    mask.shortSlice(k)[t] = 1;
        }
        return mask;
    }

    /**
     * Running sums of width 2h+1 (zero outside) in place along {@code lines} lines of {@code n} values each, the values
     * {@code stride} apart and the lines {@code lineStep} apart, starting at {@code base}.
     */
    private static void box(int[] a, int base, int stride, int n, int lines, int lineStep, int h, int[] buf) {
        for (int l = 0; l < lines; l++) {
            int start = base + l * lineStep;
            for (int t = 0; t < n; t++)
                buf[t] = a[start + t * stride];
            int acc = 0;
            for (int t = 0; t < Math.min(h, n); t++)
                acc += buf[t];
            for (int t = 0; t < n; t++) {
                if (t + h < n)
                    acc += buf[t + h];
                if (t - h - 1 >= 0)
                    acc -= buf[t - h - 1];
                a[start + t * stride] = acc;
            }
        }
    }

    /** Whether (fractional) voxel position ijk lies in the mask. */
    public static boolean contains(Volume mask, double[] ijk) {
        int i = (int) Math.round(ijk[0]), j = (int) Math.round(ijk[1]), k = (int) Math.round(ijk[2]);
        return i >= 0 && j >= 0 && k >= 0 && i < mask.nx() && j < mask.ny() && k < mask.nz()
                && mask.shortSlice(k)[j * mask.nx() + i] != 0;
    }

    /** Share of the volume's voxels in the mask. */
    public static double coverage(Volume mask) {
        long in = 0;
        for (int k = 0; k < mask.nz(); k++)
            for (short s : mask.shortSlice(k))
                if (s != 0)
                    in++;
        return (double) in / ((long) mask.nx() * mask.ny() * mask.nz());
    }
}
