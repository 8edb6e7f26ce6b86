package convbench.ct.api;

/**
 * The three orthogonal planes of a {@link Volume} as 2D images, for multi-planar viewers: extraction, mapping between
 * plane pixels and voxels, windowing to 8-bit grey, and nearest-neighbour alignment of an overlay onto a volume's
 * grid. Planes are cut in index space (axial: fixed k, coronal: fixed j, sagittal: fixed i); coronal and sagittal
 * images put the slice axis vertically, flipped so that the patient's head is at the top whatever way k runs.
 */
public final class Planes {
    public enum Plane {
        AXIAL, CORONAL, SAGITTAL;

        /** The index axis (0 = i, 1 = j, 2 = k) that is fixed on this plane. */
        public int fixedAxis() {
            return switch (this) {
                case AXIAL -> 2;
                case CORONAL -> 1;
                case SAGITTAL -> 0;
            };
        }

        /** The index axis that runs along the image width. */
        public int xAxis() {
            return this == SAGITTAL ? 1 : 0;
        }

        /** The index axis that runs down the image height. */
        public int yAxis() {
            return this == AXIAL ? 1 : 2;
        }
    }

    private Planes() {
    }

    public static int width(Volume v, Plane p) {
        return v.dims()[p.xAxis()];
    }

    public static int height(Volume v, Plane p) {
        return v.dims()[p.yAxis()];
    }

    public static int depth(Volume v, Plane p) {
        return v.dims()[p.fixedAxis()];
    }

    /** Millimetres per image pixel across and down: what a viewer needs for the true aspect ratio. */
    public static double[] pixelSize(Volume v, Plane p) {
        double[] s = v.spacing();
        return new double[] { s[p.xAxis()], s[p.yAxis()] };
    }

    /** Whether the slice axis is drawn bottom-up: k runs towards the head (+z in LPS), which belongs at the top. */
    static boolean flipped(Volume v, Plane p) {
        return p != Plane.AXIAL && v.axis(2)[2] > 0;
    }

    /** The voxel (i, j, k) under image pixel (x, y) of slice {@code index} of plane p. */
    public static int[] voxel(Volume v, Plane p, int index, int x, int y) {
        int[] ijk = new int[3];
        ijk[p.fixedAxis()] = index;
        ijk[p.xAxis()] = x;
        ijk[p.yAxis()] = flipped(v, p) ? height(v, p) - 1 - y : y;
        return ijk;
    }

    /** The image pixel (x, y) of a voxel on plane p (the inverse of {@link #voxel}). */
    public static int[] pixel(Volume v, Plane p, int[] ijk) {
        int y = ijk[p.yAxis()];
        return new int[] { ijk[p.xAxis()], flipped(v, p) ? height(v, p) - 1 - y : y };
    }

    /** The values of slice {@code index} of plane p, row by row (width x height). */
    public static float[] values(Volume v, Plane p, int index) {
        int w = width(v, p), h = height(v, p), nx = v.nx();
        if (index < 0 || index >= depth(v, p))
            throw new IndexOutOfBoundsException(p + " slice " + index + " of " + depth(v, p));
        float[] out = new float[w * h];
        double scale = v.scale(), offset = v.offset();
        for (int y = 0; y < h; y++) {
            int[] first = voxel(v, p, index, 0, y);
            // along an image row only one index changes: walk the slice arrays directly (a coronal or sagittal
            // image touches every slice, so per-voxel get() would dominate)
            switch (p) {
                case AXIAL, CORONAL -> {
                    int k = first[2], base = first[1] * nx;
                    if (v.isShort()) {
                        short[] s = v.shortSlice(k);
                        for (int x = 0; x < w; x++)
                            out[y * w + x] = (float) (s[base + x] * scale + offset);
                    } else {
                        System.arraycopy(v.floatSlice(k), base, out, y * w, w);
                    }
                }
                case SAGITTAL -> {
                    int k = first[2], i = first[0];
                    if (v.isShort()) {
                        short[] s = v.shortSlice(k);
                        for (int x = 0; x < w; x++)
                            out[y * w + x] = (float) (s[x * nx + i] * scale + offset);
                    } else {
                        float[] f = v.floatSlice(k);
                        for (int x = 0; x < w; x++)
                            out[y * w + x] = f[x * nx + i];
                    }
                }
            }
        }
        return out;
    }

