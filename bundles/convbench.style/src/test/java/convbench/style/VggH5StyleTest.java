package convbench.style;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import convbench.cli.api.CliArgs;
import convbench.cli.api.CliProgress;
import convbench.core.importer.ImagePreprocessing;
import convbench.core.importer.ImportedModel;
import convbench.core.importer.Images;
import convbench.style.internal.StyleRunCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The VGG path of issue 7: a Keras .h5 VGG16 as Keras lays it out (write_keras_vgg.py, h5py; random He weights
 * because Keras' ImageNet weights cannot be downloaded here) goes through the core importer, is recognised as VGG16
 * with conv4_2 / conv1_1..conv5_1 preselected, computes what numpy computes from the same weights, and stylises.
 */
class VggH5StyleTest {
    @TempDir
    static Path dir;
    private static Path h5;
    private static FeatureNetwork vgg;

    @BeforeAll
    static void writeVgg16() throws Exception {
        Path script = Path.of("src/test/resources/vgg/write_keras_vgg.py");
        h5 = dir.resolve("vgg16_notop.h5");
        // Debian's python3 (python3-h5py, releng/debian-packages.txt), not whatever python3 is first on the PATH
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), "vgg16", h5.toString(), dir.resolve("ref").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "write_keras_vgg.py did not finish");
        assertEquals(0, p.exitValue(), "write_keras_vgg.py failed (needs Debian python3-h5py):\n" + output);
        vgg = FeatureNetwork.load(h5, ImagePreprocessing.CAFFE);
    }

    @Test
    void recognisedAsVgg16WithGatysLayersPreselected() {
        assertEquals(ImportedModel.Format.KERAS_H5, vgg.model().format());
        assertEquals(FeaturePreset.VGG16, vgg.preset());
        StyleParameters p = StyleParameters.defaults(vgg.preset());
        assertEquals("block4_conv2", p.contentLayer());
        assertEquals(List.of("block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1", "block5_conv1"),
                List.copyOf(p.styleWeights().keySet()));
        assertFalse(p.smoothing(), "smoothing is the ResNet remedy, off for VGG");
        vgg.checkLayers(p);
    }

    /** Kernel layout [kh,kw,in,out] -> DL4J, 'same' padding and max pooling, in DL4J and in the SameDiff rebuild. */
    @Test
    void importedLayersComputeWhatNumpyComputes() throws IOException {
        INDArray x = Nd4j.createFromNpyFile(dir.resolve("ref/input.npy").toFile());
        List<String> layers = List.of("block1_conv1", "block1_pool", "block2_conv1");
        Map<String, INDArray> dl4j = vgg.model().activations(x, layers);
        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> features = FeatureGraph.append(sd, sd.var("image", x), vgg.model().graph(), layers, DataType.FLOAT, "vgg16");
        Map<String, INDArray> rebuilt = sd.output(Map.of(), features.values().stream().map(SDVariable::name).toArray(String[]::new));
        for (String layer : layers) {
            INDArray expected = Nd4j.createFromNpyFile(dir.resolve("ref/" + layer + ".npy").toFile());
            for (INDArray actual : List.of(dl4j.get(layer), rebuilt.get(features.get(layer).name()))) {
                assertArrayEquals(expected.shape(), actual.shape(), layer);
                double rel = expected.sub(actual).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
                assertTrue(rel < 1e-5, layer + ": relative difference to numpy " + rel);
            }
        }
    }

    @Test
    void styleTransferOnVggLowersTheStyleLoss() throws IOException {
        StyleParameters p = StyleParameters.defaults(vgg.preset()).size(48).iterations(8).previewEvery(0);
        StyleResult r = new StyleTransfer(vgg.model(), vgg.preprocessing()).run(
                Images.read(ResNet50StyleTest.sample("chelsea.png")), Images.read(ResNet50StyleTest.sample("starry_night.jpg")),
                p, (i, evaluations, losses, seconds, preview) -> { }, () -> false);
        assertEquals(8, r.iterations());
        assertEquals(p.styleWeights().keySet(), r.last().styleLayers().keySet());
        assertTrue(r.last().style() < 0.5 * r.initial().style(),
                "style loss " + r.initial().style() + " -> " + r.last().style() + ": not halved in 8 L-BFGS iterations");
    }

    /** {@code style run --model vgg16.h5} takes the VGG16 preset by itself. */
    @Test
    void cliRunsOnTheH5WithThePresetLayers() throws Exception {
        Path out = dir.resolve("g.png");
        var result = new StyleRunCommand().run(CliArgs.parse(List.of("--content", ResNet50StyleTest.sample("coffee.png").toString(),
                "--style", ResNet50StyleTest.sample("great_wave.jpg").toString(), "--out", out.toString(), "--model", h5.toString(),
                "--size", "32", "--iterations", "2", "--json"), Set.of("json", "help")), CliProgress.NONE);
        JsonObject json = JsonParser.parseString(new Gson().toJson(result.json())).getAsJsonObject();
        assertEquals(Set.of("block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1", "block5_conv1"),
                json.getAsJsonObject("losses").getAsJsonObject("styleLayers").keySet());
        JsonObject parameters = json.getAsJsonObject("parameters");
        assertEquals("block4_conv2", parameters.get("contentLayer").getAsString());
        assertFalse(parameters.get("smoothing").getAsBoolean());
        assertTrue(Files.isRegularFile(out));
    }
}
