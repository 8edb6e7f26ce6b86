package convbench.ct.seg;

import convbench.ct.api.Volume;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Inserts synthetic lesions into a real CT volume: an ellipsoid's exact partial-volume fraction (4x4x4 sub-samples a
 * voxel), blurred with a Gaussian of the chosen sigma, replaces the tissue by lesion material whose value is the local
 * background plus the contrast, with white noise of the local noise level, so that the lesion is not told apart by
 * its smoothness: {@code v' = v + p (background + contrast + noise - v)}. Lesions are placed only where the enlarged
 * ellipsoid lies in soft tissue ({@link #TISSUE_MIN_HU}..{@link #TISSUE_MAX_HU}), never in air or bone, and do not
 * touch each other. The label is 1 where the unblurred fraction is at least one half.
 */
public final class LesionInserter {
    public static final double TISSUE_MIN_HU = -150, TISSUE_MAX_HU = 200;
    /** Share of the enlarged ellipsoid that must be soft tissue (small vessels and calcifications may cross it). */
    static final double TISSUE_SHARE = 0.97;
    /** Voxels of tissue kept around a lesion when it is placed. */
    static final double MARGIN = 2;
    private static final int SUB = 4;

    /** What to insert: radii (mm), contrast range (HU, may be negative), blur sigma (mm), how many per volume. */
    public record Settings(double radiusMinMm, double radiusMaxMm, double contrastMinHu, double contrastMaxHu, double blurMm,
            double ellipsoidShare, int lesions) {
        public Settings {
            if (!(radiusMinMm > 0) || radiusMaxMm < radiusMinMm)
                throw new IllegalArgumentException("lesion radius range must be positive and ordered: " + radiusMinMm + ".." + radiusMaxMm);
            if (contrastMaxHu < contrastMinHu)
                throw new IllegalArgumentException("contrast range must be ordered: " + contrastMinHu + ".." + contrastMaxHu);
            if (blurMm < 0)
                throw new IllegalArgumentException("blur must not be negative: " + blurMm);
            if (lesions < 1)
                throw new IllegalArgumentException("at least one lesion per volume, got " + lesions);
        }

        public static Settings defaults() {
            return new Settings(5, 10, 40, 100, 1.0, 0.5, 4);
        }
    }

    private LesionInserter() {
    }

    /**
     * Draws and places up to {@code s.lesions()} lesions (fewer when the volume has no room left), without inserting
     * them.
     */
    public static List<Lesion> place(Volume v, Settings s, Random rnd) {
        double[] sp = v.spacing();
        List<Lesion> placed = new ArrayList<>();
        for (int n = 0; n < s.lesions(); n++) {
            for (int attempt = 0; attempt < 3000; attempt++) {
                double r = s.radiusMinMm() + rnd.nextDouble() * (s.radiusMaxMm() - s.radiusMinMm());
                double[] radii = new double[3];
                boolean ellipsoid = rnd.nextDouble() < s.ellipsoidShare();
                for (int c = 0; c < 3; c++)
                    radii[c] = (ellipsoid ? r * (0.6 + 0.8 * rnd.nextDouble()) : r) / sp[c];
                double[] centre = new double[3];
                boolean fits = true;
                for (int c = 0; c < 3 && fits; c++) {
                    double lo = radii[c] + MARGIN + 1, hi = v.dims()[c] - 1 - radii[c] - MARGIN - 1;
                    fits = hi > lo;
                    centre[c] = lo + rnd.nextDouble() * (hi - lo);
                }
                double contrast = s.contrastMinHu() + rnd.nextDouble() * (s.contrastMaxHu() - s.contrastMinHu());
                Lesion l = new Lesion(centre, radii, contrast, s.blurMm(), Double.NaN, Double.NaN);
                if (fits && apart(l, placed) && inTissue(v, l)) {
                    placed.add(l);
                    break;
                }
            }
        }
        return placed;
    }

    private static boolean apart(Lesion l, List<Lesion> others) {
        for (Lesion o : others) {
            double d2 = 0;
            for (int c = 0; c < 3; c++)
                d2 += (l.centre()[c] - o.centre()[c]) * (l.centre()[c] - o.centre()[c]);
            double min = l.maxRadius() + o.maxRadius() + 2 * MARGIN + 2;
            if (d2 < min * min)
                return false;
        }
        return true;
    }

    /** Whether the ellipsoid grown by {@link #MARGIN} voxels lies (almost) all in soft tissue. */
    static boolean inTissue(Volume v, Lesion l) {
        double[] grown = { l.radii()[0] + MARGIN, l.radii()[1] + MARGIN, l.radii()[2] + MARGIN };
        Lesion g = new Lesion(l.centre(), grown, 0, 0, 0, 0);
        int[][] box = box(v, g.centre(), grown, 0);
        long inside = 0, tissue = 0;
        for (int k = box[2][0]; k <= box[2][1]; k++)
            for (int j = box[1][0]; j <= box[1][1]; j++)
                for (int i = box[0][0]; i <= box[0][1]; i++)
                    if (g.normalisedDistance2(i, j, k) <= 1) {
                        inside++;
                        float hu = v.get(i, j, k);
                        if (hu >= TISSUE_MIN_HU && hu <= TISSUE_MAX_HU)
                            tissue++;
                    }
        return inside > 0 && tissue >= TISSUE_SHARE * inside;
    }

    /** {background median, noise sigma} of the soft tissue in a box around a lesion. */
    public static double[] localStats(Volume v, double[] centre, double[] radii) {
        int[][] b = box(v, centre, radii, 4);
        List<Float> values = new ArrayList<>();
        List<Float> diffs = new ArrayList<>();
        for (int k = b[2][0]; k <= b[2][1]; k++)
            for (int j = b[1][0]; j <= b[1][1]; j++)
                for (int i = b[0][0]; i <= b[0][1]; i++) {
                    float a = v.get(i, j, k);
                    if (!tissue(a))
                        continue;
                    values.add(a);
                    if (i < b[0][1]) {
                        float c = v.get(i + 1, j, k);
                        if (tissue(c))
                            diffs.add(c - a);
                    }
                }
        if (values.isEmpty())
            return new double[] { 0, 0 };
        double median = median(values);
        // robust sigma of neighbour differences (MAD); a difference of two independent voxels has sqrt(2) sigma
        double dm = median(diffs);
        List<Float> dev = new ArrayList<>(diffs.size());
        for (float d : diffs)
            dev.add((float) Math.abs(d - dm));
        double sigma = diffs.isEmpty() ? 0 : 1.4826 * median(dev) / Math.sqrt(2);
        return new double[] { median, sigma };
    }

    private static boolean tissue(float hu) {
        return hu >= TISSUE_MIN_HU && hu <= TISSUE_MAX_HU;
    }

    private static double median(List<Float> values) {
        if (values.isEmpty())
            return 0;
        float[] a = new float[values.size()];
        for (int i = 0; i < a.length; i++)
            a[i] = values.get(i);
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
    }

    /**
     * Inserts one lesion into {@code image} (changed in place) and marks it 1 in {@code labels} (same grid).
     *
     * @return the lesion with the local background and noise level it was given
     */
    public static Lesion insert(Volume image, Volume labels, Lesion l, Random rnd) {
        double[] stats = localStats(image, l.centre(), l.radii());
        double background = stats[0], sigma = stats[1];
        double[] sp = image.spacing();
        double[] blur = { l.blurMm() / sp[0], l.blurMm() / sp[1], l.blurMm() / sp[2] };
        double[] reach = new double[3];
        for (int c = 0; c < 3; c++)
            reach[c] = l.radii()[c] + 3 * blur[c] + 1;
        int[][] b = box(image, l.centre(), reach, 0);
        int nx = b[0][1] - b[0][0] + 1, ny = b[1][1] - b[1][0] + 1, nz = b[2][1] - b[2][0] + 1;
        float[] fraction = partialVolume(l, b, nx, ny, nz);
        float[] blurred = fraction.clone();
        for (int axis = 0; axis < 3; axis++)
            gaussian(blurred, nx, ny, nz, axis, blur[axis]);
        for (int k = 0; k < nz; k++)
            for (int j = 0; j < ny; j++)
                for (int i = 0; i < nx; i++) {
                    int idx = (k * ny + j) * nx + i;
                    int gi = b[0][0] + i, gj = b[1][0] + j, gk = b[2][0] + k;
                    double p = blurred[idx];
                    if (p > 1e-4) {
                        double v = image.get(gi, gj, gk);
                        double lesion = background + l.contrastHu() + sigma * rnd.nextGaussian();
                        image.set(gi, gj, gk, v + p * (lesion - v));
                    }
                    if (labels != null && fraction[idx] >= 0.5)
                        labels.set(gi, gj, gk, 1);
                }
        return l.withLocal(sigma, background);
    }

    /** The ellipsoid's share of each voxel of the box, by 4x4x4 sub-samples. */
    static float[] partialVolume(Lesion l, int[][] b, int nx, int ny, int nz) {
        float[] f = new float[nx * ny * nz];
        for (int k = 0; k < nz; k++)
            for (int j = 0; j < ny; j++)
                for (int i = 0; i < nx; i++) {
                    int gi = b[0][0] + i, gj = b[1][0] + j, gk = b[2][0] + k;
                    // whole voxel clearly inside or outside: skip the sub-samples
                    double d = Math.sqrt(l.normalisedDistance2(gi, gj, gk));
                    double half = 0.9 / Math.min(l.radii()[0], Math.min(l.radii()[1], l.radii()[2]));
                    int idx = (k * ny + j) * nx + i;
                    if (d < 1 - half) {
                        f[idx] = 1;
                        continue;
                    }
                    if (d > 1 + half)
                        continue;
                    int in = 0;
                    for (int c = 0; c < SUB; c++)
                        for (int bb = 0; bb < SUB; bb++)
                            for (int a = 0; a < SUB; a++)
                                if (l.normalisedDistance2(gi + (a + 0.5) / SUB - 0.5, gj + (bb + 0.5) / SUB - 0.5,
                                        gk + (c + 0.5) / SUB - 0.5) <= 1)
                                    in++;
                    f[idx] = in / (float) (SUB * SUB * SUB);
                }
        return f;
    }

    /** Separable Gaussian along one axis of an nx*ny*nz block (zero outside; the block reaches 3 sigma past the lesion). */
    static void gaussian(float[] a, int nx, int ny, int nz, int axis, double sigma) {
        if (sigma < 1e-3)
            return;
        int r = (int) Math.ceil(3 * sigma);
        double[] w = new double[2 * r + 1];
        double sum = 0;
        for (int t = -r; t <= r; t++)
            sum += w[t + r] = Math.exp(-0.5 * t * t / (sigma * sigma));
        for (int t = 0; t < w.length; t++)
            w[t] /= sum;
        int n = axis == 0 ? nx : axis == 1 ? ny : nz;
        int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
        float[] line = new float[n];
        for (int k = 0; k < (axis == 2 ? 1 : nz); k++)
            for (int j = 0; j < (axis == 1 ? 1 : ny); j++)
                for (int i = 0; i < (axis == 0 ? 1 : nx); i++) {
                    int base = (k * ny + j) * nx + i;
                    for (int t = 0; t < n; t++)
                        line[t] = a[base + t * stride];
                    for (int t = 0; t < n; t++) {
                        double s = 0;
                        for (int u = -r; u <= r; u++) {
                            int q = t + u;
                            if (q >= 0 && q < n)
                                s += w[u + r] * line[q];
                        }
                        a[base + t * stride] = (float) s;
                    }
                }
    }

    /** Index box {min, max} per axis around a centre, grown by {@code pad} voxels, clipped to the volume. */
    static int[][] box(Volume v, double[] centre, double[] radii, double pad) {
        int[][] b = new int[3][2];
        int[] dims = v.dims();
        for (int c = 0; c < 3; c++) {
            b[c][0] = Math.max(0, (int) Math.floor(centre[c] - radii[c] - pad));
            b[c][1] = Math.min(dims[c] - 1, (int) Math.ceil(centre[c] + radii[c] + pad));
        }
        return b;
    }
}
