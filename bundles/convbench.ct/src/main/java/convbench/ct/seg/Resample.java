package convbench.ct.seg;

import convbench.ct.api.Volume;

/**
 * Trilinear resampling of a volume onto an isotropic grid along its own axes (same origin and directions): the network
 * sees every scanner's volume at one spacing. One slice of the result at a time, so memory is the two volumes.
 */
public final class Resample {
    private Resample() {
    }

    /** The grid size for spacing {@code s} mm covering the same extent (first to last voxel centre). */
    public static int[] dims(Volume v, double s) {
        int[] n = v.dims();
        double[] sp = v.spacing();
        int[] out = new int[3];
        for (int c = 0; c < 3; c++)
            out[c] = Math.max(1, (int) Math.floor((n[c] - 1) * sp[c] / s + 1e-6) + 1);
        return out;
    }

    /** HU values as shorts on the isotropic grid (no copy when the volume already has that spacing). */
    public static Volume isotropic(Volume v, double s) {
        double[] sp = v.spacing();
        if (Math.abs(sp[0] - s) < 1e-6 && Math.abs(sp[1] - s) < 1e-6 && Math.abs(sp[2] - s) < 1e-6)
            return v;
        int[] d = dims(v, s);
        Volume out = Volume.ofShorts(d[0], d[1], d[2], new double[] { s, s, s }, v.origin(), v.axes());
        out.description(v.description());
        // source index of each output index, per axis
        double[][] src = new double[3][];
        for (int c = 0; c < 3; c++) {
            src[c] = new double[d[c]];
            for (int t = 0; t < d[c]; t++)
                src[c][t] = Math.min(v.dims()[c] - 1, t * s / sp[c]);
        }
        int nx = v.nx();
        for (int k = 0; k < d[2]; k++) {
            int k0 = (int) Math.floor(src[2][k]);
            int k1 = Math.min(k0 + 1, v.nz() - 1);
            float fz = (float) (src[2][k] - k0);
            float[] a = v.sliceValues(k0), b = k1 == k0 ? a : v.sliceValues(k1);
            short[] o = out.shortSlice(k);
            for (int j = 0; j < d[1]; j++) {
                int j0 = (int) Math.floor(src[1][j]);
                int j1 = Math.min(j0 + 1, v.ny() - 1);
                float fy = (float) (src[1][j] - j0);
                for (int i = 0; i < d[0]; i++) {
                    int i0 = (int) Math.floor(src[0][i]);
                    int i1 = Math.min(i0 + 1, nx - 1);
                    float fx = (float) (src[0][i] - i0);
                    float lo = bilinear(a, nx, i0, i1, j0, j1, fx, fy), hi = bilinear(b, nx, i0, i1, j0, j1, fx, fy);
                    o[j * d[0] + i] = out.toStored(lo + fz * (hi - lo));
                }
            }
        }
        return out;
    }

    private static float bilinear(float[] s, int nx, int i0, int i1, int j0, int j1, float fx, float fy) {
        float top = s[j0 * nx + i0] + fx * (s[j0 * nx + i1] - s[j0 * nx + i0]);
        float bottom = s[j1 * nx + i0] + fx * (s[j1 * nx + i1] - s[j1 * nx + i0]);
        return top + fy * (bottom - top);
    }
}
