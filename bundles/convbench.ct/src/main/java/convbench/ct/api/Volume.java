package convbench.ct.api;

import java.util.Arrays;

/**
 * A 3D scalar volume with its geometry in DICOM patient coordinates (LPS, millimetres): voxel (i, j, k) lies at
 * {@code origin + i*spacing[0]*axis(0) + j*spacing[1]*axis(1) + k*spacing[2]*axis(2)}. i runs along a row
 * (columns), j down the rows, k across slices. The axes are unit vectors; they are orthogonal except for a
 * gantry-tilted series kept sheared.
 *
 * <p>Memory stays bounded: voxels live one array per slice, as shorts ({@code value = stored*scale + offset}, 2 bytes
 * a voxel: 150 MiB for 512x512x300) or, when values are not integral, as floats. Code that walks a volume should use
 * {@link #shortSlice} / {@link #floatSlice} rather than {@link #get} in tight loops.
 */
public final class Volume {
    public enum Kind {
        /** Hounsfield units or other intensities. */
        INTENSITY,
        /** Integer labels (0 = background); written with NIfTI intent "label". */
        LABEL
    }

    private final int nx, ny, nz;
    private final double[] spacing;
    private final double[] origin;
    private final double[][] axes;
    private final short[][] shorts;
    private final float[][] floats;
    private final double scale, offset;
    private Kind kind = Kind.INTENSITY;
    private String description = "";

    private Volume(int nx, int ny, int nz, double[] spacing, double[] origin, double[][] axes, boolean asShorts,
            double scale, double offset) {
        this(nx, ny, nz, spacing, origin, axes, asShorts ? new short[nz][nx * ny] : null,
                asShorts ? null : new float[nz][nx * ny], scale, offset);
    }

    private Volume(int nx, int ny, int nz, double[] spacing, double[] origin, double[][] axes, short[][] shorts,
            float[][] floats, double scale, double offset) {
        if (nx <= 0 || ny <= 0 || nz <= 0)
            throw new IllegalArgumentException("volume size must be positive: " + nx + " x " + ny + " x " + nz);
        if ((long) nx * ny > Integer.MAX_VALUE)
            throw new IllegalArgumentException("slice too large: " + nx + " x " + ny);
        if (spacing.length != 3 || origin.length != 3 || axes.length != 3)
            throw new IllegalArgumentException("spacing, origin and axes need 3 entries each");
        for (int c = 0; c < 3; c++)
            if (!(spacing[c] > 0) || !Double.isFinite(spacing[c]))
                throw new IllegalArgumentException("spacing must be positive and finite: " + Arrays.toString(spacing));
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.spacing = spacing.clone();
        this.origin = origin.clone();
        this.axes = new double[3][];
        for (int c = 0; c < 3; c++)
            this.axes[c] = unit(axes[c]);
        this.scale = scale;
        this.offset = offset;
        this.shorts = shorts;
        this.floats = floats;
    }

    /** Wraps existing slices (not copied), each nx*ny long: how loaders hand over what they decoded. */
    public static Volume wrapShorts(int nx, int ny, java.util.List<short[]> slices, double[] spacing, double[] origin,
            double[][] axes, double scale, double offset) {
        short[][] s = slices.toArray(new short[0][]);
        for (short[] a : s)
            if (a.length != nx * ny)
                throw new IllegalArgumentException("slice of " + a.length + " voxels, expected " + nx + " x " + ny);
        return new Volume(nx, ny, s.length, spacing, origin, axes, s, null, scale, offset);
    }

    public static Volume wrapFloats(int nx, int ny, java.util.List<float[]> slices, double[] spacing, double[] origin,
            double[][] axes) {
        float[][] f = slices.toArray(new float[0][]);
        for (float[] a : f)
            if (a.length != nx * ny)
                throw new IllegalArgumentException("slice of " + a.length + " voxels, expected " + nx + " x " + ny);
        return new Volume(nx, ny, f.length, spacing, origin, axes, null, f, 1, 0);
    }

    /** Short storage; value = stored (scale 1, offset 0), e.g. Hounsfield units. */
    public static Volume ofShorts(int nx, int ny, int nz, double[] spacing, double[] origin, double[][] axes) {
        return new Volume(nx, ny, nz, spacing, origin, axes, true, 1, 0);
    }

    /** Short storage with value = stored*scale + offset (e.g. uint16 data, or a non-unit rescale). */
    public static Volume ofShorts(int nx, int ny, int nz, double[] spacing, double[] origin, double[][] axes,
            double scale, double offset) {
        if (!(scale != 0) || !Double.isFinite(scale) || !Double.isFinite(offset))
            throw new IllegalArgumentException("scale must be finite and non-zero, offset finite");
        return new Volume(nx, ny, nz, spacing, origin, axes, true, scale, offset);
    }

