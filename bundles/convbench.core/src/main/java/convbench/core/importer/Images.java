package convbench.core.importer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Headless image reading (javax.imageio) and resizing to a network's input size. */
public final class Images {
    private Images() {
    }

    /** Reads a PNG, JPEG, BMP or GIF; the error names the file when javax.imageio cannot decode it. */
    public static BufferedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file))
            throw new IOException(file + ": no such image file");
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null)
            throw new IOException(file + ": not an image javax.imageio can read (PNG, JPEG, BMP, GIF)");
        return image;
    }

    /**
     * The image stretched to width x height as interleaved RGB floats 0..255 (row-major [h][w][3]), by bilinear
     * interpolation with half-pixel centres (as TensorFlow's resize and PIL do). Alpha is ignored.
     */
    public static float[] resizedRgb(BufferedImage image, int width, int height) {
        int w = image.getWidth(), h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[width * height * 3];
        double sy = (double) h / height, sx = (double) w / width;
        for (int y = 0; y < height; y++) {
            double fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h - 1);
            int y0 = (int) fy, y1 = Math.min(y0 + 1, h - 1);
            double dy = fy - y0;
            for (int x = 0; x < width; x++) {
                double fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w - 1);
                int x0 = (int) fx, x1 = Math.min(x0 + 1, w - 1);
                double dx = fx - x0;
                int p00 = argb[y0 * w + x0], p01 = argb[y0 * w + x1], p10 = argb[y1 * w + x0], p11 = argb[y1 * w + x1];
                int o = (y * width + x) * 3;
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c; // R, G, B
                    double top = ((p00 >> shift) & 0xff) * (1 - dx) + ((p01 >> shift) & 0xff) * dx;
                    double bottom = ((p10 >> shift) & 0xff) * (1 - dx) + ((p11 >> shift) & 0xff) * dx;
                    out[o + c] = (float) (top * (1 - dy) + bottom * dy);
                }
            }
        }
        return out;
    }
}
