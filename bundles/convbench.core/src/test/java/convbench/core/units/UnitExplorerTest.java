package convbench.core.units;

import static convbench.core.spec.LayerSpec.*;
import static org.junit.jupiter.api.Assertions.*;

import convbench.core.data.ArraySource;
import convbench.core.data.Example;
import convbench.core.spec.ModelSpec;
import convbench.core.spec.NetworkBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Networks whose unit is a hand-set feature detector, so the right top inputs and patch positions are known. */
class UnitExplorerTest {
    private static void set(org.deeplearning4j.nn.api.Layer layer, float[] w) {
        INDArray W = layer.getParam("W");
        assertEquals(w.length, W.length(), "weights of " + layer.conf().getLayer().getLayerName());
        W.assign(Nd4j.create(w).reshape(W.shape()));
        layer.getParam("b").assign(0);
    }

    @Test
    void spikeDetector1dFindsTheTallestSpikesAtTheirReceptiveFields() {
        // conv1: [-1, 2, -1] (spike), pool 2/2, conv2: [0, 1, 0] (pass the centre): RF of conv2 at j is [2j, 2j + 8)
        ModelSpec spec = ModelSpec.of("spike", new int[] {1, 32}, conv(1, 3), maxPool(2), conv(1, 3), flatten(), output(2));
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkBuilder.build(spec);
        set(net.getLayer(0), new float[] {-1, 2, -1});
        set(net.getLayer(2), new float[] {0, 1, 0});
        int[] position = {5, 12, 20, 9, 27, 16, 7, 22};
        float[] height = {1, 3, 2, 0.5f, 4, 1.5f, 0, 2.5f};
        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < position.length; i++) {
            INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 32);
            x.putScalar(0, position[i], height[i]);
            // a slow ramp elsewhere: no spike, no response
            for (int t = 0; t < 4; t++)
                x.putScalar(0, (position[i] + 8 + t) % 32, 0.0f);
            ex.add(Example.unlabelled(x));
        }
        UnitReport r = UnitExplorer.explore(net, new ArraySource(ex), "conv2", 0, 3, 4, () -> false);
        assertEquals(List.of(4, 1, 7), r.top().stream().map(UnitPatch::example).toList(), "tallest spikes: 4, 3, 2.5");
        for (UnitPatch p : r.top()) {
            int spike = position[p.example()];
            int j = (spike - 1) / 2 - 1;
            assertEquals(2 * height[p.example()], p.activation(), 1e-5);
            assertArrayEquals(new int[] {j}, p.position());
            assertArrayEquals(new int[] {2 * j}, p.start());
            assertArrayEquals(new int[] {2 * j + 8}, p.end());
            assertArrayEquals(new long[] {1, 8}, p.patch().shape());
            assertEquals(height[p.example()], p.patch().getFloat(0, spike - p.start()[0]), 1e-6, "the spike is in the patch");
            assertEquals(height[p.example()], p.patch().sumNumber().floatValue(), 1e-6, "and nothing else");
        }
    }

    @Test
    void verticalEdgeDetector2dWithStrideAndSamePadding() {
        // 3x3 [-1 0 1] rows, stride 2, same padding on 16x16: output 8x8, padding ((8-1)*2+3-16)/2 = 0
        ModelSpec spec = ModelSpec.of("edge", new int[] {1, 16, 16}, conv(1, 3).stride(2).padding("same"), flatten(), output(2));
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkBuilder.build(spec);
        set(net.getLayer(0), new float[] {-1, 0, 1, -1, 0, 1, -1, 0, 1});
        int[] column = {5, 10, 3, 12, 7};
        float[] contrast = {0.4f, 1.0f, 0.7f, 0.2f, 0.9f};
        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < column.length; i++) {
            INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 16, 16);
            // a short vertical edge: rows 6..9 bright from the column on
            for (int y = 6; y < 10; y++)
                for (int c = column[i]; c < 16; c++)
                    x.putScalar(new long[] {0, y, c}, contrast[i]);
            ex.add(Example.unlabelled(x));
        }
        UnitReport r = UnitExplorer.explore(net, new ArraySource(ex), "conv1", 0, 3, 2, () -> false);
        assertEquals(List.of(1, 4, 2), r.top().stream().map(UnitPatch::example).toList());
        for (UnitPatch p : r.top()) {
            int c = column[p.example()];
            assertEquals(3 * contrast[p.example()], p.activation(), 1e-5, "three rows of the edge under the kernel");
            assertArrayEquals(new int[] {2 * p.position()[0], 2 * p.position()[1]}, p.start());
            assertArrayEquals(new int[] {p.start()[0] + 3, p.start()[1] + 3}, p.end());
            assertTrue(p.start()[1] < c && c < p.end()[1], "edge column " + c + " inside " + p.start()[1] + ".." + p.end()[1]);
            assertEquals(0f, p.patch().getFloat(0, 1, c - 1 - p.start()[1]), "dark side");
            assertEquals(contrast[p.example()], p.patch().getFloat(0, 1, c - p.start()[1]), 1e-6, "bright side");
        }
    }

    @Test
    void blobDetector3dFindsSubVolumes() {
        ModelSpec spec = ModelSpec.of("blob", new int[] {1, 8, 8, 8}, conv(1, 3), globalPool("max"), output(2));
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkBuilder.build(spec);
        float[] w = new float[27];
        w[13] = 1; // the centre voxel
        set(net.getLayer(0), w);
        int[][] voxel = {{2, 3, 4}, {5, 5, 1}, {4, 2, 6}, {1, 6, 3}};
        float[] value = {2, 5, 3, 1};
        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < voxel.length; i++) {
            INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 8, 8, 8);
            x.putScalar(new long[] {0, voxel[i][0], voxel[i][1], voxel[i][2]}, value[i]);
            ex.add(Example.unlabelled(x));
        }
        UnitReport r = UnitExplorer.explore(net, new ArraySource(ex), "conv1", 0, 2, 3, () -> false);
        assertEquals(List.of(1, 2), r.top().stream().map(UnitPatch::example).toList());
        for (UnitPatch p : r.top()) {
            int[] v = voxel[p.example()];
            assertArrayEquals(new int[] {v[0] - 1, v[1] - 1, v[2] - 1}, p.position(), "valid 3x3x3: output = voxel - 1");
            assertArrayEquals(new int[] {v[0] - 1, v[1] - 1, v[2] - 1}, p.start());
            assertArrayEquals(new long[] {1, 3, 3, 3}, p.patch().shape());
            assertEquals(value[p.example()], p.patch().getFloat(0, 1, 1, 1), "the bright voxel at the sub-volume's centre");
        }
        // the global-pooled output's units see the whole volume
        UnitReport whole = UnitExplorer.explore(net, new ArraySource(ex), "output1", 0, 1, 4, () -> false);
        assertArrayEquals(new int[] {0, 0, 0}, whole.top().get(0).start());
        assertArrayEquals(new int[] {8, 8, 8}, whole.top().get(0).end());
    }

    @Test
    void receptiveFieldThroughAUNetGraph() {
        ModelSpec spec = ModelSpec.of("unet", new int[] {1, 8, 8, 8},
                conv(2, 3).padding("same").name("enc1"), maxPool(2), conv(2, 3).padding("same"), upsample(2),
                concat("enc1"), conv(2, 3).padding("same").name("dec1"), output(2));
        ComputationGraph g = (ComputationGraph) NetworkBuilder.build(spec);
        Map<String, int[]> spatial = new HashMap<>();
        for (var e : g.feedForward(Nd4j.rand(DataType.FLOAT, 1, 1, 8, 8, 8), false).entrySet())
            if (e.getValue().rank() == 5)
                spatial.put(e.getKey(), new int[] {(int) e.getValue().size(2), (int) e.getValue().size(3), (int) e.getValue().size(4)});
        ReceptiveFields rf = ReceptiveFields.of(g, spatial, new int[] {8, 8, 8});
        // dec1 at 4: concat 3..5 -> upsample 3..5 -> conv2 1..2 -> pool 0..3 -> enc1 0..7 -> input -1..8
        ReceptiveFields.Range r = rf.inputRange("dec1", new int[] {4, 4, 4});
        assertArrayEquals(new int[] {-1, -1, -1}, r.lo());
        assertArrayEquals(new int[] {8, 8, 8}, r.hi());
        // enc1 alone: 3x3x3 around the position
        ReceptiveFields.Range e = rf.inputRange("enc1", new int[] {2, 3, 4});
        assertArrayEquals(new int[] {1, 2, 3}, e.lo());
        assertArrayEquals(new int[] {3, 4, 5}, e.hi());
    }

    /**
     * A graph with more vertices than layers (input, residual add): the units of its last layers, the per-voxel
     * softmax included, are probed at the right layer (the segmenter's output once failed with "Index 16 out of
     * bounds for length 16": the probe counted vertices where DL4J counts layers).
     */
    @Test
    void lastLayersOfAResidualGraphAreProbed() {
        ModelSpec spec = ModelSpec.of("seg", new int[] {1, 8, 8, 8}, conv(2, 3).padding("same").name("enc1"),
                residual(maxPool(2), conv(2, 3).padding("same"), upsample(2), conv(2, 3).padding("same")).activation("relu").name("skip"),
                conv(2, 3).padding("same").name("dec1"), output(2));
        ComputationGraph g = (ComputationGraph) NetworkBuilder.build(spec);
        assertTrue(g.getVertices().length > g.getLayers().length);
        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < 3; i++)
            ex.add(Example.unlabelled(Nd4j.rand(DataType.FLOAT, 1, 8, 8, 8)));
        for (String layer : List.of("output1", "output1_conv", "dec1")) {
            UnitReport r = UnitExplorer.explore(g, new ArraySource(ex), layer, 1, 3, 2, () -> false);
            assertArrayEquals(new int[] {2, 8, 8, 8}, r.layerShape(), layer);
            // the reported peak is the layer's own activation at that position
            for (UnitPatch p : r.top()) {
                INDArray x = ex.get(p.example()).features().reshape(1, 1, 8, 8, 8);
                INDArray act = g.feedForward(x, false).get(layer);
                int[] q = p.position();
                assertEquals(act.getDouble(0, 1, q[0], q[1], q[2]), p.activation(), 1e-5, layer);
                assertEquals(act.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(1)).maxNumber()
                        .doubleValue(), p.activation(), 1e-5, layer + ": the peak");
            }
        }
        UnitReport out = UnitExplorer.explore(g, new ArraySource(ex), "output1", 1, 3, 2, () -> false);
        assertTrue(out.top().stream().allMatch(p -> p.activation() > 0 && p.activation() <= 1), "softmax probabilities");
    }

    @Test
    void badLayerOrUnitIsNamed() {
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkBuilder.build(
                ModelSpec.of("m", new int[] {1, 8}, conv(2, 3), flatten(), output(2)));
        ArraySource data = new ArraySource(List.of(Example.unlabelled(Nd4j.rand(DataType.FLOAT, 1, 8))));
        UnitExplorerException e = assertThrows(UnitExplorerException.class, () -> UnitExplorer.explore(net, data, "nope", 0));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("conv1"), e.getMessage());
        e = assertThrows(UnitExplorerException.class, () -> UnitExplorer.explore(net, data, "conv1", 5));
        assertTrue(e.getMessage().contains("has 2 units"), e.getMessage());
    }
}
