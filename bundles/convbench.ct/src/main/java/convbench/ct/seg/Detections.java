package convbench.ct.seg;

import convbench.ct.api.Volume;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lesion candidates from a probability volume: connected components (26-connected) of the voxels at or above a
 * threshold; each candidate's score is its highest probability, its centre the probability-weighted centroid.
 */
public final class Detections {
    /** One candidate: centre (fractional voxel index), score, size in voxels. */
    public record Candidate(double[] centre, double score, int voxels) {
    }

    private Detections() {
    }

    /** Candidates at a model's operating point: components of p >= detect with at least minVoxels voxels. */
    public static List<Candidate> find(Volume probability, LesionSegmenter.Thresholds t) {
        return atLeast(find(probability, t.detect()), t.minVoxels());
    }

    /** The candidates of at least {@code minVoxels} voxels (tiny specks are noise at any threshold). */
    public static List<Candidate> atLeast(List<Candidate> candidates, int minVoxels) {
        return candidates.stream().filter(c -> c.voxels() >= minVoxels).toList();
    }

    /** Candidates of a float probability volume, highest score first. */
    public static List<Candidate> find(Volume probability, double threshold) {
        int nx = probability.nx(), ny = probability.ny(), nz = probability.nz();
        int[][] component = new int[nz][];
        List<Candidate> out = new ArrayList<>();
        int[] stack = new int[1024];
        for (int k = 0; k < nz; k++)
            component[k] = new int[nx * ny];
        int next = 0;
        for (int k = 0; k < nz; k++) {
            float[] p = probability.floatSlice(k);
            for (int t = 0; t < nx * ny; t++) {
                if (p[t] < threshold || component[k][t] != 0)
                    continue;
                next++;
                double sw = 0, si = 0, sj = 0, sk = 0, max = 0;
                int voxels = 0, top = 2;
                component[k][t] = next;
                stack = push(stack, 0, k, t);
                while (top > 0) {
                    top -= 2;
                    int ck = stack[top], ct = stack[top + 1];
                    int ci = ct % nx, cj = ct / nx;
                    float w = probability.floatSlice(ck)[ct];
                    sw += w;
                    si += w * ci;
                    sj += w * cj;
                    sk += w * ck;
                    max = Math.max(max, w);
                    voxels++;
                    for (int dk = -1; dk <= 1; dk++) {
                        int kk = ck + dk;
                        if (kk < 0 || kk >= nz)
                            continue;
                        float[] q = probability.floatSlice(kk);
                        for (int dj = -1; dj <= 1; dj++) {
                            int jj = cj + dj;
                            if (jj < 0 || jj >= ny)
                                continue;
                            for (int di = -1; di <= 1; di++) {
                                int ii = ci + di;
                                if (ii < 0 || ii >= nx)
                                    continue;
                                int tt = jj * nx + ii;
                                if (q[tt] >= threshold && component[kk][tt] == 0) {
                                    component[kk][tt] = next;
                                    stack = push(stack, top, kk, tt);
                                    top += 2;
                                }
                            }
                        }
                    }
                }
                out.add(new Candidate(new double[] { si / sw, sj / sw, sk / sw }, max, voxels));
            }
        }
        out.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return out;
    }

    private static int[] push(int[] stack, int top, int k, int t) {
        if (top + 2 > stack.length)
            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
        stack[top] = k;
        stack[top + 1] = t;
        return stack;
    }
}
