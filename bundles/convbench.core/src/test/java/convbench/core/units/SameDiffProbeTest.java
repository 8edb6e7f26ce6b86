package convbench.core.units;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.core.data.ArraySource;
import convbench.core.data.Example;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tiny SameDiff graph whose last unit is a hand-set vertical-edge detector, so the 9 best images, the unit's value
 * and the receptive field are known: conv 3x3 'same' [-1 0 1] rows, x2 per-channel scale, ReLU, 2x2/2 max pool,
 * one zero row and column padded before, conv 3x3 'valid' that passes its centre. The unit at (j, i) sees input rows
 * and columns [2j - 3, 2j + 4]: 8 wide.
 */
class SameDiffProbeTest {
    static SameDiff edgeGraph() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("input", DataType.FLOAT, -1, 1, 16, 16);
        float[] edge = {-1, 0, 1, -1, 0, 1, -1, 0, 1}, centre = {0, 0, 0, 0, 1, 0, 0, 0, 0};
        SDVariable c1 = sd.cnn().conv2d("edges", x, sd.constant("w1", Nd4j.create(edge, new long[] {1, 1, 3, 3}, 'c')),
                conv(PaddingMode.SAME));
        SDVariable scaled = c1.mul(sd.constant("scale", Nd4j.createFromArray(2f).reshape(1, 1, 1, 1)));
        SDVariable pooled = sd.cnn().maxPooling2d("pool", sd.nn().relu(scaled, 0), Pooling2DConfig.builder().kH(2).kW(2).sH(2)
                .sW(2).paddingMode(PaddingMode.VALID).type(Pooling2D.Pooling2DType.MAX).isNHWC(false).build());
        SDVariable padded = sd.nn().pad(pooled, sd.constant(Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {1, 0}, {1, 0}})),
                PadMode.CONSTANT, 0);
        sd.cnn().conv2d("unit", padded, sd.constant("w2", Nd4j.create(centre, new long[] {1, 1, 3, 3}, 'c')), conv(PaddingMode.VALID));
        return sd;
    }

    private static Conv2DConfig conv(PaddingMode mode) {
        return Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).paddingMode(mode).dataFormat(Conv2DConfig.NCHW)
                .weightsFormat(WeightsFormat.OIYX).build();
    }

    @Test
    void nineBestEdgesAndTheirReceptiveFields() {
        SameDiffProbe probe = new SameDiffProbe(edgeGraph(), "input", new int[] {1, 16, 16});
        assertEquals(List.of("edges (conv2d, 1 units)", "pool (maxpool2d, 1 units)", "unit (conv2d, 1 units)"),
                probe.layers().stream().map(SameDiffProbe.Layer::label).toList());
        // twelve images, each a two-row bright band from one column on; contrasts all different
        int[] row = {2, 9, 5, 12, 7, 3, 10, 6, 1, 11, 4, 8}, column = {5, 10, 3, 12, 7, 9, 4, 11, 6, 8, 2, 13};
        float[] contrast = {0.4f, 1.0f, 0.7f, 0.2f, 0.9f, 0.55f, 0.35f, 0.8f, 0.15f, 0.65f, 0.5f, 0.25f};
        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 16, 16);
            for (int y = row[i]; y < row[i] + 2; y++)
                for (int c = column[i]; c < 16; c++)
                    x.putScalar(new long[] {0, y, c}, contrast[i]);
            ex.add(Example.unlabelled(x));
        }
        UnitReport r = UnitExplorer.explore(probe, new ArraySource(ex), "unit", 0, 9, 5, () -> false);
        List<Integer> expected = IntStream.range(0, row.length).boxed()
                .sorted(Comparator.comparingDouble(i -> -contrast[i])).limit(9).toList();
        assertEquals(expected, r.top().stream().map(UnitPatch::example).toList(), "the 9 strongest edges, strongest first");
        assertArrayEquals(new int[] {1, 7, 7}, r.layerShape());
        for (UnitPatch p : r.top()) {
            int i = p.example();
            // two bright rows under the 3-row kernel, a step of contrast across its columns, doubled by the scale
            assertEquals(4 * contrast[i], p.activation(), 1e-5, "example " + i);
            for (int ax = 0; ax < 2; ax++) {
                assertEquals(2 * p.position()[ax] - 3, p.start()[ax], "start of axis " + ax + " of example " + i);
                assertEquals(8, p.end()[ax] - p.start()[ax]);
            }
            assertTrue(p.start()[0] <= row[i] + 1 && p.end()[0] > row[i], "the band is in the rows seen: " + p);
            assertTrue(p.start()[1] <= column[i] && p.end()[1] > column[i] - 1, "the step is in the columns seen");
            assertArrayEquals(new long[] {1, 8, 8}, p.patch().shape());
            assertEquals(UnitExplorer.crop(ex.get(i).features(), p.start(), p.end()), p.patch());
            assertEquals(contrast[i], p.patch().maxNumber().floatValue(), 1e-6, "the patch shows the edge");
        }
    }

    /** A unit's value does not change when every pixel outside its receptive field does. */
    @Test
    void pixelsOutsideTheReceptiveFieldDoNotMatter() {
        SameDiffProbe probe = new SameDiffProbe(edgeGraph(), "input", new int[] {1, 16, 16});
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 1, 16, 16);
        for (int[] pos : new int[][] {{0, 0}, {3, 4}, {6, 6}, {2, 5}}) {
            ReceptiveFields.Range rf = probe.inputRange("unit", pos);
            INDArray y = x.dup();
            for (int r = 0; r < 16; r++)
                for (int c = 0; c < 16; c++)
                    if (r < rf.lo()[0] || r > rf.hi()[0] || c < rf.lo()[1] || c > rf.hi()[1])
                        y.putScalar(new long[] {0, 0, r, c}, 5 + r * c);
            double before = probe.activation("unit", x).getDouble(0, 0, pos[0], pos[1]);
            double after = probe.activation("unit", y).getDouble(0, 0, pos[0], pos[1]);
            assertEquals(before, after, 1e-6, "unit at " + pos[0] + "," + pos[1]);
        }
    }

    @Test
    void badLayerOrShapeIsSaidPlainly() {
        SameDiffProbe probe = new SameDiffProbe(edgeGraph(), "input", new int[] {1, 16, 16});
        UnitExplorerException e = assertThrows(UnitExplorerException.class, () -> UnitExplorer.explore(probe,
                new ArraySource(List.of(Example.unlabelled(Nd4j.zeros(DataType.FLOAT, 1, 16, 16)))), "relu", 0, 9, 4, () -> false));
        assertTrue(e.getMessage().contains("no convolution or pooling output 'relu'") && e.getMessage().contains("unit"), e.getMessage());
        e = assertThrows(UnitExplorerException.class, () -> UnitExplorer.explore(probe,
                new ArraySource(List.of(Example.unlabelled(Nd4j.zeros(DataType.FLOAT, 1, 8, 8)))), "unit", 0, 9, 4, () -> false));
        assertTrue(e.getMessage().contains("[1, 8, 8]"), e.getMessage());
        assertThrows(UnitExplorerException.class, () -> new SameDiffProbe(edgeGraph(), "x", new int[] {1, 16, 16}));
    }
}
