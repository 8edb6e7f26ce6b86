package convbench.style;

import convbench.core.importer.Images;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.NodeList;

/** Headless pixel work of the style transfer: resampling, cropping, colour preservation and PNG with metadata. */
public final class StyleImages {
    private static final String PNG_FORMAT = "javax_imageio_png_1.0";

    private StyleImages() {
    }

    /** The size G gets: the longer side {@code size}, the aspect ratio of the content image. */
    public static int[] fitted(BufferedImage content, int size) {
        int w = content.getWidth(), h = content.getHeight();
        if (w >= h)
            return new int[] {Math.max(1, (int) Math.round((double) h * size / w)), size};
        return new int[] {size, Math.max(1, (int) Math.round((double) w * size / h))};
    }

    /**
     * Interleaved RGB floats (h, w, 3), 0..255, of the whole image resampled to width x height: halved by 2x2
     * averaging while it is at least twice as large (so that downscaled photos do not alias), then bilinear.
     */
    public static float[] rgb(BufferedImage image, int width, int height) {
        BufferedImage src = image;
        while (src.getWidth() >= 2 * width && src.getHeight() >= 2 * height)
            src = halved(src);
        return Images.resizedRgb(src, width, height);
    }

    /**
     * The image scaled to cover width x height with its aspect ratio kept, then centre-cropped: the style image's
     * Gram matrices need the same number of positions as G's, and stretching would distort the brush strokes.
     */
    public static float[] coverRgb(BufferedImage image, int width, int height) {
        int w = image.getWidth(), h = image.getHeight();
        double scale = Math.max((double) width / w, (double) height / h);
        int cw = Math.min(w, (int) Math.round(width / scale)), ch = Math.min(h, (int) Math.round(height / scale));
        BufferedImage crop = image.getSubimage((w - cw) / 2, (h - ch) / 2, Math.max(1, cw), Math.max(1, ch));
        return rgb(crop, width, height);
    }

    /** Half the size, each pixel the rounded mean of a 2x2 block. */
    static BufferedImage halved(BufferedImage image) {
        int w = image.getWidth() / 2, h = image.getHeight() / 2, sw = image.getWidth();
        int[] src = image.getRGB(0, 0, 2 * w, 2 * h, null, 0, sw);
        int[] dst = new int[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int[] block = {src[2 * y * sw + 2 * x], src[2 * y * sw + 2 * x + 1], src[(2 * y + 1) * sw + 2 * x],
                        src[(2 * y + 1) * sw + 2 * x + 1]};
                int rgb = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    int sum = 2; // rounds the mean of four
                    for (int p : block)
                        sum += (p >> shift) & 0xff;
                    rgb |= (sum / 4) << shift;
                }
                dst[y * w + x] = rgb;
            }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, dst, 0, w);
        return out;
    }

    /** RGB floats (clipped to 0..255, rounded) as an 8-bit RGB image. */
    public static BufferedImage toImage(float[] rgb, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++)
            argb[i] = (clip(rgb[3 * i]) << 16) | (clip(rgb[3 * i + 1]) << 8) | clip(rgb[3 * i + 2]);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }

    private static int clip(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    /**
     * Colour preservation (Gatys et al. 2016, luminance transfer as jcjohnson/neural-style's -original_colors does
     * it): the luminance Y of the stylised image with the chrominance I, Q of the content image (NTSC YIQ).
     */
    public static float[] preserveColors(float[] stylised, float[] content) {
        if (stylised.length != content.length)
            throw new IllegalArgumentException("images differ in size: " + stylised.length + " vs " + content.length + " values");
        float[] out = new float[stylised.length];
        for (int i = 0; i < stylised.length; i += 3) {
            double y = 0.299 * stylised[i] + 0.587 * stylised[i + 1] + 0.114 * stylised[i + 2];
            double ci = 0.596 * content[i] - 0.274 * content[i + 1] - 0.322 * content[i + 2];
            double cq = 0.211 * content[i] - 0.523 * content[i + 1] + 0.312 * content[i + 2];
            out[i] = (float) (y + 0.956 * ci + 0.621 * cq);
            out[i + 1] = (float) (y - 0.272 * ci - 0.647 * cq);
            out[i + 2] = (float) (y - 1.106 * ci + 1.703 * cq);
        }
        return out;
    }

    /** Writes a PNG atomically with the given key/value pairs as tEXt chunks (Latin-1 keys of 1..79 characters). */
    public static void writePng(Path target, BufferedImage image, Map<String, String> text) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext())
            throw new IOException(target + ": javax.imageio has no PNG writer");
        ImageWriter writer = writers.next();
        try {
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
            IIOMetadataNode textNode = new IIOMetadataNode("tEXt");
            for (Map.Entry<String, String> e : text.entrySet()) {
                IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                entry.setAttribute("keyword", e.getKey());
                entry.setAttribute("value", e.getValue());
                textNode.appendChild(entry);
            }
            IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
            root.appendChild(textNode);
            try {
                metadata.mergeTree(PNG_FORMAT, root);
            } catch (IIOInvalidTreeException e) {
                throw new IOException(target + ": PNG text metadata rejected: " + e.getMessage(), e);
            }
            // readers (the UI's file watcher, a viewer) see the old file or the whole new one, never half a PNG
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    try (ImageOutputStream ios = ImageIO.createImageOutputStream(Channels.newOutputStream(channel))) {
                        writer.setOutput(ios);
                        writer.write(null, new IIOImage(image, null, metadata), null);
                    }
                    channel.force(true);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw new IOException(target + ": cannot write the PNG: " + e.getMessage(), e);
            }
        } finally {
            writer.dispose();
        }
    }

    /** The tEXt key/value pairs of a PNG. */
    public static Map<String, String> readPngText(Path png) throws IOException {
        if (!Files.isRegularFile(png))
            throw new IOException(png + ": no such PNG file");
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext())
                throw new IOException(png + ": not an image javax.imageio can read");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                IIOMetadata metadata = reader.getImageMetadata(0);
                Map<String, String> out = new LinkedHashMap<>();
                if (!java.util.Arrays.asList(metadata.getMetadataFormatNames()).contains(PNG_FORMAT))
                    return out;
                NodeList entries = ((IIOMetadataNode) metadata.getAsTree(PNG_FORMAT)).getElementsByTagName("tEXtEntry");
                for (int i = 0; i < entries.getLength(); i++) {
                    IIOMetadataNode e = (IIOMetadataNode) entries.item(i);
                    out.put(e.getAttribute("keyword"), e.getAttribute("value"));
                }
                return out;
            } finally {
                reader.dispose();
            }
        }
    }
}
