package convbench.core.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kernel layout conversion on a tiny known model (test resources importer/tiny*, written by make_tiny_models.py):
 * input [3,3,2] -> Conv2D 2x2 (2 filters, valid) -> Flatten -> Dense 3 softmax, with small integer weights.
 * <p>
 * Hand-computed for the input below (x[h][w][c]; kernel k[kh][kw][cin][cout] from make_tiny_models.py):
 * conv[0][0][0] = x000*k0000 + x010*k0100 + x011*k0110 + x101*k1010 + x110*k1100 + bias0
 *               = 1*1 + (-1)(-1) + 2*0 ... = 1 + 1 + 1 + 2 + 0.5 = 5.5, and so on for the 8 conv outputs
 * [5.5, -1, 3.5, 2, -1.5, 0, -3.5, 2] (NHWC order); Keras flattens them in that [h][w][c] order, and the Dense
 * layer gives logits [5.75, 1.5, -1], softmax [0.9847995, 0.0140474, 0.0011531]. A wrong layout gives other
 * numbers: kernel rows/columns swapped [8.25, 3, 0], in/out channels swapped [7.75, 4.5, 1], channels-first
 * flattening [2, -0.5, -2.25].
 */
class ImporterLayoutTest {
    private static final float[] INPUT = {1, 0, -1, 2, 0, 1, -2, 1, 1, 0, 2, -1, 0, -1, 1, 1, -2, 0};
    private static final double[] CONV = {5.5, -1, 3.5, 2, -1.5, 0, -3.5, 2};
    private static final double[] LOGITS = {5.75, 1.5, -1};
    private static final double[] PROBABILITIES = {0.9847995078, 0.0140474105, 0.0011530817};

