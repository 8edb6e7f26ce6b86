package convbench.dicom.api;

/**
 * One decoded frame: {@code rows x columns x samplesPerPixel} stored samples, row by row, samples of a pixel
 * interleaved. Each sample holds the stored value already reduced to {@code bitsStored} bits (sign-extended when
 * {@code signed}), so {@link #sample(int)} is the value DICOM means; unsigned 16-bit values above 32767 are kept in
 * the short's bit pattern. Rescale (slope, intercept) is not applied here: see {@link #rescaled}.
 */
public final class PixelFrame {
    private final int rows;
    private final int columns;
    private final int samplesPerPixel;
    private final int bitsAllocated;
    private final int bitsStored;
    private final boolean signed;
    private final String photometric;
    private final short[] samples;

    public PixelFrame(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored, boolean signed,
            String photometric, short[] samples) {
        if (rows <= 0 || columns <= 0 || samplesPerPixel <= 0)
            throw new IllegalArgumentException("frame size must be positive: " + rows + " x " + columns + " x " + samplesPerPixel);
        if (bitsStored <= 0 || bitsStored > 16 || bitsAllocated < bitsStored)
            throw new IllegalArgumentException("unsupported bits: allocated " + bitsAllocated + ", stored " + bitsStored);
        long need = (long) rows * columns * samplesPerPixel;
        if (samples.length != need)
            throw new IllegalArgumentException("frame holds " + samples.length + " samples, " + rows + " x " + columns
                    + " x " + samplesPerPixel + " needs " + need);
        this.rows = rows;
        this.columns = columns;
        this.samplesPerPixel = samplesPerPixel;
        this.bitsAllocated = bitsAllocated;
        this.bitsStored = bitsStored;
        this.signed = signed;
        this.photometric = photometric == null ? "" : photometric;
        this.samples = samples;
    }

    /**
     * Builds a frame from raw words as a toolkit hands them over: keeps the low {@code bitsStored} bits and
     * sign-extends them when signed (the bits above may hold overlays or garbage).
     */
    public static PixelFrame fromRawWords(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored,
            boolean signed, String photometric, short[] raw) {
        if (bitsStored < 16) {
            int shift = 32 - bitsStored;
            int mask = (1 << bitsStored) - 1;
            for (int i = 0; i < raw.length; i++)
                raw[i] = (short) (signed ? (raw[i] << shift) >> shift : raw[i] & mask);
        }
        return new PixelFrame(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, signed, photometric, raw);
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public int samplesPerPixel() {
        return samplesPerPixel;
    }

    public int bitsAllocated() {
        return bitsAllocated;
    }

    public int bitsStored() {
        return bitsStored;
    }

    public boolean signed() {
        return signed;
    }

    /** e.g. MONOCHROME2 (0 = black), MONOCHROME1 (0 = white), RGB. */
    public String photometric() {
        return photometric;
    }

    /** The backing array (not copied: frames can be large). */
    public short[] samples() {
        return samples;
    }

    public int sample(int index) {
        return signed ? samples[index] : samples[index] & 0xFFFF;
    }

    /** First sample of the pixel at (row, column). */
    public int sample(int row, int column) {
        return sample((row * columns + column) * samplesPerPixel);
    }

    public float[] toFloat() {
        return rescaled(1, 0);
    }

    /** value = stored x slope + intercept (Hounsfield units for CT). */
    public float[] rescaled(double slope, double intercept) {
        float[] out = new float[samples.length];
        for (int i = 0; i < out.length; i++)
            out[i] = (float) (sample(i) * slope + intercept);
        return out;
    }

    /** {min, max} of the stored values. */
    public int[] range() {
        int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
        for (int i = 0; i < samples.length; i++) {
            int v = sample(i);
            if (v < min)
                min = v;
            if (v > max)
                max = v;
        }
        return new int[] { min, max };
    }
}
