package convbench.ekg.internal;

import convbench.ekg.EcgFormatException;
import convbench.ekg.WfdbRecord;
import java.nio.file.Path;

/**
 * Decodes the sample bytes of one WFDB signal file into interleaved integer samples. As in PhysioNet's library,
 * each format's most negative code (-128 for 80, -2048 for 212, -512 for 310/311, -32768 for the 16-bit formats)
 * marks a missing sample and is returned as {@link WfdbRecord#INVALID}.
 */
public final class WfdbDecoder {
    private WfdbDecoder() {
    }

    public static boolean isSupported(int format) {
        return switch (format) {
            case 8, 16, 24, 32, 61, 80, 160, 212, 310, 311, 508, 516, 524 -> true;
            default -> false;
        };
    }

    /** How many samples {@code len} bytes of this format hold (a trailing partial group counts where complete). */
    public static long capacity(int format, long len) {
        return switch (format) {
            case 8, 80 -> len;
            case 16, 61, 160 -> len / 2;
            case 24 -> len / 3;
            case 32 -> len / 4;
            case 212 -> len / 3 * 2 + (len % 3 >= 2 ? 1 : 0);
            case 310 -> len / 4 * 3 + (len % 4 >= 2 ? 1 : 0);
            case 311 -> len / 4 * 3 + (len % 4 == 3 ? 2 : len % 4 == 2 ? 1 : 0);
            default -> throw new IllegalArgumentException("format " + format);
        };
    }

    /** Byte offset (from the start of the sample data) of sample {@code n}, for error messages. */
    public static long byteOf(int format, long n) {
        return switch (format) {
            case 8, 80 -> n;
            case 16, 61, 160 -> n * 2;
            case 24 -> n * 3;
            case 32 -> n * 4;
            case 212 -> n / 2 * 3 + (n % 2) * 1;
            case 310, 311 -> n / 3 * 4 + (n % 3) * 1;
            default -> n;
        };
    }

    /**
     * Decodes {@code count} samples starting at byte {@code off}.
     *
     * @param slotSignal for each position in a frame, the index (into {@code init}) of its signal: format 8 stores
     *                   first differences, accumulated per signal from its initial value
     */
    public static int[] decode(Path file, int format, byte[] b, int off, int count, int[] slotSignal, int[] init)
            throws EcgFormatException {
        int[] out = new int[count];
        final int inv = WfdbRecord.INVALID;
        switch (format) {
            case 8 -> {
                int[] acc = init.clone();
                int slots = slotSignal.length;
                for (int i = 0; i < count; i++) {
                    int s = slotSignal[i % slots];
                    acc[s] += b[off + i];
                    out[i] = acc[s];
                }
            }
            case 80 -> {
                for (int i = 0; i < count; i++) {
                    int v = (b[off + i] & 0xff) - 128;
                    out[i] = v == -128 ? inv : v;
                }
            }
            case 16 -> {
                for (int i = 0, p = off; i < count; i++, p += 2) {
                    int v = (short) ((b[p] & 0xff) | (b[p + 1] << 8));
                    out[i] = v == -32768 ? inv : v; // WFDB_INVALID_SAMPLE
                }
            }
            case 61 -> {
                for (int i = 0, p = off; i < count; i++, p += 2) {
                    int v = (short) ((b[p + 1] & 0xff) | (b[p] << 8));
                    out[i] = v == -32768 ? inv : v; // WFDB_INVALID_SAMPLE
                }
            }
            case 160 -> {
                for (int i = 0, p = off; i < count; i++, p += 2) {
                    int v = ((b[p] & 0xff) | ((b[p + 1] & 0xff) << 8)) - 32768;
                    out[i] = v == -32768 ? inv : v; // WFDB_INVALID_SAMPLE
                }
            }
            case 24 -> {
                for (int i = 0, p = off; i < count; i++, p += 3) {
                    int v = ((b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] << 16));
                    out[i] = v == -(1 << 23) ? inv : v;
                }
            }
            case 32 -> {
                for (int i = 0, p = off; i < count; i++, p += 4) {
                    int v = (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | (b[p + 3] << 24);
                    out[i] = v; // Integer.MIN_VALUE, format 32's invalid code, is INVALID itself
                }
            }
            case 212 -> {
                int i = 0, p = off;
                for (; i + 1 < count; i += 2, p += 3) {
                    int b0 = b[p] & 0xff, b1 = b[p + 1] & 0xff, b2 = b[p + 2] & 0xff;
                    out[i] = sext12(b0 | (b1 & 0x0f) << 8);
                    out[i + 1] = sext12(b2 | (b1 & 0xf0) << 4);
                }
                if (i < count)
                    out[i] = sext12((b[p] & 0xff) | (b[p + 1] & 0x0f) << 8);
            }
            case 310 -> {
                for (int i = 0, p = off; i < count; i += 3, p += 4) {
                    int w0 = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
                    out[i] = sext10(w0 >> 1 & 0x3ff);
                    if (i + 1 < count) {
                        int w1 = (b[p + 2] & 0xff) | (b[p + 3] & 0xff) << 8;
                        out[i + 1] = sext10(w1 >> 1 & 0x3ff);
                        if (i + 2 < count)
                            out[i + 2] = sext10((w0 >> 11 & 0x1f) | (w1 >> 11 & 0x1f) << 5);
                    }
                }
            }
            case 311 -> {
                for (int i = 0, p = off; i < count; i += 3, p += 4) {
                    int w = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (p + 2 < b.length ? (b[p + 2] & 0xff) << 16 : 0)
                            | (p + 3 < b.length ? (b[p + 3] & 0xff) << 24 : 0);
                    out[i] = sext10(w & 0x3ff);
                    if (i + 1 < count)
                        out[i + 1] = sext10(w >>> 10 & 0x3ff);
                    if (i + 2 < count)
                        out[i + 2] = sext10(w >>> 20 & 0x3ff);
                }
            }
            default -> throw new EcgFormatException(file, null, "unknown WFDB signal format " + format);
        }
        return out;
    }

    /** The stored code of a missing sample in this format (what checksums count). */
    public static int invalidCode(int format) {
        return switch (format) {
            case 80, 508 -> -128;
            case 212 -> -2048;
            case 310, 311 -> -512;
            case 24, 524 -> -(1 << 23);
            case 32 -> Integer.MIN_VALUE;
            default -> -32768;
        };
    }

    private static int sext12(int v) {
        v = (v << 20) >> 20;
        return v == -2048 ? WfdbRecord.INVALID : v;
    }

    private static int sext10(int v) {
        v = (v << 22) >> 22;
        return v == -512 ? WfdbRecord.INVALID : v;
    }
}