    static Path resource(String name) {
        try {
            return Path.of(ImporterLayoutTest.class.getResource("/importer/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static INDArray input() {
        return Nd4j.create(INPUT, new long[] {1, 3, 3, 2}, 'c');
    }

    private static void assertClose(double[] expected, INDArray actual, double tolerance) {
        double[] a = actual.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        assertEquals(expected.length, a.length, "number of values");
        for (int i = 0; i < expected.length; i++)
            assertEquals(expected[i], a[i], tolerance, "value " + i + " of " + java.util.Arrays.toString(a));
    }

    @Test
    void functionalFloat32ModelGivesHandComputedOutputs() throws Exception {
        ImportedModel model = ModelImporter.load(resource("tiny/model.json"));
        assertEquals(ImportedModel.Format.TFJS_LAYERS, model.format());
        assertArrayEquals(new long[] {3, 3, 2}, model.inputShape());
        assertTrue(model.channelsLast());
        assertFalse(model.outputsLogits());
        assertEquals(List.of("input", "conv", "flatten", "dense"), List.copyOf(model.layers().keySet()));
        assertClose(PROBABILITIES, model.output(input()), 1e-6);

        // intermediate activations keep Keras' NHWC layout
        Map<String, INDArray> acts = model.activations(input(), List.of("conv"));
        assertArrayEquals(new long[] {1, 2, 2, 2}, acts.get("conv").shape());
        assertClose(CONV, acts.get("conv"), 1e-6);

        ImportedModel logits = ModelImporter.load(resource("tiny/model.json"), ImportOptions.LOGITS);
        assertTrue(logits.outputsLogits());
        assertClose(LOGITS, logits.output(input()), 1e-5);
    }

    @Test
    void sequentialUint8QuantisedModelGivesTheSameOutputs() throws Exception {
        ImportedModel model = ModelImporter.load(resource("tiny-uint8/model.json"), ImportOptions.LOGITS);
        // a Sequential model gets an input named after its first layer, like Keras does
        assertEquals(List.of("conv_input", "conv", "flatten", "dense"), List.copyOf(model.layers().keySet()));
        assertClose(LOGITS, model.output(input()), 1e-5);
    }

    @Test
    void kerasH5FileGivesTheSameOutputs() throws Exception {
        ImportedModel model = ModelImporter.load(resource("tiny.h5"));
        assertEquals(ImportedModel.Format.KERAS_H5, model.format());
        assertEquals(List.of("input", "conv", "flatten", "dense"), List.copyOf(model.layers().keySet()));
        assertClose(PROBABILITIES, model.output(input()), 1e-6);
        assertClose(LOGITS, ModelImporter.load(resource("tiny.h5"), ImportOptions.LOGITS).output(input()), 1e-5);
    }

    @Test
    void quantisedManifestDecodesToTheFloatWeights() throws Exception {
        WeightManifest f32 = WeightManifest.read(resource("tiny/model.json"));
        WeightManifest u8 = WeightManifest.read(resource("tiny-uint8/model.json"));
        assertEquals(List.of("conv/kernel", "conv/bias", "dense/kernel", "dense/bias"), List.copyOf(u8.weights().keySet()));
        for (NamedWeight w : f32.weights().values()) {
            NamedWeight q = u8.get(w.name());
            assertEquals("float32", w.storedAs());
            assertEquals("uint8 quantised", q.storedAs());
            assertArrayEquals(w.shape(), q.shape());
            assertArrayEquals(w.values(), q.values(), 0f, w.name());
        }
        // k[0][1][0][1] = 2 (row-major [kh][kw][cin][cout])
        assertEquals(2f, f32.get("conv/kernel").values()[1 * 4 + 0 * 2 + 1]);
    }

    @Test
    void kernelLayoutHelpersMatchWhatTheImporterPutIntoTheLayers() throws Exception {
        ImportedModel model = ModelImporter.load(resource("tiny/model.json"));
        WeightManifest weights = WeightManifest.read(resource("tiny/model.json"));
        var graph = model.graph();
        INDArray convW = KernelLayout.conv2d(weights.get("conv/kernel"));
        assertArrayEquals(new long[] {2, 2, 2, 2}, convW.shape());
        // DL4J [out][in][kh][kw]: W[1][0][0][1] is Keras k[0][1][0][1] = 2
        assertEquals(2.0, convW.getDouble(1, 0, 0, 1));
        assertEquals(graph.getLayer("conv").getParam("W"), convW);
        assertEquals(graph.getLayer("conv").getParam("b"), KernelLayout.bias(weights.get("conv/bias")));
        assertEquals(graph.getLayer("dense").getParam("W"), KernelLayout.dense(weights.get("dense/kernel")));
        assertEquals(graph.getLayer("dense").getParam("b"), KernelLayout.bias(weights.get("dense/bias")));
    }

    @Test
    void unsupportedLayerIsNamedWithFileAndLayer(@TempDir Path dir) throws IOException {
        Path model = copyTiny(dir, json -> json.replace("\"class_name\": \"Conv2D\"", "\"class_name\": \"FancyConv\""));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model));
        assertTrue(e.getMessage().startsWith(model.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("unsupported Keras layer FancyConv at layer 'conv'"), e.getMessage());
    }

    @Test
    void missingOrShortShardsAreReported(@TempDir Path dir) throws IOException {
        Path model = copyTiny(dir, json -> json);
        Path shard = dir.resolve("group1-shard1of1.bin");
        byte[] bytes = Files.readAllBytes(shard);

        Files.write(shard, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        ModelImportException shortShard = assertThrows(ModelImportException.class, () -> ModelImporter.load(model));
        assertTrue(shortShard.getMessage().contains("end inside weight 'dense/bias'"), shortShard.getMessage());

        Files.write(shard, java.util.Arrays.copyOf(bytes, bytes.length + 8));
        ModelImportException longShard = assertThrows(ModelImportException.class, () -> WeightManifest.read(model));
        assertTrue(longShard.getMessage().contains("8 bytes more"), longShard.getMessage());

        Files.delete(shard);
        ModelImportException missing = assertThrows(ModelImportException.class, () -> ModelImporter.load(model));
        assertTrue(missing.getMessage().contains(shard + " listed in the manifest does not exist"), missing.getMessage());
    }

    @Test
    void weightsOfTheWrongShapeAreReported(@TempDir Path dir) throws IOException {
        // the manifest claims a 1x1 kernel with as many values as the real one: DL4J's layer cannot take it
        Path model = copyTiny(dir, json -> {
            var root = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
            var kernel = root.getAsJsonArray("weightsManifest").get(0).getAsJsonObject()
                    .getAsJsonArray("weights").get(0).getAsJsonObject();
            kernel.add("shape", com.google.gson.JsonParser.parseString("[1, 1, 4, 4]"));
            return root.toString();
        });
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model));
        assertTrue(e.getMessage().startsWith(model.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("conv"), e.getMessage());
    }

    private static Path copyTiny(Path dir, java.util.function.UnaryOperator<String> edit) throws IOException {
        Path model = dir.resolve("model.json");
        Files.writeString(model, edit.apply(Files.readString(resource("tiny/model.json"))));
        Files.copy(resource("tiny/group1-shard1of1.bin"), dir.resolve("group1-shard1of1.bin"));
        return model;
    }
}