    public static Volume ofFloats(int nx, int ny, int nz, double[] spacing, double[] origin, double[][] axes) {
        return new Volume(nx, ny, nz, spacing, origin, axes, false, 1, 0);
    }

    /** Identity axes, origin 0: for data without patient geometry. */
    public static double[][] identityAxes() {
        return new double[][] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (!(n > 1e-9))
            throw new IllegalArgumentException("axis direction has zero length");
        return new double[] { v[0] / n, v[1] / n, v[2] / n };
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public int nz() {
        return nz;
    }

    public int[] dims() {
        return new int[] { nx, ny, nz };
    }

    public double[] spacing() {
        return spacing.clone();
    }

    public double[] origin() {
        return origin.clone();
    }

    /** Unit direction (LPS) of index axis c = 0 (i), 1 (j) or 2 (k). */
    public double[] axis(int c) {
        return axes[c].clone();
    }

    public double[][] axes() {
        return new double[][] { axes[0].clone(), axes[1].clone(), axes[2].clone() };
    }

    public boolean isShort() {
        return shorts != null;
    }

    /** value = stored*scale + offset (short storage); 1 and 0 for float storage. */
    public double scale() {
        return scale;
    }

    public double offset() {
        return offset;
    }

    public Kind kind() {
        return kind;
    }

    public Volume kind(Kind k) {
        this.kind = k;
        return this;
    }

    public String description() {
        return description;
    }

    public Volume description(String d) {
        this.description = d == null ? "" : d;
        return this;
    }

    /** The stored shorts of slice k, row by row (live array). */
    public short[] shortSlice(int k) {
        if (shorts == null)
            throw new IllegalStateException("float volume: use floatSlice");
        return shorts[k];
    }

    /** The floats of slice k (live array; float storage only). */
    public float[] floatSlice(int k) {
        if (floats == null)
            throw new IllegalStateException("short volume: use shortSlice or sliceValues");
        return floats[k];
    }

    /** Slice k as values (a copy for short storage). */
    public float[] sliceValues(int k) {
        if (floats != null)
            return floats[k].clone();
        short[] s = shorts[k];
        float[] out = new float[s.length];
        for (int i = 0; i < s.length; i++)
            out[i] = (float) (s[i] * scale + offset);
        return out;
    }

    public float get(int i, int j, int k) {
        int idx = j * nx + i;
        return shorts != null ? (float) (shorts[k][idx] * scale + offset) : floats[k][idx];
    }

    /** Stores v (rounded and clamped to the short range under short storage). */
    public void set(int i, int j, int k, double v) {
        int idx = j * nx + i;
        if (shorts != null)
            shorts[k][idx] = toStored(v);
        else
            floats[k][idx] = (float) v;
    }

    public short toStored(double v) {
        long s = Math.round((v - offset) / scale);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s));
    }

    /** {min, max} over all voxels. */
    public double[] range() {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < nz; k++) {
            if (shorts != null) {
                int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
                for (short v : shorts[k]) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                double a = lo * scale + offset, b = hi * scale + offset;
                min = Math.min(min, Math.min(a, b));
                max = Math.max(max, Math.max(a, b));
            } else {
                for (float v : floats[k]) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return new double[] { min, max };
    }

    /** Bytes of voxel storage. */
    public long voxelBytes() {
        return (long) nx * ny * nz * (shorts != null ? 2 : 4);
    }

    /** Patient (LPS) position of a (possibly fractional) voxel index. */
    public double[] world(double i, double j, double k) {
        double[] w = origin.clone();
        double[] ijk = { i * spacing[0], j * spacing[1], k * spacing[2] };
        for (int c = 0; c < 3; c++)
            for (int r = 0; r < 3; r++)
                w[r] += axes[c][r] * ijk[c];
        return w;
    }

    /** Fractional voxel index of a patient (LPS) position: the inverse of {@link #world}. */
    public double[] index(double[] world) {
        double[][] m = new double[3][3];
        for (int c = 0; c < 3; c++)
            for (int r = 0; r < 3; r++)
                m[r][c] = axes[c][r] * spacing[c];
        double[] d = { world[0] - origin[0], world[1] - origin[1], world[2] - origin[2] };
        return Geometry.solve(m, d);
    }

    /** Whether the axes are mutually perpendicular (false for a sheared, gantry-tilted volume). */
    public boolean isOrthogonal() {
        return Math.abs(Geometry.dot(axes[0], axes[1])) < 1e-4 && Math.abs(Geometry.dot(axes[0], axes[2])) < 1e-4
                && Math.abs(Geometry.dot(axes[1], axes[2])) < 1e-4;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d x %d x %d %s volume, spacing %.4g x %.4g x %.4g mm", nx, ny, nz,
                shorts != null ? "short" : "float", spacing[0], spacing[1], spacing[2]);
    }
}
