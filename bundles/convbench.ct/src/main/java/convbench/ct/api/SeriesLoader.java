package convbench.ct.api;

import convbench.dicom.api.DicomObject;
import convbench.dicom.api.DicomReadException;
import convbench.dicom.api.DicomToolkit;
import convbench.dicom.api.PixelFrame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds a Hounsfield volume from a {@link DicomSeries}. Slices are ordered by ImagePositionPatient projected on the
 * slice normal (never by InstanceNumber); HU = stored x RescaleSlope + RescaleIntercept; variable spacing (missing
 * slices included) is resampled to a uniform grid and gantry tilt is removed by shearing, each with a warning.
 * Slices that cannot be read or placed are left out with a warning naming the file; the rest still opens.
 */
public final class SeriesLoader {
    /** Tilts below this are rounding noise in ImagePositionPatient. */
    public static final double TILT_TOLERANCE_DEGREES = 0.01;

    /**
     * @param deTilt              resample a gantry-tilted series onto an orthogonal grid (else keep it sheared)
     * @param uniformSpacing      resample variable slice spacing onto a uniform grid
     * @param threads             parallel decoders
     */
    public record Options(boolean deTilt, boolean uniformSpacing, int threads) {
        public static Options defaults() {
            return new Options(true, true, Math.max(1, Runtime.getRuntime().availableProcessors()));
        }

        public Options withDeTilt(boolean d) {
            return new Options(d, uniformSpacing, threads);
        }

        public Options withThreads(int n) {
            return new Options(deTilt, uniformSpacing, n);
        }
    }

    /** Progress: fraction 0..1 and a message. */
    @FunctionalInterface
    public interface Progress {
        void report(double fraction, String message);
    }

    private final DicomToolkit toolkit;

    public SeriesLoader(DicomToolkit toolkit) {
        this.toolkit = toolkit;
    }

    public LoadedSeries load(DicomSeries series) throws CtException {
        return load(series, Options.defaults(), (f, m) -> { });
    }

