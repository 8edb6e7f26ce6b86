package convbench.core.model;

import static convbench.core.spec.LayerSpec.*;
import static org.junit.jupiter.api.Assertions.*;

import convbench.core.spec.ModelSpec;
import convbench.core.spec.NetworkBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelFileTest {
    @Test
    void savesAndLoadsNetworkAndMetadataInOneZip(@TempDir Path dir) throws Exception {
        ModelSpec plain = ModelSpec.of("plain", new int[] {1, 12}, conv(2, 3), flatten(), output(3));
        ModelSpec graph = ModelSpec.of("graph", new int[] {2, 6, 6}, conv(2, 3).padding("same"),
                residual(conv(2, 3).padding("same")), globalPool("max"), output(2));
        for (ModelSpec spec : List.of(plain, graph)) {
            Model net = NetworkBuilder.build(spec);
            Path file = dir.resolve(spec.name() + ".zip");
            ModelFile.save(file, net, ModelMetadata.forSpec(spec).classNames(List.of("a", "b", "c"))
                    .dataFingerprint("sha256:00").metric("accuracy", 0.5), false, Map.of("note.txt", "hi".getBytes()));
            LoadedModel back = ModelFile.load(file);
            INDArray in = Nd4j.rand(DataType.FLOAT, spec.inputShape().batchShape(2));
            assertEquals(Networks.output(net, in), back.output(in), "same outputs after the round trip");
            assertEquals(Networks.type(net), back.metadata().networkType());
            assertArrayEquals(spec.inputShape().toArray(), back.inputShape());
            assertEquals(spec.toJson(), back.metadata().spec().toJson());
            assertEquals(List.of("a", "b", "c"), back.metadata().classNames());
            assertEquals(0.5, ((Number) back.metadata().metrics().get("accuracy")).doubleValue());
            assertNotNull(back.metadata().libraries().get("deeplearning4j"));
            assertEquals("hi", new String(ModelFile.readExtra(file, "note.txt")));
        }
        // still a plain DL4J model file
        assertNotNull(ModelSerializer.restoreComputationGraph(dir.resolve("graph.zip").toFile()));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void shapeMismatchNamesTheFileAndBothShapes(@TempDir Path dir) throws Exception {
        ModelSpec spec = ModelSpec.of("beats", new int[] {1, 256}, conv(2, 5), globalPool("avg"), output(5));
        Path file = dir.resolve("beats.zip");
        ModelFile.save(file, NetworkBuilder.build(spec), ModelMetadata.forSpec(spec));
        LoadedModel m = ModelFile.load(file);
        ModelShapeException e = assertThrows(ModelShapeException.class, () -> m.checkInput(new int[] {2, 360}));
        assertEquals(file + ": the model expects input [1, 256] (channels, width) but the data is [2, 360] (channels, width)",
                e.getMessage());
        assertThrows(ModelShapeException.class, () -> m.output(Nd4j.zeros(DataType.FLOAT, 3, 1, 100)));
        assertInstanceOf(org.deeplearning4j.nn.multilayer.MultiLayerNetwork.class, m.network());
        assertFalse(m.network() instanceof ComputationGraph);
    }

    @Test
    void notAModelFileIsReportedWithItsName(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.zip");
        Files.writeString(junk, "not a zip");
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(junk));
        assertTrue(e.getMessage().startsWith(junk.toString()) && e.getMessage().contains("not a zip"), e.getMessage());
        e = assertThrows(IOException.class, () -> ModelFile.load(dir.resolve("missing.zip")));
        assertTrue(e.getMessage().contains("missing.zip"), e.getMessage());
    }
}
