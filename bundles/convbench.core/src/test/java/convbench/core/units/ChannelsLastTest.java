package convbench.core.units;

import static org.junit.jupiter.api.Assertions.*;

import convbench.core.data.ArraySource;
import convbench.core.data.Example;
import convbench.core.model.LoadedModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A channels-last TF.js model (the importer's tiny model: input 3x3x2, Conv2D 2x2 valid with 2 filters) explored with
 * channels-first examples: the same units, positions and patches as the hand-computed NHWC convolution.
 */
class ChannelsLastTest {
    /** The tiny model's input, NHWC as in ImporterLayoutTest, and its conv output there: [h][w][c]. */
    private static final float[] INPUT = {1, 0, -1, 2, 0, 1, -2, 1, 1, 0, 2, -1, 0, -1, 1, 1, -2, 0};
    private static final double[][][] CONV = {{{5.5, -1}, {3.5, 2}}, {{-1.5, 0}, {-3.5, 2}}};

    @Test
    void tfjsModelIsExploredWithChannelsFirstExamples() throws Exception {
        Path json = Path.of(ChannelsLastTest.class.getResource("/importer/tiny/model.json").toURI());
        LoadedModel model = UnitInputs.loadModel(json);
        assertArrayEquals(new int[] {2, 3, 3}, model.inputShape(), "[H, W, C] = [3, 3, 2] given channels first");
        INDArray chw = Nd4j.create(INPUT, new long[] {3, 3, 2}, 'c').permute(2, 0, 1).dup('c');
        ArraySource data = new ArraySource(List.of(Example.unlabelled(chw)));
        model.checkInput(data.featureShape());

        UnitReport r0 = UnitExplorer.explore(model.network(), data, "conv", 0, 1, 1, () -> false);
        UnitPatch p0 = r0.top().get(0);
        assertEquals(CONV[0][0][0], p0.activation(), 1e-5, "unit 0 peaks at (0, 0)");
        assertArrayEquals(new int[] {0, 0}, p0.position());
        assertArrayEquals(new int[] {0, 0}, p0.start());
        assertArrayEquals(new int[] {2, 2}, p0.end());
        assertArrayEquals(new int[] {2, 2, 2}, r0.layerShape(), "channels first: [C, H, W]");

        UnitReport r1 = UnitExplorer.explore(model.network(), data, "conv", 1, 1, 1, () -> false);
        UnitPatch p1 = r1.top().get(0);
        assertEquals(CONV[0][1][1], p1.activation(), 1e-5, "unit 1 peaks first at (0, 1)");
        assertArrayEquals(new int[] {0, 1}, p1.position());
        assertArrayEquals(new int[] {0, 1}, p1.start());
        assertArrayEquals(new int[] {2, 3}, p1.end());
        assertEquals(chw.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.interval(1, 3)), p1.patch());

        UnitExplorerException e = assertThrows(UnitExplorerException.class,
                () -> UnitExplorer.explore(model.network(), data, "conv", 2, 1, 1, () -> false));
        assertTrue(e.getMessage().contains("has 2 units"), e.getMessage());
    }
}
