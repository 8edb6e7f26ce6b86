package convbench.ct.api;

import convbench.ct.internal.Plist;
import convbench.ct.internal.TarReader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * An InVesalius 3 project ({@code .inv3}: a gzipped tar of property lists and raw arrays): the volume
 * ({@code matrix.dat}, int16 little-endian, shape slices x rows x columns, Hounsfield units) and its masks
 * ({@code mask_N.dat}, uint8 with one extra leading slice, row and column that InVesalius uses for bookkeeping;
 * 255 = inside). The project stores no patient position: origin 0 and identity axes.
 */
public record InVesaliusProject(String name, String modality, Volume volume, List<Mask> masks) {
    /** A mask as a label map (1 inside, 0 outside) and the threshold range InVesalius made it with. */
    public record Mask(String name, double[] thresholdRange, Volume labels) {
    }

    public static InVesaliusProject read(Path file) throws IOException {
        Map<String, byte[]> plists = new HashMap<>();
        try (InputStream in = open(file)) {
            TarReader tar = new TarReader(in);
            for (TarReader.Entry e; (e = tar.next()) != null;)
                if (e.fileName().endsWith(".plist"))
                    plists.put(e.fileName(), tar.readAll());
        } catch (IOException e) {
            throw new CtException(file + ": not a readable InVesalius project (gzipped tar): " + e.getMessage(), e);
        }
        byte[] mainXml = plists.get("main.plist");
        if (mainXml == null)
            throw new CtException(file + ": no main.plist inside: not an InVesalius 3 project");
        Map<String, Object> main = dict(Plist.parse(mainXml, file + "!main.plist"), file + "!main.plist");
        Map<String, Object> matrix = dict(main.get("matrix"), file + "!main.plist matrix");
        String dtype = String.valueOf(matrix.get("dtype"));
        if (!dtype.equals("int16"))
            throw new CtException(file + ": matrix dtype '" + dtype + "' is not supported (int16 only)");
        int[] shape = ints(matrix.get("shape"), 3, file + ": matrix shape");
        double[] spacing = doubles(main.get("spacing"), 3, file + ": spacing");
        String matrixFile = String.valueOf(matrix.get("filename"));

        Map<String, Map<String, Object>> maskInfo = new HashMap<>();
        if (main.get("masks") instanceof Map<?, ?> masks)
            for (Object plistName : masks.values()) {
                byte[] xml = plists.get(String.valueOf(plistName));
                if (xml == null)
                    throw new CtException(file + ": main.plist lists " + plistName + " but the archive lacks it");
                Map<String, Object> m = dict(Plist.parse(xml, file + "!" + plistName), file + "!" + plistName);
                maskInfo.put(String.valueOf(m.get("mask_file")), m);
            }

        Volume volume = null;
        Map<String, Volume> maskVolumes = new HashMap<>();
        try (InputStream in = open(file)) {
            TarReader tar = new TarReader(in);
            for (TarReader.Entry e; (e = tar.next()) != null;) {
                if (e.fileName().equals(matrixFile)) {
                    volume = readMatrix(tar, e, shape, spacing, file);
                } else if (maskInfo.containsKey(e.fileName())) {
                    int[] mshape = ints(maskInfo.get(e.fileName()).get("mask_shape"), 3, file + ": " + e.fileName() + " mask_shape");
                    maskVolumes.put(e.fileName(), readMask(tar, e, shape, mshape, spacing, file));
                }
            }
        }
        if (volume == null)
            throw new CtException(file + ": main.plist names " + matrixFile + " but the archive lacks it");
        volume.description(String.valueOf(main.getOrDefault("name", "")));
        List<Mask> masks = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> m : new java.util.TreeMap<>(maskInfo).entrySet()) {
            Volume labels = maskVolumes.get(m.getKey());
            if (labels == null)
                throw new CtException(file + ": mask file " + m.getKey() + " is missing from the archive");
            labels.description(String.valueOf(m.getValue().getOrDefault("name", m.getKey())));
            masks.add(new Mask(labels.description(), doubles(m.getValue().get("threshold_range"), 2, file + ": threshold_range"), labels));
        }
        return new InVesaliusProject(String.valueOf(main.getOrDefault("name", "")), String.valueOf(main.getOrDefault("modality", "")),
                volume, masks);
    }

    private static Volume readMatrix(TarReader tar, TarReader.Entry e, int[] shape, double[] spacing, Path file) throws IOException {
        int nz = shape[0], ny = shape[1], nx = shape[2];
        if (e.size() != 2L * nx * ny * nz)
            throw new CtException(file + ": " + e.fileName() + " holds " + e.size() + " bytes, shape " + nz + " x " + ny + " x "
                    + nx + " int16 needs " + 2L * nx * ny * nz);
        Volume v = Volume.ofShorts(nx, ny, nz, spacing, new double[3], Volume.identityAxes());
        byte[] buf = new byte[2 * nx * ny];
        for (int k = 0; k < nz; k++) {
            tar.readFully(buf, buf.length);
            ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(v.shortSlice(k));
        }
        return v;
    }

    private static Volume readMask(TarReader tar, TarReader.Entry e, int[] shape, int[] mshape, double[] spacing, Path file)
            throws IOException {
        int nz = shape[0], ny = shape[1], nx = shape[2];
        if (mshape[0] != nz + 1 || mshape[1] != ny + 1 || mshape[2] != nx + 1 || e.size() != (long) mshape[0] * mshape[1] * mshape[2])
            throw new CtException(file + ": " + e.fileName() + " has shape " + mshape[0] + " x " + mshape[1] + " x " + mshape[2]
                    + " (" + e.size() + " bytes); expected the volume's shape plus one: " + (nz + 1) + " x " + (ny + 1) + " x " + (nx + 1));
        Volume v = Volume.ofShorts(nx, ny, nz, spacing, new double[3], Volume.identityAxes()).kind(Volume.Kind.LABEL);
        byte[] slab = new byte[mshape[1] * mshape[2]];
        tar.readFully(slab, slab.length); // leading bookkeeping slice
        for (int k = 0; k < nz; k++) {
            tar.readFully(slab, slab.length);
            short[] s = v.shortSlice(k);
            for (int j = 0; j < ny; j++)
                for (int i = 0; i < nx; i++)
                    s[j * nx + i] = (short) ((slab[(j + 1) * mshape[2] + i + 1] & 0xFF) >= 128 ? 1 : 0);
        }
        return v;
    }

    private static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file))
            throw new CtException(file + ": no such file");
        return new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16), 1 << 16);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dict(Object o, String what) throws CtException {
        if (!(o instanceof Map<?, ?>))
            throw new CtException(what + ": expected a dictionary");
        return (Map<String, Object>) o;
    }

    private static int[] ints(Object o, int n, String what) throws CtException {
        double[] d = doubles(o, n, what);
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = (int) d[i];
            if (r[i] <= 0 || r[i] != d[i])
                throw new CtException(what + ": expected positive whole numbers");
        }
        return r;
    }

    private static double[] doubles(Object o, int n, String what) throws CtException {
        if (!(o instanceof List<?> l) || l.size() != n)
            throw new CtException(what + ": expected " + n + " numbers");
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(l.get(i) instanceof Number num))
                throw new CtException(what + ": expected numbers");
            r[i] = num.doubleValue();
        }
        return r;
    }
}
