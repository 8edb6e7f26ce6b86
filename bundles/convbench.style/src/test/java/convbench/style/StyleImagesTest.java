package convbench.style;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.core.importer.ImagePreprocessing;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Pixels in and out of the network, PNG metadata, colour preservation and the optimisers on a known function. */
class StyleImagesTest {
    @Test
    void everyPreprocessingIsUndoneExactly() {
        float[] rgb = {0, 128, 255, 12.5f, 200, 99};
        for (ImagePreprocessing mode : ImagePreprocessing.values()) {
            PixelSpace space = new PixelSpace(mode);
            assertArrayEquals(rgb, space.toRgb(space.toNetwork(rgb, 1, 2, DataType.FLOAT)), 0.01f, mode.id());
        }
        PixelSpace caffe = new PixelSpace(ImagePreprocessing.CAFFE);
        // BGR minus the ImageNet means: blue's lowest value is -103.939, red's highest 255 - 123.68
        assertEquals(-103.939, caffe.lowerBounds()[0], 1e-4);
        assertEquals(255 - 123.68, caffe.upperBounds()[2], 1e-4);
    }

    @Test
    void pngKeepsThePixelsAndTheParameters(@TempDir Path dir) throws IOException {
        BufferedImage image = StyleImages.toImage(new float[] {255, 0, 0, 0, 255, 0, 0, 0, 255, 300, -5, 127.6f}, 2, 2);
        Map<String, String> text = new LinkedHashMap<>();
        text.put("Software", "ConvBench style transfer");
        text.put("convbench.style.parameters", "{\"alpha\":1.0,\"optimizer\":\"lbfgs\"}");
        Path png = dir.resolve("g.png");
        StyleImages.writePng(png, image, text);
        assertEquals(text, StyleImages.readPngText(png));
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(0xff0000, back.getRGB(0, 0) & 0xffffff);
        assertEquals(0xff0080, back.getRGB(1, 1) & 0xffffff, "clipped to 0..255 and rounded");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        IOException missing = assertThrows(IOException.class, () -> StyleImages.readPngText(dir.resolve("none.png")));
        assertTrue(missing.getMessage().startsWith(dir.resolve("none.png") + ": no such"), missing.getMessage());
    }

    @Test
    void colourPreservationKeepsLuminanceAndTakesTheContentsChrominance() {
        float[] stylised = {200, 40, 40};
        float[] content = {30, 30, 160};
        float[] out = StyleImages.preserveColors(stylised, content);
        double y = 0.299 * 200 + 0.587 * 40 + 0.114 * 40;
        assertEquals(y, 0.299 * out[0] + 0.587 * out[1] + 0.114 * out[2], 0.05);
        assertTrue(out[2] > out[0] && out[2] > out[1], "blue like the content: " + java.util.Arrays.toString(out));
    }

    @Test
    void resamplingAveragesWhenShrinkingAndKeepsConstants() {
        BufferedImage checker = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++)
            for (int x = 0; x < 8; x++)
                checker.setRGB(x, y, (x + y) % 2 == 0 ? 0xffffff : 0);
        for (float v : StyleImages.rgb(checker, 2, 2))
            assertEquals(128, v, 1e-4f, "a checkerboard shrinks to grey, not to one of its colours");
        BufferedImage wide = new BufferedImage(400, 100, BufferedImage.TYPE_INT_RGB);
        assertArrayEquals(new int[] {64, 256}, StyleImages.fitted(wide, 256));
        assertEquals(32 * 32 * 3, StyleImages.coverRgb(wide, 32, 32).length);
    }
}
