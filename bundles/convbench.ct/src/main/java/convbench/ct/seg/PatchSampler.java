package convbench.ct.seg;

import convbench.core.data.Example;
import convbench.core.data.ExampleSource;
import convbench.ct.api.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training patches (cubes of {@code size} voxels) drawn from lesion cases: patch i is seeded by i, so it is the same
 * patch every time it is asked for. The patch mix: a share {@code foreground} is centred (give or take a quarter patch)
 * on a voxel of a lesion (foreground oversampling: lesions fill well under 1 % of a head); a share {@code hard} on hard
 * negatives: the tissue-range rims where soft tissue meets bone, plastic or air (partial volume passes through the
 * lesion HU there), and, once {@link #withMined} has given them, the false positives of an earlier network; the rest
 * lie anywhere. Features {@code [1, D, H, W]} = normalised HU ({@link #normalise}); labels one-hot {@code [2, D, H, W]}.
 */
public final class PatchSampler implements ExampleSource {
    /** HU window the network sees: soft tissue and lesions (-200..300 HU) to -2..2; air and bone saturate. */
    public static final double HU_CENTRE = 50, HU_SCALE = 125, HU_MIN = -200, HU_MAX = 300;

    private final List<LesionCase> cases;
    private final int size;
    private final int count;
    private final double foreground;
    private final double hard;
    private final long seed;
    /** Per case: linear voxel indices of the tissue rims (computed on first use). */
    private final int[][] rims;
    /** Per case: centres (i, j, k) of an earlier network's false positives. */
    private final List<List<int[]>> mined;

    public PatchSampler(List<LesionCase> cases, int size, int count, double foreground, double hard, long seed) {
        this(cases, size, count, foreground, hard, seed, null, null);
    }

    private PatchSampler(List<LesionCase> cases, int size, int count, double foreground, double hard, long seed, int[][] rims,
            List<List<int[]>> mined) {
        if (cases.isEmpty())
            throw new IllegalArgumentException("no volumes to sample patches from");
        if (size < 8)
            throw new IllegalArgumentException("patch size must be at least 8, got " + size);
        if (foreground < 0 || hard < 0 || foreground + hard > 1)
            throw new IllegalArgumentException("foreground and hard-negative shares must be >= 0 with a sum <= 1, got "
                    + foreground + " and " + hard);
        this.cases = List.copyOf(cases);
        this.size = size;
        this.count = count;
        this.foreground = foreground;
        this.hard = hard;
        this.seed = seed;
        this.rims = rims != null ? rims : new int[cases.size()][];
        this.mined = mined;
    }

    /** The same sampler with hard negatives also centred on these false positives (per case, voxel centres i, j, k). */
    public PatchSampler withMined(List<List<int[]>> falsePositives) {
        if (falsePositives.size() != cases.size())
            throw new IllegalArgumentException("false positives for " + falsePositives.size() + " cases, sampler has " + cases.size());
        List<List<int[]>> copy = new ArrayList<>();
        for (List<int[]> l : falsePositives)
            copy.add(List.copyOf(l));
        return new PatchSampler(cases, size, count, foreground, hard, seed, rims, copy);
    }

    public static float normalise(double hu) {
        return normalise(hu, HU_MIN, HU_MAX, HU_CENTRE, HU_SCALE);
    }

    /** Clipped to min..max, then centred and scaled (a model file records the window it was trained with). */
    public static float normalise(double hu, double min, double max, double centre, double scale) {
        return (float) ((Math.max(min, Math.min(max, hu)) - centre) / scale);
    }

    @Override
    public int size() {
        return count;
    }

    public int patchSize() {
        return size;
    }

    /** Where patch i lies: {case, i0, j0, k0, kind} with kind 1 = lesion-centred, 2 = hard negative, 0 = anywhere. */
    public int[] placement(int index) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + index);
        int c = r.nextInt(cases.size());
        LesionCase lc = cases.get(c);
        int[] dims = lc.image().dims();
        double u = r.nextDouble();
        double[] centre = null;
        int kind = 0;
        if (u < foreground && !lc.lesions().isEmpty()) {
            centre = insidePoint(lc.lesions().get(r.nextInt(lc.lesions().size())), r);
            kind = 1;
        } else if (u >= foreground && u < foreground + hard) {
            centre = hardCentre(c, r);
            kind = centre == null ? 0 : 2;
        }
        int[] origin = new int[3];
        for (int a = 0; a < 3; a++)
            if (centre != null) {
                int at = (int) Math.round(centre[a] + (r.nextDouble() - 0.5) * size / 2.0);
                origin[a] = clampStart(at - size / 2, dims[a]);
            } else {
                origin[a] = dims[a] <= size ? clampStart(0, dims[a]) : r.nextInt(dims[a] - size + 1);
            }
        return new int[] { c, origin[0], origin[1], origin[2], kind };
    }

    /** A rim voxel or (half the time, when there are any) a mined false positive of case c; null when it has neither. */
    private double[] hardCentre(int c, Random r) {
        List<int[]> fp = mined == null ? List.of() : mined.get(c);
        boolean useMined = !fp.isEmpty() && r.nextBoolean();
        if (useMined) {
            int[] p = fp.get(r.nextInt(fp.size()));
            return new double[] { p[0], p[1], p[2] };
        }
        int[] rim = rims(c);
        if (rim.length == 0)
            return null;
        Volume v = cases.get(c).image();
        int t = rim[r.nextInt(rim.length)], plane = v.nx() * v.ny();
        return new double[] { t % plane % v.nx(), t % plane / v.nx(), t / plane };
    }

    /**
     * Tissue-range voxels (the mask's range) outside the lesions with a 6-neighbour outside that range: where soft
     * tissue or plastic meets bone or air.
     */
    private synchronized int[] rims(int c) {
        if (rims[c] != null)
            return rims[c];
        Volume v = cases.get(c).image(), labels = cases.get(c).labels();
        int nx = v.nx(), ny = v.ny(), nz = v.nz(), plane = nx * ny;
        boolean[][] in = new boolean[nz][plane];
        for (int k = 0; k < nz; k++) {
            float[] s = v.sliceValues(k);
            for (int t = 0; t < plane; t++)
                in[k][t] = s[t] >= TissueMask.MIN_HU && s[t] <= TissueMask.MAX_HU;
        }
        int[] out = new int[1024];
        int n = 0;
        for (int k = 0; k < nz; k++) {
            short[] lab = labels.shortSlice(k);
            for (int j = 0; j < ny; j++)
                for (int i = 0; i < nx; i++) {
                    int t = j * nx + i;
                    if (!in[k][t] || lab[t] != 0)
                        continue;
                    boolean edge = (i > 0 && !in[k][t - 1]) || (i < nx - 1 && !in[k][t + 1]) || (j > 0 && !in[k][t - nx])
                            || (j < ny - 1 && !in[k][t + nx]) || (k > 0 && !in[k - 1][t]) || (k < nz - 1 && !in[k + 1][t]);
                    if (!edge)
                        continue;
                    if (n == out.length)
                        out = java.util.Arrays.copyOf(out, 2 * n);
                    out[n++] = k * plane + t;
                }
        }
        return rims[c] = java.util.Arrays.copyOf(out, n);
    }

    /** A uniformly random point of the ellipsoid (rejection from its box). */
    private static double[] insidePoint(Lesion l, Random r) {
        double[] c = l.centre(), rad = l.radii();
        while (true) {
            double a = 2 * r.nextDouble() - 1, b = 2 * r.nextDouble() - 1, d = 2 * r.nextDouble() - 1;
            if (a * a + b * b + d * d <= 1)
                return new double[] { c[0] + a * rad[0], c[1] + b * rad[1], c[2] + d * rad[2] };
        }
    }

    /** A start that keeps the patch inside the volume; a volume smaller than the patch is centred (padded with air). */
    private int clampStart(int start, int n) {
        if (n <= size)
            return -(size - n) / 2;
        return Math.max(0, Math.min(n - size, start));
    }

    /** Patch i as {normalised HU, labels}, each size^3 in (k, j, i) order. */
    public float[][] patch(int index) {
        int[] p = placement(index);
        LesionCase lc = cases.get(p[0]);
        int n = size * size * size;
        float[] x = new float[n], y = new float[n];
        copy(lc.image(), p, x, normalise(-1000), true);
        copy(lc.labels(), p, y, 0, false);
        return new float[][] { x, y };
    }

    private void copy(Volume v, int[] p, float[] out, float outside, boolean hu) {
        for (int k = 0; k < size; k++) {
            int gk = p[3] + k;
            boolean inK = gk >= 0 && gk < v.nz();
            short[] slice = inK ? v.shortSlice(gk) : null;
            for (int j = 0; j < size; j++) {
                int gj = p[2] + j;
                for (int i = 0; i < size; i++) {
                    int gi = p[1] + i;
                    int idx = (k * size + j) * size + i;
                    if (!inK || gj < 0 || gj >= v.ny() || gi < 0 || gi >= v.nx()) {
                        out[idx] = outside;
                        continue;
                    }
                    double val = slice[gj * v.nx() + gi] * v.scale() + v.offset();
                    out[idx] = hu ? normalise(val) : (val != 0 ? 1 : 0);
                }
            }
        }
    }

    @Override
    public Example get(int index) {
        float[][] xy = patch(index);
        long[] shape = { 1, size, size, size };
        float[] onehot = new float[2 * xy[1].length];
        int n = xy[1].length;
        for (int t = 0; t < n; t++) {
            onehot[t] = 1 - xy[1][t];
            onehot[n + t] = xy[1][t];
        }
        return new Example(Nd4j.create(xy[0], shape, 'c'),
                Nd4j.create(onehot, new long[] { 2, size, size, size }, 'c'));
    }

    @Override
    public int[] featureShape() {
        return new int[] { 1, size, size, size };
    }
}
