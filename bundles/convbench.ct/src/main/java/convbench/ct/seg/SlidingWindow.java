package convbench.ct.seg;

import convbench.ct.api.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Sliding-window inference over a whole volume with overlap blending: cubic windows every {@code size - overlap}
 * voxels (the last one flush with the far edge), each prediction weighted by a Gaussian importance map (sigma = size/8,
 * as nnU-Net: window centres are trusted more than their edges) and the sums divided by the summed weights. Memory is
 * bounded: windows are run slab by slab along k, and a slice is handed to the {@link Sink} and dropped as soon as no
 * later window reaches it, so only about one window's depth of accumulators is held, whatever the volume's size.
 */
public final class SlidingWindow {
    /** A network over one window. */
    public interface Model {
        int classes();

        /** @param window size^3 normalised values, (k, j, i) order; @return [classes][size^3] */
        float[][] predict(float[] window, int size);
    }

    /** Receives every slice once, in order: [class][j * nx + i]. */
    public interface Sink {
        void slice(int k, float[][] values);
    }

    /** Maps a voxel value to the network's input (and the value outside the volume). */
    public interface Normaliser {
        float apply(double value);
    }

    public interface Progress {
        void report(double fraction, String message);
    }

    private final int size;
    private final int overlap;

    public SlidingWindow(int size, int overlap) {
        if (size < 1 || overlap < 0 || overlap >= size)
            throw new IllegalArgumentException("window " + size + " with overlap " + overlap + ": need 0 <= overlap < size");
        this.size = size;
        this.overlap = overlap;
    }

    /** Window starts along an axis of n voxels: step size - overlap, the last flush with the end; one window when n <= size. */
    public List<Integer> starts(int n) {
        List<Integer> s = new ArrayList<>();
        if (n <= size) {
            s.add(0);
            return s;
        }
        int step = size - overlap;
        for (int p = 0; ; p += step) {
            if (p + size >= n) {
                s.add(n - size);
                break;
            }
            s.add(p);
        }
        return s;
    }

    /** The blending weight of each window voxel. */
    public float[] importance() {
        double sigma = size / 8.0, c = (size - 1) / 2.0;
        double[] g = new double[size];
        for (int t = 0; t < size; t++)
            g[t] = Math.exp(-0.5 * (t - c) * (t - c) / (sigma * sigma));
        float[] w = new float[size * size * size];
        for (int k = 0; k < size; k++)
            for (int j = 0; j < size; j++)
                for (int i = 0; i < size; i++)
                    w[(k * size + j) * size + i] = (float) Math.max(1e-3, g[k] * g[j] * g[i]);
        return w;
    }

    /** Runs the model over the volume; the sink gets each blended slice. Returns the number of windows run. */
    public int run(Volume v, Normaliser normaliser, Model model, Sink sink, BooleanSupplier cancelled, Progress progress) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz(), k = model.classes();
        List<Integer> xs = starts(nx), ys = starts(ny), zs = starts(nz);
        float[] w = importance();
        float outside = normaliser.apply(-1000);
        int total = xs.size() * ys.size() * zs.size(), done = 0;
        // slice index -> {class sums..., weight sum}
        TreeMap<Integer, float[][]> open = new TreeMap<>();
        int emitted = 0;
        float[] window = new float[size * size * size];
        for (int z0 : zs) {
            // slices before this slab are complete: no later window reaches them
            emitted = flush(open, emitted, Math.min(z0, nz), nx * ny, k, sink);
            for (int y0 : ys)
                for (int x0 : xs) {
                    if (cancelled.getAsBoolean())
                        throw new CancellationException("analysis cancelled after " + done + " of " + total + " windows");
                    fill(v, normaliser, outside, window, x0, y0, z0);
                    float[][] p = model.predict(window, size);
                    for (int dz = 0; dz < size; dz++) {
                        int z = z0 + dz;
                        if (z >= nz)
                            break;
                        float[][] acc = open.computeIfAbsent(z, key -> new float[k + 1][nx * ny]);
                        for (int dy = 0; dy < size && y0 + dy < ny; dy++)
                            for (int dx = 0; dx < size && x0 + dx < nx; dx++) {
                                int src = (dz * size + dy) * size + dx, dst = (y0 + dy) * nx + x0 + dx;
                                float wt = w[src];
                                for (int c = 0; c < k; c++)
                                    acc[c][dst] += wt * p[c][src];
                                acc[k][dst] += wt;
                            }
                    }
                    done++;
                    progress.report((double) done / total, "window " + done + " of " + total);
                }
        }
        flush(open, emitted, nz, nx * ny, k, sink);
        return total;
    }

    private static int flush(TreeMap<Integer, float[][]> open, int emitted, int upTo, int n, int k, Sink sink) {
        for (int z = emitted; z < upTo; z++) {
            float[][] acc = open.remove(z);
            float[][] out = new float[k][n];
            for (int c = 0; c < k; c++)
                for (int t = 0; t < n; t++)
                    out[c][t] = acc[k][t] > 0 ? acc[c][t] / acc[k][t] : 0;
            sink.slice(z, out);
        }
        return Math.max(emitted, upTo);
    }

    private void fill(Volume v, Normaliser normaliser, float outside, float[] window, int x0, int y0, int z0) {
        int nx = v.nx();
        for (int dz = 0; dz < size; dz++) {
            int z = z0 + dz;
            boolean inZ = z < v.nz();
            short[] s = inZ && v.isShort() ? v.shortSlice(z) : null;
            float[] f = inZ && !v.isShort() ? v.floatSlice(z) : null;
            for (int dy = 0; dy < size; dy++) {
                int y = y0 + dy;
                for (int dx = 0; dx < size; dx++) {
                    int x = x0 + dx, idx = (dz * size + dy) * size + dx;
                    if (!inZ || y >= v.ny() || x >= nx)
                        window[idx] = outside;
                    else
                        window[idx] = normaliser.apply(s != null ? s[y * nx + x] * v.scale() + v.offset() : f[y * nx + x]);
                }
            }
        }
    }
}