    public LoadedSeries load(DicomSeries series, Options options, Progress progress) throws CtException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.threads(), series.slices().size())), r -> {
            Thread t = new Thread(r, "convbench-ct-decode");
            t.setDaemon(true);
            return t;
        });
        try {
            return load(series, options, progress, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private LoadedSeries load(DicomSeries series, Options options, Progress progress, ExecutorService pool) throws CtException {
        String name = "series " + series.seriesUid() + (series.description().isEmpty() ? "" : " (" + series.description() + ")");
        List<String> warnings = new ArrayList<>();
        List<SliceInfo> slices = placeable(series.slices(), warnings, name);
        SliceInfo ref = slices.get(0);
        double[] row = Arrays.copyOfRange(ref.orientation(), 0, 3), col = Arrays.copyOfRange(ref.orientation(), 3, 6);
        double[] normal = unit(ref.normal());
        slices.sort(Comparator.comparingDouble(s -> Geometry.dot(s.position(), normal)));
        dropDuplicatePositions(slices, normal, warnings);

        boolean asShorts = slices.stream().allMatch(SeriesLoader::fitsShort);
        List<Plane> planes = decode(slices, asShorts, pool, warnings, progress, name);
        if (planes.isEmpty())
            throw new CtException(name + ": none of its " + slices.size() + " images could be decoded; first problem: "
                    + warnings.get(warnings.size() - 1));
        List<Path> failed = new ArrayList<>();
        for (SliceInfo s : slices)
            if (planes.stream().noneMatch(p -> p.info == s))
                failed.add(s.file());

        int nx = ref.columns(), ny = ref.rows();
        double sx = ref.pixelSpacing()[1], sy = ref.pixelSpacing()[0]; // PixelSpacing = row spacing \ column spacing
        double[] ipp0 = planes.get(0).info.position();
        int n = planes.size();
        double[] p = new double[n], r = new double[n], c = new double[n];
        for (int k = 0; k < n; k++) {
            double[] d = Geometry.sub(planes.get(k).info.position(), ipp0);
            p[k] = Geometry.dot(d, normal);
            r[k] = Geometry.dot(d, row);
            c[k] = Geometry.dot(d, col);
        }
        double tilt = 0;
        if (n >= 2 && p[n - 1] > 0) {
            tilt = Math.toDegrees(Math.atan2(c[n - 1], p[n - 1]));
            if (Math.abs(r[n - 1] / p[n - 1]) > 1e-3)
                warnings.add(String.format(Locale.ROOT, "slices are also shifted along the rows (%.3f mm per mm)", r[n - 1] / p[n - 1]));
        }
        boolean tilted = Math.abs(tilt) > TILT_TOLERANCE_DEGREES || (n >= 2 && Math.abs(r[n - 1] / p[n - 1]) > 1e-3);
        double step = medianStep(p);
        double[] acquired = { sx, sy, step };
        boolean variable = isVariable(p, step);

        double[] origin = ipp0.clone();
        double[] sliceAxis = normal;
        boolean deTilted = false;
        if (tilted && options.deTilt()) {
            double fill = fillValue(planes);
            // the grid keeps the first slice's pixels where they are (whole-pixel offsets), as dcm2niix does
            double rmin = Math.floor(min(r) / sx + 1e-6) * sx, cmin = Math.floor(min(c) / sy + 1e-6) * sy;
            int nx2 = nx + (int) Math.ceil((max(r) - rmin) / sx - 1e-6), ny2 = ny + (int) Math.ceil((max(c) - cmin) / sy - 1e-6);
            List<Future<Plane>> sheared = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                Plane in = planes.get(k);
                double ox = (rmin - r[k]) / sx, oy = (cmin - c[k]) / sy;
                int w = nx, h = ny, w2 = nx2, h2 = ny2;
                sheared.add(pool.submit(() -> shift(in, w, h, w2, h2, ox, oy, fill)));
            }
            for (int k = 0; k < n; k++)
                planes.set(k, await(sheared.get(k), name));
            origin = add(ipp0, add(scale(row, rmin), scale(col, cmin)));
            warnings.add(String.format(Locale.ROOT, "gantry tilt %.2f degrees%s: de-tilted by shearing each slice onto an"
                    + " orthogonal grid (%d x %d -> %d x %d pixels, linear interpolation)", tilt, headerTilt(ref), nx, ny, nx2, ny2));
            nx = nx2;
            ny = ny2;
            deTilted = true;
        } else if (tilted) {
            // keep the acquisition's sheared geometry: the slice axis follows the slice positions, not the normal
            sliceAxis = unit(Geometry.sub(planes.get(n - 1).info.position(), ipp0));
            warnings.add(String.format(Locale.ROOT, "gantry tilt %.2f degrees%s: kept sheared (the slice axis is not"
                    + " perpendicular to the slices)", tilt, headerTilt(ref)));
        }
        double sliceStep = tilted && !deTilted ? step / Geometry.dot(sliceAxis, normal) : step;

        List<Plane> uniform = planes;
        boolean resampled = false;
        if (variable) {
            describeGaps(planes, p, step, warnings);
            if (options.uniformSpacing()) {
                uniform = resample(planes, p, step, nx * ny);
                resampled = true;
                warnings.add(String.format(Locale.ROOT, "slice spacing varies (%.3f to %.3f mm): resampled to a uniform"
                        + " %.3f mm grid, %d -> %d slices (linear interpolation)", minStep(p), maxStep(p), step, n, uniform.size()));
            } else {
                warnings.add("slice spacing varies: kept as acquired; the volume's slice spacing is only the median");
            }
        }
        if (n == 1)
            warnings.add("single slice: slice spacing unknown, " + fmt(sliceStep) + " mm assumed");

        double[] spacing = { sx, sy, sliceStep };
        double[][] axes = { row, col, sliceAxis };
        Volume v;
        if (asShorts) {
            List<short[]> s = new ArrayList<>(uniform.size());
            for (Plane pl : uniform)
                s.add(pl.shorts);
            v = Volume.wrapShorts(nx, ny, s, spacing, origin, axes, 1, 0);
        } else {
            List<float[]> f = new ArrayList<>(uniform.size());
            for (Plane pl : uniform)
                f.add(pl.floats);
            v = Volume.wrapFloats(nx, ny, f, spacing, origin, axes);
        }
        v.description(series.description());
        progress.report(1, name + ": " + v);
        return new LoadedSeries(series, v, n, acquired, variable, tilt, deTilted, resampled, warnings, failed);
    }

    /** A decoded slice in HU: shorts or floats. */
    /** {@code min}: the smallest value, or NaN when not computed yet. */
    private record Plane(SliceInfo info, short[] shorts, float[] floats, double min) {
        Plane(SliceInfo info, short[] shorts, float[] floats) {
            this(info, shorts, floats, Double.NaN);
        }

        double value(int idx) {
            return shorts != null ? shorts[idx] : floats[idx];
        }
    }

    private static List<SliceInfo> placeable(List<SliceInfo> all, List<String> warnings, String name) throws CtException {
        List<SliceInfo> ok = new ArrayList<>();
        for (SliceInfo s : all) {
            if (s.position() == null || s.orientation() == null || s.pixelSpacing() == null)
                warnings.add(s.file() + ": no ImagePositionPatient, ImageOrientationPatient or PixelSpacing: cannot place it, left out");
            else if (Geometry.norm(s.normal()) < 0.5)
                warnings.add(s.file() + ": ImageOrientationPatient is not two perpendicular unit vectors, left out");
            else
                ok.add(s);
        }
        if (ok.isEmpty())
            throw new CtException(name + ": no image has ImagePositionPatient, ImageOrientationPatient and PixelSpacing;"
                    + " the slices cannot be placed in a volume");
        // a series should share size, orientation and pixel spacing; keep the majority, name the others
        Map<String, List<SliceInfo>> groups = new LinkedHashMap<>();
        for (SliceInfo s : ok)
            groups.computeIfAbsent(shapeKey(s), k -> new ArrayList<>()).add(s);
        List<SliceInfo> major = groups.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
        for (Map.Entry<String, List<SliceInfo>> g : groups.entrySet())
            if (g.getValue() != major)
                for (SliceInfo s : g.getValue())
                    warnings.add(s.file() + ": " + g.getKey() + " differs from the rest of the series (" + shapeKey(major.get(0))
                            + "): mixed series, left out");
        return new ArrayList<>(major);
    }

    private static String shapeKey(SliceInfo s) {
        double[] o = s.orientation();
        return String.format(Locale.ROOT, "%d x %d pixels of %.4f x %.4f mm, orientation %.3f\\%.3f\\%.3f\\%.3f\\%.3f\\%.3f",
                s.columns(), s.rows(), s.pixelSpacing()[1], s.pixelSpacing()[0], o[0], o[1], o[2], o[3], o[4], o[5]);
    }

    private static void dropDuplicatePositions(List<SliceInfo> sorted, double[] normal, List<String> warnings) {
        for (int k = sorted.size() - 1; k > 0; k--) {
            double a = Geometry.dot(sorted.get(k - 1).position(), normal), b = Geometry.dot(sorted.get(k).position(), normal);
            if (Math.abs(b - a) < 1e-3) {
                warnings.add(sorted.get(k).file() + ": same position as " + sorted.get(k - 1).file().getFileName()
                        + " (" + fmt(b) + " mm along the normal): left out (repeated acquisition?)");
                sorted.remove(k);
            }
        }
    }

    /** Integral rescale whose HU range fits a short: store HU exactly in 2 bytes a voxel. */
    private static boolean fitsShort(SliceInfo s) {
        if (s.slope() != Math.rint(s.slope()) || s.intercept() != Math.rint(s.intercept()) || s.bitsStored() > 16)
            return false;
        double lo = s.signed() ? -(1L << (s.bitsStored() - 1)) : 0, hi = s.signed() ? (1L << (s.bitsStored() - 1)) - 1 : (1L << s.bitsStored()) - 1;
        double a = lo * s.slope() + s.intercept(), b = hi * s.slope() + s.intercept();
        return Math.min(a, b) >= Short.MIN_VALUE && Math.max(a, b) <= Short.MAX_VALUE;
    }

    private List<Plane> decode(List<SliceInfo> slices, boolean asShorts, ExecutorService pool, List<String> warnings,
            Progress progress, String name) throws CtException {
        try {
            List<Future<Plane>> futures = new ArrayList<>();
            for (SliceInfo s : slices)
                futures.add(pool.submit(() -> decodeOne(s, asShorts)));
            List<Plane> planes = new ArrayList<>();
            for (int k = 0; k < futures.size(); k++) {
                try {
                    planes.add(futures.get(k).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    String msg = cause instanceof DicomReadException || cause instanceof CtException ? cause.getMessage()
                            : slices.get(k).file() + ": cannot decode (" + cause + ")";
                    warnings.add(msg + ": slice left out");
                }
                progress.report((k + 1.0) / futures.size(), name + ": slice " + (k + 1) + " of " + futures.size());
            }
            return planes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtException(name + ": loading interrupted");
        }
    }

    private static Plane await(Future<Plane> f, String name) throws CtException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtException(name + ": loading interrupted");
        } catch (ExecutionException e) {
            throw new CtException(name + ": " + e.getCause(), e.getCause());
        }
    }

    private Plane decodeOne(SliceInfo s, boolean asShorts) throws Exception {
        int len = s.rows() * s.columns();
        short[] raw;
        if (s.pixels() != null && s.bitsAllocated() == 16 && s.samplesPerPixel() == 1 && s.frames() == 1) {
            // uncompressed: one positional read straight into the slice, no second header parse
            raw = new short[len];
            s.pixels().readWords(s.file(), 0, raw);
        } else {
            DicomObject o = toolkit.read(s.file());
            PixelFrame f = o.frame(0);
            if (f.rows() != s.rows() || f.columns() != s.columns() || f.samplesPerPixel() != 1)
                throw new CtException(s.file() + ": pixel data is " + f.columns() + " x " + f.rows() + " x " + f.samplesPerPixel()
                        + " samples, the header says " + s.columns() + " x " + s.rows() + " grey");
            if (!asShorts)
                return new Plane(s, null, f.rescaled(s.slope(), s.intercept()));
            raw = f.samples(); // already reduced to BitsStored (sign-extended), which the masking below keeps as is
        }
        // stored value = low BitsStored bits, sign-extended when signed; HU = stored x slope + intercept, one pass
        int bits = Math.min(16, Math.max(1, s.bitsStored())), shift = 32 - bits, mask = (1 << bits) - 1;
        boolean signed = s.signed();
        if (asShorts) {
            int slope = (int) s.slope(), icpt = (int) s.intercept(), min = Short.MAX_VALUE;
            for (int i = 0; i < len; i++) {
                int v = signed ? (raw[i] << shift) >> shift : raw[i] & mask;
                raw[i] = (short) (v * slope + icpt);
                min = Math.min(min, raw[i]); // the de-tilt's fill value, free while the slice is in cache
            }
            return new Plane(s, raw, null, min);
        }
        double slope = s.slope(), icpt = s.intercept();
        float[] hu = new float[len];
        for (int i = 0; i < len; i++) {
            int v = signed ? (raw[i] << shift) >> shift : raw[i] & mask;
            hu[i] = (float) (v * slope + icpt);
        }
        return new Plane(s, null, hu);
    }

    private static double fillValue(List<Plane> planes) {
        double m = Double.POSITIVE_INFINITY;
        for (Plane p : planes) {
            if (!Double.isNaN(p.min)) {
                m = Math.min(m, p.min);
            } else if (p.shorts != null) {
                int lo = Short.MAX_VALUE;
                for (short v : p.shorts)
                    lo = Math.min(lo, v);
                m = Math.min(m, lo);
            } else {
                for (float v : p.floats)
                    m = Math.min(m, v);
            }
        }
        return m;
    }

    /** Resamples a slice at source = destination + (ox, oy) pixels, bilinear; outside the slice gets {@code fill}. */
    private static Plane shift(Plane in, int nx, int ny, int nx2, int ny2, double ox, double oy, double fill) {
        short[] s2 = in.shorts != null ? new short[nx2 * ny2] : null;
        float[] f2 = in.floats != null ? new float[nx2 * ny2] : null;
        final double eps = 1e-6;
        // the offset is the same for every row: source columns and weights once per slice, not per voxel
        int[] x0s = new int[nx2], x1s = new int[nx2];
        double[] fxs = new double[nx2];
        boolean[] xIn = new boolean[nx2];
        for (int i = 0; i < nx2; i++) {
            double xs = i + ox;
            xIn[i] = xs >= -eps && xs <= nx - 1 + eps;
            int x0 = (int) Math.floor(xs + eps);
            fxs[i] = Math.max(0, xs - x0);
            x1s[i] = Math.min(x0 + 1, nx - 1);
            x0s[i] = Math.max(0, Math.min(x0, nx - 1));
        }
        int dx = Integer.MIN_VALUE;
        if (Math.abs(ox - Math.rint(ox)) < eps)
            dx = (int) Math.rint(ox);
        for (int j = 0; j < ny2; j++) {
            double ys = j + oy;
            boolean yIn = ys >= -eps && ys <= ny - 1 + eps;
            int y0 = (int) Math.floor(ys + eps);
            double fy = Math.max(0, ys - y0);
            int y1 = Math.min(y0 + 1, ny - 1);
            y0 = Math.max(0, Math.min(y0, ny - 1));
            int r0 = y0 * nx, r1 = y1 * nx, out = j * nx2;
            if (s2 != null && yIn) {
                // the common case (HU in shorts, row inside the source) without per-voxel type checks
                short[] src = in.shorts;
                if (dx != Integer.MIN_VALUE) {
                    // whole-pixel shift along the rows (the usual tilt: slices move along the columns only):
                    // a blend of two source rows
                    int lo = Math.max(0, -dx), hi = Math.min(nx2, nx - dx);
                    short f = (short) Math.round(fill);
                    Arrays.fill(s2, out, out + lo, f);
                    Arrays.fill(s2, out + Math.max(lo, hi), out + nx2, f);
                    // 16-bit fixed-point weights: within 0.03 HU of the double blend, integer-only so it vectorises
                    int w1 = (int) Math.round(fy * 65536), w0 = 65536 - w1;
                    for (int i = lo; i < hi; i++)
                        s2[out + i] = (short) ((src[r0 + i + dx] * w0 + src[r1 + i + dx] * w1 + 32768) >> 16);
                    continue;
                }
                for (int i = 0; i < nx2; i++) {
                    if (!xIn[i]) {
                        s2[out + i] = (short) Math.round(fill);
                        continue;
                    }
                    double fx = fxs[i];
                    int x0 = x0s[i], x1 = x1s[i];
                    double top = src[r0 + x0] * (1 - fx) + src[r0 + x1] * fx;
                    double bottom = src[r1 + x0] * (1 - fx) + src[r1 + x1] * fx;
                    s2[out + i] = (short) Math.round(top * (1 - fy) + bottom * fy);
                }
                continue;
            }
            for (int i = 0; i < nx2; i++) {
                double v;
                if (!yIn || !xIn[i]) {
                    v = fill;
                } else {
                    double fx = fxs[i];
                    int x0 = x0s[i], x1 = x1s[i];
                    double top = in.value(r0 + x0) * (1 - fx) + in.value(r0 + x1) * fx;
                    double bottom = in.value(r1 + x0) * (1 - fx) + in.value(r1 + x1) * fx;
                    v = top * (1 - fy) + bottom * fy;
                }
                if (s2 != null)
                    s2[out + i] = (short) Math.round(v);
                else
                    f2[out + i] = (float) v;
            }
        }
        return new Plane(in.info, s2, f2);
    }

    /** Linear interpolation along the normal onto positions 0, step, 2 step ... (relative to the first slice). */
    private static List<Plane> resample(List<Plane> planes, double[] p, double step, int len) {
        int count = (int) Math.round(p[p.length - 1] / step) + 1;
        List<Plane> out = new ArrayList<>(count);
        int k = 0;
        for (int m = 0; m < count; m++) {
            double t = Math.min(m * step, p[p.length - 1]);
            while (k < p.length - 2 && p[k + 1] < t)
                k++;
            Plane a = planes.get(k), b = planes.get(Math.min(k + 1, p.length - 1));
            double w = p.length == 1 || p[k + 1] == p[k] ? 0 : (t - p[k]) / (p[k + 1] - p[k]);
            if (Math.abs(w) < 1e-6) {
                out.add(a);
                continue;
            }
            if (Math.abs(1 - w) < 1e-6) {
                out.add(b);
                continue;
            }
            short[] s = a.shorts != null ? new short[len] : null;
            float[] f = a.floats != null ? new float[len] : null;
            for (int i = 0; i < len; i++) {
                double v = a.value(i) * (1 - w) + b.value(i) * w;
                if (s != null)
                    s[i] = (short) Math.round(v);
                else
                    f[i] = (float) v;
            }
            out.add(new Plane(a.info, s, f));
        }
        return out;
    }

    private static void describeGaps(List<Plane> planes, double[] p, double step, List<String> warnings) {
        for (int k = 0; k + 1 < p.length; k++) {
            double d = p[k + 1] - p[k];
            if (d > 1.5 * step)
                warnings.add(String.format(Locale.ROOT, "about %d slice(s) missing between %s and %s (gap %.3f mm, usual"
                        + " spacing %.3f mm): filled by interpolation", Math.round(d / step) - 1,
                        planes.get(k).info.file().getFileName(), planes.get(k + 1).info.file().getFileName(), d, step));
        }
    }

    static double medianStep(double[] p) {
        if (p.length < 2)
            return 1;
        double[] d = new double[p.length - 1];
        for (int k = 0; k < d.length; k++)
            d[k] = p[k + 1] - p[k];
        Arrays.sort(d);
        return d.length % 2 == 1 ? d[d.length / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2;
    }

    /** Differences beyond rounding of the written positions: 0.02 mm or 1 % of the spacing. */
    static boolean isVariable(double[] p, double step) {
        double tol = Math.max(0.02, 0.01 * step);
        for (int k = 0; k + 1 < p.length; k++)
            if (Math.abs(p[k + 1] - p[k] - step) > tol)
                return true;
        return false;
    }

    private static double minStep(double[] p) {
        double m = Double.POSITIVE_INFINITY;
        for (int k = 0; k + 1 < p.length; k++)
            m = Math.min(m, p[k + 1] - p[k]);
        return m;
    }

    private static double maxStep(double[] p) {
        double m = 0;
        for (int k = 0; k + 1 < p.length; k++)
            m = Math.max(m, p[k + 1] - p[k]);
        return m;
    }

    private static String headerTilt(SliceInfo s) {
        return Double.isNaN(s.gantryTilt()) ? "" : " (GantryDetectorTilt " + fmt(s.gantryTilt()) + ")";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElse(0);
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElse(0);
    }

    private static double[] unit(double[] v) {
        double n = Geometry.norm(v);
        return new double[] { v[0] / n, v[1] / n, v[2] / n };
    }

    private static double[] add(double[] a, double[] b) {
        return new double[] { a[0] + b[0], a[1] + b[1], a[2] + b[2] };
    }

    private static double[] scale(double[] a, double s) {
        return new double[] { a[0] * s, a[1] * s, a[2] * s };
    }
}
