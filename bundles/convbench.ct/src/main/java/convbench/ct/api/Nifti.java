package convbench.ct.api;

import convbench.ct.internal.AtomicWrite;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * NIfTI-1 single-file volumes ({@code .nii}, {@code .nii.gz}): read and write, intensities and label maps. NIfTI
 * coordinates are RAS; ConvBench's are DICOM LPS, so x and y change sign on the way in and out. Only the first 3D
 * volume of a 4D file is read.
 */
public final class Nifti {
    public static final int UINT8 = 2, INT16 = 4, INT32 = 8, FLOAT32 = 16, FLOAT64 = 64, INT8 = 256, UINT16 = 512;
    /** NIFTI_INTENT_LABEL */
    public static final int INTENT_LABEL = 1002;

    private Nifti() {
    }

    public static Volume read(Path file) throws IOException {
        try (InputStream in = open(file)) {
            byte[] h = in.readNBytes(348);
            if (h.length < 348)
                throw new CtException(file + ": not a NIfTI file (shorter than the 348-byte header)");
            ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
            if (b.getInt(0) != 348) {
                b.order(ByteOrder.BIG_ENDIAN);
                if (b.getInt(0) != 348)
                    throw new CtException(file + ": not a NIfTI-1 file (header size " + b.order(ByteOrder.LITTLE_ENDIAN).getInt(0)
                            + ", expected 348; NIfTI-2 is not supported)");
            }
            String magic = new String(h, 344, 3, StandardCharsets.US_ASCII);
            if (!magic.equals("n+1"))
                throw new CtException(file + ": NIfTI magic is '" + magic.trim() + "', only single-file 'n+1' (.nii) is supported");
            int nx = b.getShort(42), ny = b.getShort(44), nz = Math.max(1, (int) b.getShort(46));
            if (b.getShort(40) < 2 || nx <= 0 || ny <= 0)
                throw new CtException(file + ": NIfTI dimensions " + b.getShort(40) + "D " + nx + " x " + ny + " are not a volume");
            int type = b.getShort(70);
            double[] pix = { b.getFloat(80), b.getFloat(84), b.getFloat(88) };
            long voxOffset = (long) b.getFloat(108);
            double slope = b.getFloat(112), inter = b.getFloat(116);
            if (slope == 0 || !Double.isFinite(slope)) {
                slope = 1;
                inter = 0;
            }
            double[][] affine = affine(b, pix);
            // LPS = RAS with x and y negated
            for (int c = 0; c < 4; c++) {
                affine[0][c] = -affine[0][c];
                affine[1][c] = -affine[1][c];
            }
            double[] spacing = new double[3];
            double[][] axes = new double[3][3];
            for (int c = 0; c < 3; c++) {
                double[] col = { affine[0][c], affine[1][c], affine[2][c] };
                spacing[c] = Geometry.norm(col);
                if (!(spacing[c] > 0))
                    throw new CtException(file + ": NIfTI affine has a zero-length axis " + c);
                for (int r = 0; r < 3; r++)
                    axes[c][r] = col[r] / spacing[c];
            }
            double[] origin = { affine[0][3], affine[1][3], affine[2][3] };
            in.skipNBytes(voxOffset - 348);
            Volume v = readVoxels(in, file, b.order(), type, nx, ny, nz, spacing, origin, axes, slope, inter);
            String descrip = new String(h, 148, 80, StandardCharsets.US_ASCII).replace("\0", "").trim();
            v.description(descrip);
            if (b.getShort(68) == INTENT_LABEL)
                v.kind(Volume.Kind.LABEL);
            return v;
        } catch (EOFException e) {
            throw new CtException(file + ": NIfTI file ends before all voxels were read (truncated)", e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file))
            throw new CtException(file + ": no such file");
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
    }