    /** Grey levels 0..255 for values through a window (centre/level and width, as in DICOM: linear, clamped). */
    public static byte[] window(float[] values, double center, double width) {
        double w = Math.max(1, width), lo = center - w / 2;
        byte[] out = new byte[values.length];
        for (int n = 0; n < values.length; n++) {
            double g = (values[n] - lo) / w * 255;
            out[n] = (byte) (g <= 0 ? 0 : g >= 255 ? 255 : (int) Math.round(g));
        }
        return out;
    }

    /**
     * An overlay (label or probability volume) on the grid of {@code base}: the same volume when the grids already
     * match, else nearest-neighbour samples at each base voxel's patient position (outside the overlay: 0).
     */
    public static Volume alignTo(Volume overlay, Volume base) {
        if (sameGrid(overlay, base))
            return overlay;
        int nx = base.nx(), ny = base.ny(), nz = base.nz();
        Volume out = overlay.isShort()
                ? Volume.ofShorts(nx, ny, nz, base.spacing(), base.origin(), base.axes(), overlay.scale(), overlay.offset())
                : Volume.ofFloats(nx, ny, nz, base.spacing(), base.origin(), base.axes());
        out.kind(overlay.kind()).description(overlay.description());
        short zero = overlay.isShort() ? overlay.toStored(0) : 0;
        // index(world(i, j, k)) is affine in (i, j, k): three steps and an origin replace a 3x3 solve per voxel
        double[] o = overlay.index(base.world(0, 0, 0));
        double[][] d = new double[3][];
        for (int c = 0; c < 3; c++) {
            double[] e = overlay.index(base.world(c == 0 ? 1 : 0, c == 1 ? 1 : 0, c == 2 ? 1 : 0));
            d[c] = new double[] { e[0] - o[0], e[1] - o[1], e[2] - o[2] };
        }
        for (int k = 0; k < nz; k++) {
            short[] ss = overlay.isShort() ? out.shortSlice(k) : null;
            float[] ff = overlay.isShort() ? null : out.floatSlice(k);
            for (int j = 0; j < ny; j++)
                for (int i = 0; i < nx; i++) {
                    int a = (int) Math.round(o[0] + i * d[0][0] + j * d[1][0] + k * d[2][0]);
                    int b = (int) Math.round(o[1] + i * d[0][1] + j * d[1][1] + k * d[2][1]);
                    int c = (int) Math.round(o[2] + i * d[0][2] + j * d[1][2] + k * d[2][2]);
                    boolean inside = a >= 0 && b >= 0 && c >= 0 && a < overlay.nx() && b < overlay.ny() && c < overlay.nz();
                    int idx = j * nx + i;
                    if (ss != null)
                        ss[idx] = inside ? overlay.shortSlice(c)[b * overlay.nx() + a] : zero;
                    else
                        ff[idx] = inside ? overlay.floatSlice(c)[b * overlay.nx() + a] : 0;
                }
        }
        return out;
    }

    /** Same size and, within 1e-3 mm, the same voxel positions. */
    public static boolean sameGrid(Volume a, Volume b) {
        if (a.nx() != b.nx() || a.ny() != b.ny() || a.nz() != b.nz())
            return false;
        int[][] corners = { { 0, 0, 0 }, { a.nx() - 1, 0, 0 }, { 0, a.ny() - 1, 0 }, { 0, 0, a.nz() - 1 } };
        for (int[] c : corners)
            if (Geometry.norm(Geometry.sub(a.world(c[0], c[1], c[2]), b.world(c[0], c[1], c[2]))) > 1e-3)
                return false;
        return true;
    }
}
