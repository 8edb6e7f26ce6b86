package convbench.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import convbench.core.importer.Images;

/**
 * An RGB image as float values 0..255 in TensorFlow's row-major [height][width][3] layout. The crop, padding and
 * resize operations reproduce face-api's tensor pipeline (tf.slice, padToSquare, tf.image.resizeBilinear without
 * aligned corners or half-pixel centres) value for value, so that the networks see what they see in the browser.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final float[] data;

    public RgbImage(int width, int height, float[] data) {
        if (width <= 0 || height <= 0 || data.length != width * height * 3)
            throw new IllegalArgumentException("RGB image " + width + "x" + height + " needs " + width * height * 3
                    + " values, got " + data.length);
        this.width = width;
        this.height = height;
        this.data = data;
    }

    /** The colour channels of a decoded image; alpha is dropped (face-api reads RGB only). */
    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            out[3 * i] = (argb[i] >> 16) & 0xff;
            out[3 * i + 1] = (argb[i] >> 8) & 0xff;
            out[3 * i + 2] = argb[i] & 0xff;
        }
        return new RgbImage(w, h, out);
    }

    /** Reads a PNG/JPEG/BMP/GIF; an unreadable or missing file is a {@link FaceException} naming it. */
    public static RgbImage read(Path file) throws FaceException {
        try {
            return of(Images.read(file));
        } catch (IOException | RuntimeException e) {
            throw new FaceException("unreadable image: " + e.getMessage(), e);
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing values [h][w][3]; not copied. */
    public float[] data() {
        return data;
    }

    /** The values as bytes (rounded, clamped), RGB interleaved: what the Node reference reads. */
    public byte[] toRgbBytes() {
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++)
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(data[i])));
        return out;
    }

    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        byte[] b = toRgbBytes();
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                img.setRGB(x, y, (b[o] & 0xff) << 16 | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff));
            }
        return img;
    }

    /** The region [x, x+w) x [y, y+h), which must lie inside the image (tf.slice). */
    public RgbImage crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height)
            throw new IllegalArgumentException("crop " + w + "x" + h + "+" + x + "+" + y + " outside the "
                    + width + "x" + height + " image");
        float[] out = new float[w * h * 3];
        for (int r = 0; r < h; r++)
            System.arraycopy(data, ((y + r) * width + x) * 3, out, r * w * 3, w * 3);
        return new RgbImage(w, h, out);
    }

    /**
     * Zero padding of the shorter side to a square, as face-api's padToSquare: all after the image, or when
     * {@code centre}d, round(diff/2) after and the rest before.
     */
    public RgbImage padToSquare(boolean centre) {
        if (width == height)
            return this;
        int size = Math.max(width, height), diff = size - Math.min(width, height);
        int after = centre ? (int) Math.round(diff * 0.5) : diff; // JS Math.round: halves go up
        int before = diff - after;
        float[] out = new float[size * size * 3];
        int offX = width < height ? before : 0, offY = height < width ? before : 0;
        for (int r = 0; r < height; r++)
            System.arraycopy(data, r * width * 3, out, ((r + offY) * size + offX) * 3, width * 3);
        return new RgbImage(size, size, out);
    }

    /** tf.image.resizeBilinear(alignCorners=false, halfPixelCenters=false) as tfjs' CPU kernel computes it. */
    public RgbImage resizeBilinear(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height)
            return this;
        float[] out = new float[newWidth * newHeight * 3];
        double rowRatio = (double) height / newHeight, colRatio = (double) width / newWidth;
        int o = 0;
        for (int r = 0; r < newHeight; r++) {
            double fr = rowRatio * r;
            int r0 = (int) Math.max(0, Math.floor(fr));
            double rowFrac = fr - r0;
            int r1 = (int) Math.min(height - 1, Math.ceil(fr));
            for (int c = 0; c < newWidth; c++) {
                double fc = colRatio * c;
                int c0 = (int) Math.max(0, Math.floor(fc));
                double colFrac = fc - c0;
                int c1 = (int) Math.min(width - 1, Math.ceil(fc));
                int tl = (r0 * width + c0) * 3, tr = (r0 * width + c1) * 3;
                int bl = (r1 * width + c0) * 3, br = (r1 * width + c1) * 3;
                for (int d = 0; d < 3; d++) {
                    double top = data[tl + d] + (data[tr + d] - data[tl + d]) * colFrac;
                    double bottom = data[bl + d] + (data[br + d] - data[bl + d]) * colFrac;
                    out[o++] = (float) (top + (bottom - top) * rowFrac);
                }
            }
        }
        return new RgbImage(newWidth, newHeight, out);
    }

    /**
     * The network input of face-api's NetInput.toBatchTensor for one image: padded to a square, resized to
     * size x size, the channel means subtracted and divided by 255; returned as NCHW [1][3][size][size] floats.
     */
    float[] toNormalisedChw(int size, boolean centre, float[] meanRgb) {
        if (width == height && width == size) {
            float[] out = new float[3 * size * size];
            int plane = size * size;
            for (int i = 0; i < plane; i++)
                for (int c = 0; c < 3; c++)
                    out[c * plane + i] = (data[3 * i + c] - meanRgb[c]) / 255f;
            return out;
        }
        // padToSquare(centre).resizeBilinear(size, size) value for value, without building the padded square (a
        // 2000-pixel photo's is 48 MB of floats): the resize reads zeros where the padding would be
        int sq = Math.max(width, height), diff = sq - Math.min(width, height);
        int before = diff - (centre ? (int) Math.round(diff * 0.5) : diff);
        int offX = width < height ? before : 0, offY = height < width ? before : 0;
        float[] out = new float[3 * size * size];
        int plane = size * size;
        double ratio = (double) sq / size;
        for (int r = 0; r < size; r++) {
            double fr = ratio * r;
            int r0 = (int) Math.max(0, Math.floor(fr)), r1 = (int) Math.min(sq - 1, Math.ceil(fr));
            double rowFrac = fr - r0;
            for (int c = 0; c < size; c++) {
                double fc = ratio * c;
                int c0 = (int) Math.max(0, Math.floor(fc)), c1 = (int) Math.min(sq - 1, Math.ceil(fc));
                double colFrac = fc - c0;
                for (int d = 0; d < 3; d++) {
                    double tl = padded(r0 - offY, c0 - offX, d), tr = padded(r0 - offY, c1 - offX, d);
                    double bl = padded(r1 - offY, c0 - offX, d), br = padded(r1 - offY, c1 - offX, d);
                    double top = tl + (tr - tl) * colFrac, bottom = bl + (br - bl) * colFrac;
                    out[d * plane + r * size + c] = ((float) (top + (bottom - top) * rowFrac) - meanRgb[d]) / 255f;
                }
            }
        }
        return out;
    }

    /** Channel {@code d} at (r, c), zero outside the image (the padding). */
    private float padded(int r, int c, int d) {
        return r < 0 || r >= height || c < 0 || c >= width ? 0f : data[(r * width + c) * 3 + d];
    }
}