    /** sform when set, else qform, else the pixel sizes alone (NIfTI method 1). */
    private static double[][] affine(ByteBuffer b, double[] pix) {
        double[][] a = new double[3][4];
        if (b.getShort(254) > 0) {
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < 4; c++)
                    a[r][c] = b.getFloat(280 + 16 * r + 4 * c);
            return a;
        }
        if (b.getShort(252) > 0) {
            double qb = b.getFloat(256), qc = b.getFloat(260), qd = b.getFloat(264);
            double qa = Math.sqrt(Math.max(0, 1 - (qb * qb + qc * qc + qd * qd)));
            double qfac = b.getFloat(76) < 0 ? -1 : 1;
            double[][] rot = {
                    { qa * qa + qb * qb - qc * qc - qd * qd, 2 * (qb * qc - qa * qd), 2 * (qb * qd + qa * qc) },
                    { 2 * (qb * qc + qa * qd), qa * qa + qc * qc - qb * qb - qd * qd, 2 * (qc * qd - qa * qb) },
                    { 2 * (qb * qd - qa * qc), 2 * (qc * qd + qa * qb), qa * qa + qd * qd - qc * qc - qb * qb } };
            double[] s = { Math.abs(pix[0]), Math.abs(pix[1]), Math.abs(pix[2]) * qfac };
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++)
                    a[r][c] = rot[r][c] * (s[c] == 0 ? 1 : s[c]);
                a[r][3] = b.getFloat(268 + 4 * r);
            }
            return a;
        }
        for (int c = 0; c < 3; c++)
            a[c][c] = pix[c] == 0 ? 1 : Math.abs(pix[c]);
        return a;
    }

    private static Volume readVoxels(InputStream in, Path file, ByteOrder order, int type, int nx, int ny, int nz,
            double[] spacing, double[] origin, double[][] axes, double slope, double inter) throws IOException {
        int len = nx * ny;
        int bytes = switch (type) {
            case UINT8, INT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32, FLOAT32 -> 4;
            case FLOAT64 -> 8;
            default -> throw new CtException(file + ": NIfTI datatype " + type + " is not supported (uint8, int8, int16,"
                    + " uint16, int32, float32, float64 are)");
        };
        boolean shortish = type == UINT8 || type == INT8 || type == INT16 || type == UINT16;
        byte[] buf = new byte[len * bytes];
        if (shortish) {
            // uint16 is kept as short - 32768 so it fits; the volume's offset undoes it
            double shift = type == UINT16 ? 32768 : 0;
            List<short[]> slices = new ArrayList<>(nz);
            for (int k = 0; k < nz; k++) {
                readFully(in, buf);
                ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
                short[] s = new short[len];
                for (int i = 0; i < len; i++) {
                    s[i] = switch (type) {
                        case UINT8 -> (short) (buf[i] & 0xFF);
                        case INT8 -> buf[i];
                        case INT16 -> bb.getShort(2 * i);
                        default -> (short) ((bb.getShort(2 * i) & 0xFFFF) - 32768);
                    };
                }
                slices.add(s);
            }
            return Volume.wrapShorts(nx, ny, slices, spacing, origin, axes, slope, shift * slope + inter);
        }
        List<float[]> slices = new ArrayList<>(nz);
        for (int k = 0; k < nz; k++) {
            readFully(in, buf);
            ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
            float[] f = new float[len];
            for (int i = 0; i < len; i++) {
                double v = switch (type) {
                    case INT32 -> bb.getInt(4 * i);
                    case FLOAT32 -> bb.getFloat(4 * i);
                    default -> bb.getDouble(8 * i);
                };
                f[i] = (float) (v * slope + inter);
            }
            slices.add(f);
        }
        return Volume.wrapFloats(nx, ny, slices, spacing, origin, axes);
    }

    private static void readFully(InputStream in, byte[] buf) throws IOException {
        int n = in.readNBytes(buf, 0, buf.length);
        if (n < buf.length)
            throw new EOFException();
    }

    /** Writes {@code .nii} or, when the name ends in {@code .gz}, {@code .nii.gz}; through a temporary file. */
    public static void write(Volume v, Path file) throws IOException {
        boolean gz = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
        AtomicWrite.write(file, raw -> {
            OutputStream out = gz ? new GZIPOutputStream(raw, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED); // volumes are large; level 1 is ~3x faster for ~10 % more bytes
                }
            } : raw;
            OutputStream bout = new BufferedOutputStream(out, 1 << 16);
            writeTo(v, bout);
            bout.flush();
            if (out instanceof GZIPOutputStream g)
                g.finish();
        });
    }

    private static void writeTo(Volume v, OutputStream out) throws IOException {
        boolean label8 = false;
        if (v.isShort() && v.kind() == Volume.Kind.LABEL && v.scale() == 1 && v.offset() == 0) {
            double[] r = v.range();
            label8 = r[0] >= 0 && r[1] <= 255;
        }
        int type = label8 ? UINT8 : v.isShort() ? INT16 : FLOAT32;
        ByteBuffer h = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, 348);
        short[] dim = { 3, (short) v.nx(), (short) v.ny(), (short) v.nz(), 1, 1, 1, 1 };
        if (v.nx() > Short.MAX_VALUE || v.ny() > Short.MAX_VALUE || v.nz() > Short.MAX_VALUE)
            throw new IOException("volume " + v + " is too large for NIfTI-1 (32767 voxels per axis)");
        for (int i = 0; i < 8; i++)
            h.putShort(40 + 2 * i, dim[i]);
        if (v.kind() == Volume.Kind.LABEL)
            h.putShort(68, (short) INTENT_LABEL);
        h.putShort(70, (short) type);
        h.putShort(72, (short) (type == UINT8 ? 8 : type == INT16 ? 16 : 32));
        double[] sp = v.spacing();
        // RAS affine: LPS columns with x and y negated
        double[][] a = new double[3][4];
        double[] o = v.origin();
        for (int c = 0; c < 3; c++) {
            double[] ax = v.axis(c);
            for (int r = 0; r < 3; r++)
                a[r][c] = ax[r] * sp[c] * (r < 2 ? -1 : 1);
        }
        a[0][3] = -o[0];
        a[1][3] = -o[1];
        a[2][3] = o[2];
        double[] q = v.isOrthogonal() ? quaternion(v) : null;
        h.putFloat(76, q == null ? 1 : (float) q[3]);
        for (int c = 0; c < 3; c++)
            h.putFloat(80 + 4 * c, (float) sp[c]);
        h.putFloat(108, 352);
        h.putFloat(112, (float) (type == FLOAT32 ? 1 : v.scale()));
        h.putFloat(116, (float) (type == FLOAT32 ? 0 : v.offset()));
        h.put(123, (byte) 2); // xyzt_units: millimetres
        byte[] d = v.description().getBytes(StandardCharsets.US_ASCII);
        h.put(148, d, 0, Math.min(79, d.length));
        if (q != null) {
            h.putShort(252, (short) 1);
            h.putFloat(256, (float) q[0]);
            h.putFloat(260, (float) q[1]);
            h.putFloat(264, (float) q[2]);
            for (int r = 0; r < 3; r++)
                h.putFloat(268 + 4 * r, (float) a[r][3]);
        }
        h.putShort(254, (short) 1);
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 4; c++)
                h.putFloat(280 + 16 * r + 4 * c, (float) a[r][c]);
        h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
        out.write(h.array());
        int len = v.nx() * v.ny();
        ByteBuffer buf = ByteBuffer.allocate(len * (type == UINT8 ? 1 : type == INT16 ? 2 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < v.nz(); k++) {
            buf.clear();
            if (type == FLOAT32) {
                for (float f : v.floatSlice(k))
                    buf.putFloat(f);
            } else {
                short[] s = v.shortSlice(k);
                for (int i = 0; i < len; i++) {
                    if (type == UINT8)
                        buf.put((byte) s[i]);
                    else
                        buf.putShort(s[i]);
                }
            }
            out.write(buf.array(), 0, buf.position());
        }
    }

    /** qform quaternion (b, c, d, qfac) of the RAS rotation; NIfTI flips the third column when det < 0. */
    private static double[] quaternion(Volume v) {
        double[][] m = new double[3][3];
        for (int c = 0; c < 3; c++) {
            double[] ax = v.axis(c);
            for (int r = 0; r < 3; r++)
                m[r][c] = ax[r] * (r < 2 ? -1 : 1);
        }
        double qfac = Geometry.det(m) < 0 ? -1 : 1;
        if (qfac < 0)
            for (int r = 0; r < 3; r++)
                m[r][2] = -m[r][2];
        double tr = m[0][0] + m[1][1] + m[2][2], qa, qb, qc, qd;
        if (tr > 0) {
            double s = Math.sqrt(tr + 1) * 2;
            qa = 0.25 * s;
            qb = (m[2][1] - m[1][2]) / s;
            qc = (m[0][2] - m[2][0]) / s;
            qd = (m[1][0] - m[0][1]) / s;
        } else if (m[0][0] > m[1][1] && m[0][0] > m[2][2]) {
            double s = Math.sqrt(1 + m[0][0] - m[1][1] - m[2][2]) * 2;
            qa = (m[2][1] - m[1][2]) / s;
            qb = 0.25 * s;
            qc = (m[0][1] + m[1][0]) / s;
            qd = (m[0][2] + m[2][0]) / s;
        } else if (m[1][1] > m[2][2]) {
            double s = Math.sqrt(1 + m[1][1] - m[0][0] - m[2][2]) * 2;
            qa = (m[0][2] - m[2][0]) / s;
            qb = (m[0][1] + m[1][0]) / s;
            qc = 0.25 * s;
            qd = (m[1][2] + m[2][1]) / s;
        } else {
            double s = Math.sqrt(1 + m[2][2] - m[0][0] - m[1][1]) * 2;
            qa = (m[1][0] - m[0][1]) / s;
            qb = (m[0][2] + m[2][0]) / s;
            qc = (m[1][2] + m[2][1]) / s;
            qd = 0.25 * s;
        }
        if (qa < 0) { // NIfTI stores b, c, d and derives a >= 0
            qb = -qb;
            qc = -qc;
            qd = -qd;
        }
        return new double[] { qb, qc, qd, qfac };
    }
}
