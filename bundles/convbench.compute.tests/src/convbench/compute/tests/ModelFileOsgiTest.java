package convbench.compute.tests;

import static convbench.core.spec.LayerSpec.batchNorm;
import static convbench.core.spec.LayerSpec.conv;
import static convbench.core.spec.LayerSpec.globalPool;
import static convbench.core.spec.LayerSpec.maxPool;
import static convbench.core.spec.LayerSpec.output;
import static convbench.core.spec.LayerSpec.residual;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import convbench.core.model.LoadedModel;
import convbench.core.model.ModelFile;
import convbench.core.model.ModelMetadata;
import convbench.core.model.Networks;
import convbench.core.spec.ModelSpec;
import convbench.core.spec.NetworkBuilder;
import convbench.dl4j.Nd4jContext;

/**
 * Model files whose DL4J configuration carries preprocessors (3D batch norm's reshaped view) load again inside
 * OSGi, where DL4J's Jackson can only instantiate classes its own bundle sees.
 */
class ModelFileOsgiTest {
    @Test
    void a3dBatchNormModelFileRoundTripsInOsgi() throws Exception {
        Path dir = Files.createTempDirectory("convbench-osgi-model");
        for (boolean graph : new boolean[] { false, true }) {
            ModelSpec spec = ModelSpec.of(graph ? "bn3d_graph" : "bn3d_stack", new int[] { 1, 6, 6, 6 },
                    conv(4, 3).padding("same").activation("relu"), batchNorm(),
                    graph ? residual(conv(4, 3).padding("same"), batchNorm()).activation("relu") : batchNorm(),
                    maxPool(2), globalPool("max"), output(2));
            Path file = dir.resolve(spec.name() + ".zip");
            Nd4jContext.call(() -> {
                Model net = NetworkBuilder.build(spec);
                INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 6, 6, 6);
                ModelFile.save(file, net, ModelMetadata.forSpec(spec));
                LoadedModel back = ModelFile.load(file);
                assertEquals(Networks.type(net), back.metadata().networkType());
                assertEquals(Networks.output(net, x), back.output(x), spec.name() + ": same outputs after the round trip");
                return null;
            });
            Files.delete(file);
        }
        Files.delete(dir);
    }
}
