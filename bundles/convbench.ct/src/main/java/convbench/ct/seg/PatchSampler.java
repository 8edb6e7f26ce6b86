package convbench.ct.seg;

import convbench.core.data.Example;
import convbench.core.data.ExampleSource;
import convbench.ct.api.Volume;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training patches (cubes of {@code size} voxels) drawn from lesion cases: patch i is seeded by i, so it is the same
 * patch every time it is asked for. A share {@code foreground} of the patches is centred (give or take a quarter patch)
 * on a voxel of a lesion (foreground oversampling: lesions fill well under 1 % of a head); the rest lie anywhere.
 * Features {@code [1, D, H, W]} = normalised HU ({@link #normalise}); labels one-hot {@code [2, D, H, W]}.
 */
public final class PatchSampler implements ExampleSource {
    /** HU window the network sees: soft tissue and lesions; air and bone saturate. */
    public static final double HU_CENTRE = 40, HU_SCALE = 100, HU_MIN = -160, HU_MAX = 240;

    private final List<LesionCase> cases;
    private final int size;
    private final int count;
    private final double foreground;
    private final long seed;

    public PatchSampler(List<LesionCase> cases, int size, int count, double foreground, long seed) {
        if (cases.isEmpty())
            throw new IllegalArgumentException("no volumes to sample patches from");
        if (size < 8)
            throw new IllegalArgumentException("patch size must be at least 8, got " + size);
        if (foreground < 0 || foreground > 1)
            throw new IllegalArgumentException("foreground share must be in 0..1, got " + foreground);
        this.cases = List.copyOf(cases);
        this.size = size;
        this.count = count;
        this.foreground = foreground;
        this.seed = seed;
    }

    public static float normalise(double hu) {
        return (float) ((Math.max(HU_MIN, Math.min(HU_MAX, hu)) - HU_CENTRE) / HU_SCALE);
    }

    @Override
    public int size() {
        return count;
    }

    public int patchSize() {
        return size;
    }

    /** Where patch i lies: {case, i0, j0, k0, oversampled (1 or 0)}. */
    public int[] placement(int index) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + index);
        int c = r.nextInt(cases.size());
        LesionCase lc = cases.get(c);
        Volume v = lc.image();
        int[] dims = v.dims();
        boolean over = r.nextDouble() < foreground && !lc.lesions().isEmpty();
        int[] origin = new int[3];
        if (over) {
            Lesion l = lc.lesions().get(r.nextInt(lc.lesions().size()));
            double[] p = insidePoint(l, r);
            for (int a = 0; a < 3; a++) {
                int centre = (int) Math.round(p[a] + (r.nextDouble() - 0.5) * size / 2.0);
                origin[a] = clampStart(centre - size / 2, dims[a]);
            }
        } else {
            for (int a = 0; a < 3; a++)
                origin[a] = dims[a] <= size ? clampStart(0, dims[a]) : r.nextInt(dims[a] - size + 1);
        }
        return new int[] { c, origin[0], origin[1], origin[2], over ? 1 : 0 };
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
