package convbench.core.data;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class DataTest {
    @Test
    void npyRoundTripAndRandomAccessByExample(@TempDir Path dir) throws Exception {
        float[] v = new float[3 * 2 * 4];
        for (int i = 0; i < v.length; i++)
            v[i] = i * 0.5f;
        Path f = dir.resolve("x.npy");
        NpyFile.write(f, v, 3, 2, 4);
        byte[] raw = Files.readAllBytes(f);
        String header = new String(raw, 10, raw.length - 10 - v.length * 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2, 4), }"), header);
        assertEquals(0, (10 + header.length()) % 64, "numpy aligns the data to 64 bytes");
        try (NpySource s = NpySource.open(f)) {
            assertEquals(3, s.size());
            assertArrayEquals(new int[] {2, 4}, s.featureShape());
            INDArray second = s.get(1).features();
            assertArrayEquals(new long[] {2, 4}, second.shape());
            assertEquals(8 * 0.5f, second.getFloat(0, 0));
            assertEquals(15 * 0.5f, second.getFloat(1, 3));
        }
        Path labels = dir.resolve("y.npy");
        NpyFile.write(labels, new float[] {2, 0, 1}, 3);
        try (NpySource s = NpySource.open(f, labels, 3)) {
            assertEquals(2, s.label(0));
            assertEquals(1f, s.get(2).label().getFloat(1));
        }
        Files.write(dir.resolve("bad.npy"), Arrays.copyOf(raw, raw.length - 4));
        var e = assertThrows(java.io.IOException.class, () -> NpyFile.open(dir.resolve("bad.npy")));
        assertTrue(e.getMessage().contains("bad.npy") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void imageFolderWithClassSubFolders(@TempDir Path dir) throws Exception {
        for (String cls : List.of("dark", "light"))
            for (int i = 0; i < 2; i++) {
                BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
                int g = cls.equals("dark") ? 0 : 255;
                for (int y = 0; y < 3; y++)
                    for (int x = 0; x < 4; x++)
                        img.setRGB(x, y, (g << 16) | (g << 8) | (x == 1 ? 0 : g));
                Files.createDirectories(dir.resolve(cls));
                ImageIO.write(img, "png", dir.resolve(cls).resolve(i + ".png").toFile());
            }
        ImageFolderSource s = ImageFolderSource.open(dir, 3);
        assertEquals(4, s.size());
        assertEquals(List.of("dark", "light"), s.classNames());
        assertEquals(1, s.label(3));
        Example light = s.get(2);
        assertArrayEquals(new long[] {3, 3, 4}, light.features().shape());
        assertEquals(1f, light.features().getFloat(0, 0, 0));
        assertEquals(0f, light.features().getFloat(2, 0, 1), "blue channel 0 in column 1");
        assertArrayEquals(new long[] {1, 3, 4}, ImageFolderSource.open(dir, 1).get(0).features().shape());
    }

    @Test
    void rank5BatchesAreStackedForVolumes() {
        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < 5; i++)
            ex.add(new Example(Nd4j.valueArrayOf(new long[] {1, 2, 3, 4}, i, DataType.FLOAT), Nd4j.zeros(DataType.FLOAT, 2, 2, 3, 4)));
        BatchIterator it = new BatchIterator(new ArraySource(ex), new int[] {4, 0, 2, 1, 3}, 2);
        assertEquals(3, it.batches());
        DataSet b = it.next();
        assertArrayEquals(new long[] {2, 1, 2, 3, 4}, b.getFeatures().shape());
        assertArrayEquals(new long[] {2, 2, 2, 3, 4}, b.getLabels().shape());
        assertEquals(4f, b.getFeatures().getFloat(0, 0, 0, 0, 0));
        it.next();
        assertEquals(1, it.next().getFeatures().size(0), "the last batch holds the rest");
        assertFalse(it.hasNext());
        it.reset();
        assertTrue(it.hasNext());
    }

    @Test
    void samplingIsReproducibleBalancedAndWeighted() {
        assertArrayEquals(Sampling.shuffled(50, 3, 2), Sampling.shuffled(50, 3, 2));
        assertFalse(Arrays.equals(Sampling.shuffled(50, 3, 2), Sampling.shuffled(50, 3, 3)), "another epoch, another order");
        int[] labels = new int[100];
        for (int i = 90; i < 100; i++)
            labels[i] = i < 97 ? 1 : 2; // 90 / 7 / 3
        int[] order = Sampling.balanced(labels, 90, 1, 0);
        long[] drawn = Sampling.classCounts(Arrays.stream(order).map(i -> labels[i]).toArray(), 3);
        assertArrayEquals(new long[] {30, 30, 30}, drawn);
        // w_c = N / (K n_c): 100/(3*90), 100/(3*7), 100/(3*3); absent classes 0
        double[] w = Sampling.inverseFrequencyWeights(new long[] {90, 7, 3, 0});
        assertEquals(100.0 / 270, w[0], 1e-12);
        assertEquals(100.0 / 21, w[1], 1e-12);
        assertEquals(100.0 / 9, w[2], 1e-12);
        assertEquals(0, w[3]);
    }

    @Test
    void splitsKeepGroupsTogether() {
        int[] groups = {0, 0, 1, 1, 1, 2, 3, 3, 4, 4};
        Split s = Split.byGroup(groups, 0.4, 5);
        assertEquals(10, s.train().length + s.validation().length);
        for (int v : s.validation())
            for (int t : s.train())
                assertNotEquals(groups[v], groups[t], "a group on both sides");
        Split r = Split.random(20, 0.25, 9);
        assertEquals(5, r.validation().length);
        assertArrayEquals(r.validation(), Split.random(20, 0.25, 9).validation());
    }

    @Test
    void fingerprintIsStableAndSeesChanges() {
        ArraySource a = ArraySource.of(Nd4j.linspace(0, 1, 24, DataType.FLOAT).reshape(4, 1, 6), null);
        ArraySource b = ArraySource.of(Nd4j.linspace(0, 1, 24, DataType.FLOAT).reshape(4, 1, 6).addi(1e-3), null);
        assertEquals(DataFingerprint.of(a, 10), DataFingerprint.of(a, 10));
        assertNotEquals(DataFingerprint.of(a, 10), DataFingerprint.of(b, 10));
        assertTrue(DataFingerprint.of(a, 10).startsWith("sha256:"));
    }
}
