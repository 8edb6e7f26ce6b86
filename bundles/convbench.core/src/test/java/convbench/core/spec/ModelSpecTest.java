package convbench.core.spec;

import static convbench.core.spec.LayerSpec.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelSpecTest {
    static ModelSpec beats1d() {
        return ModelSpec.of("beats", new int[] {1, 64},
                conv(4, 5).activation("relu").padding("same"), batchNorm(), maxPool(2),
                conv(8, 3).activation("relu"), dropout(0.25), flatten(), dense(16).activation("relu"), output(5));
    }

    static ModelSpec residual2d() {
        return ModelSpec.of("res2d", new int[] {3, 16, 16},
                conv(4, 3).padding("same").activation("relu"),
                residual(conv(8, 3).stride(2).padding("same").activation("relu"), batchNorm(), conv(8, 3).padding("same"))
                        .activation("relu"),
                residual(conv(8, 3).padding("same").activation("relu"), conv(8, 3).padding("same")),
                globalPool("avg"), output(3));
    }

    static ModelSpec unet3d() {
        return ModelSpec.of("unet3d", new int[] {1, 8, 8, 8},
                conv(4, 3).padding("same").activation("relu").name("enc1"), maxPool(2),
                conv(8, 3).padding("same").activation("relu"), upsample(2), concat("enc1"),
                conv(4, 3).padding("same").activation("relu"), output(2));
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        for (ModelSpec spec : new ModelSpec[] {beats1d(), residual2d(), unet3d()}) {
            String json = spec.toJson();
            ModelSpec back = SpecJson.fromJson(json);
            assertEquals(json, back.toJson());
            assertEquals(SpecShapes.outputShape(spec), SpecShapes.outputShape(back));
        }
    }

    @Test
    void readsKerasLikeJsonWithScalarSizes() {
        ModelSpec spec = SpecJson.fromJson("""
                {"name":"x","input":[2,10,12],"layers":[
                  {"type":"conv","filters":3,"kernel":3,"stride":[1,2]},
                  {"type":"pool","kernel":2},
                  {"type":"flatten"},
                  {"type":"output","units":4}]}""");
        java.util.List<SpecShapes.Node> nodes = SpecShapes.infer(spec);
        // conv valid 3, stride (1,2): 10x12 -> 8x5; pool 2: 4x2; flatten 3*4*2
        assertEquals(Shape.of(3, 8, 5), nodes.get(0).output());
        assertEquals(Shape.of(3, 4, 2), nodes.get(1).output());
        assertEquals(Shape.flat(24), nodes.get(2).output());
        assertEquals("conv1", nodes.get(0).name());
        assertEquals("output1", nodes.get(3).name());
    }

    @Test
    void builds1dStackAsMultiLayerNetworkWithTheRightOutput() {
        Model net = NetworkBuilder.build(beats1d());
        MultiLayerNetwork mln = assertInstanceOf(MultiLayerNetwork.class, net);
        INDArray out = mln.output(Nd4j.rand(DataType.FLOAT, 3, 1, 64));
        assertArrayEquals(new long[] {3, 5}, out.shape());
        assertEquals(3.0, out.sumNumber().doubleValue(), 1e-4, "softmax rows sum to 1");
        assertEquals("conv1", mln.getLayer(0).conf().getLayer().getLayerName());
    }

    @Test
    void builds2dResidualNetAsGraph() {
        ComputationGraph g = assertInstanceOf(ComputationGraph.class, NetworkBuilder.build(residual2d()));
        INDArray out = g.outputSingle(Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16));
        assertArrayEquals(new long[] {2, 3}, out.shape());
        assertNotNull(g.getVertex("residual1_shortcut"), "channels and resolution change: projected shortcut");
        assertNull(g.getVertex("residual2_shortcut"), "same shape: identity shortcut");
        Map<String, INDArray> acts = g.feedForward(Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16), false);
        assertArrayEquals(new long[] {2, 8, 8, 8}, acts.get("residual1").shape());
    }

    @Test
    void builds3dUNetWithPerVoxelOutput() {
        ModelSpec spec = unet3d();
        assertEquals(Shape.of(2, 8, 8, 8), SpecShapes.outputShape(spec));
        ComputationGraph g = assertInstanceOf(ComputationGraph.class, NetworkBuilder.build(spec));
        INDArray out = g.outputSingle(Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8, 8));
        assertArrayEquals(new long[] {2, 2, 8, 8, 8}, out.shape());
        assertEquals(2 * 8 * 8 * 8, out.sumNumber().doubleValue(), 1e-2, "softmax over classes at every voxel");
    }

    @Test
    void builds1dSegmentationAnd2dClassifierOutputShapes() {
        ModelSpec seg1d = ModelSpec.of("seg1d", new int[] {2, 32}, conv(4, 3).padding("same").activation("relu"),
                maxPool(2), upsample(2), output(3));
        INDArray out = ((MultiLayerNetwork) NetworkBuilder.build(seg1d)).output(Nd4j.rand(DataType.FLOAT, 4, 2, 32));
        assertArrayEquals(new long[] {4, 3, 32}, out.shape());

        ModelSpec img = ModelSpec.of("img", new int[] {1, 12, 12}, conv(2, 3).dilation(2).activation("relu"),
                avgPool(2), flatten(), output(2).activation("sigmoid").loss("xent"));
        assertEquals(Shape.of(2, 4, 4), SpecShapes.infer(img).get(1).output());
        INDArray o2 = ((MultiLayerNetwork) NetworkBuilder.build(img)).output(Nd4j.rand(DataType.FLOAT, 1, 1, 12, 12));
        assertArrayEquals(new long[] {1, 2}, o2.shape());
    }

    @Test
    void invalidSpecsNameTheLayer() {
        SpecException e = assertThrows(SpecException.class, () -> SpecShapes.infer(
                ModelSpec.of("tiny", new int[] {1, 8}, conv(2, 3), maxPool(2), conv(2, 5).name("late"), flatten(), output(2))));
        assertTrue(e.getMessage().contains("'late'") && e.getMessage().contains("kernel 5 is larger than its input 3"),
                e.getMessage());

        e = assertThrows(SpecException.class, () -> SpecShapes.infer(
                ModelSpec.of("m", new int[] {1, 8, 8}, conv(2, 3), dense(4), output(2))));
        assertTrue(e.getMessage().contains("'dense1'") && e.getMessage().contains("flatten"), e.getMessage());

        e = assertThrows(SpecException.class, () -> SpecShapes.infer(
                ModelSpec.of("m", new int[] {1, 8, 8}, conv(2, 3).name("a"), maxPool(2), concat("a"), output(2))));
        assertTrue(e.getMessage().contains("'concat1'") && e.getMessage().contains("spatial sizes differ"), e.getMessage());

        e = assertThrows(SpecException.class, () -> SpecShapes.infer(
                ModelSpec.of("m", new int[] {1, 8}, conv(2, 3, 3), flatten(), output(2))));
        assertTrue(e.getMessage().contains("'conv1'") && e.getMessage().contains("\"kernel\" has 2 values for 1D"), e.getMessage());

        e = assertThrows(SpecException.class, () -> NetworkBuilder.build(
                ModelSpec.of("m", new int[] {1, 8}, conv(2, 3).activation("wobbly"), flatten(), output(2))));
        assertTrue(e.getMessage().contains("'conv1'") && e.getMessage().contains("wobbly"), e.getMessage());

        e = assertThrows(SpecException.class, () -> SpecJson.fromJson("{\"input\":[1,8],\"layers\":[{\"type\":\"convv\"}]}")
                .needsGraph());
        assertTrue(e.getMessage().contains("convv"), e.getMessage());
    }
}
