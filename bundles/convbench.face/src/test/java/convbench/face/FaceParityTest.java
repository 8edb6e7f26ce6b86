package convbench.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ConvBench's DL4J rebuild of face-api against face-api itself: the same decoded pixels go through the package's
 * own JavaScript in Node (@tensorflow/tfjs, CPU backend) and through {@link FaceAnalyzer}. Detections must overlap
 * with IoU >= 0.9, the 68 landmarks lie within 1 px, and embeddings within 1e-3 (L2) — both face-api's pipeline
 * (its upright aligned box) and ConvBench's dlib chips. Node or the npm packages missing fail the test.
 */
class FaceParityTest {
    private static final String[] IMAGES = {"examples/knn_examples/test/kit_with_rose.jpg", "examples/obama_small.jpg"};

    @Test
    void detectionsLandmarksAndEmbeddingsMatchFaceApi(@TempDir Path tmp) throws Exception {
        // face-api's detector options, on both sides
        FaceAnalyzer analyzer = Fixtures.analyzer().withDetector(0.5, FaceAnalyzer.FACEAPI_INPUT_SIZE);
        JsonObject job = new JsonObject();
        job.addProperty("inputSize", FaceAnalyzer.FACEAPI_INPUT_SIZE);
        job.addProperty("scoreThreshold", 0.5);
        JsonArray images = new JsonArray(), chips = new JsonArray();
        List<List<Face>> faceApiMode = new ArrayList<>();
        List<RgbImage> ourChips = new ArrayList<>();
        List<float[]> ourChipEmbeddings = new ArrayList<>();
        for (int i = 0; i < IMAGES.length; i++) {
            RgbImage img = RgbImage.read(Fixtures.image(IMAGES[i]));
            images.add(entry("image" + i, img, tmp));
            faceApiMode.add(analyzer.analyse(img, Alignment.FACEAPI_BOX));
            for (Face f : analyzer.analyse(img, Alignment.DLIB_CHIP)) {
                chips.add(entry("chip" + ourChips.size(), f.chip(), tmp));
                ourChips.add(f.chip());
                ourChipEmbeddings.add(f.embedding());
            }
        }
        job.add("images", images);
        job.add("chips", chips);
        JsonObject ref = runNode(job, tmp);
        System.out.printf("face-api %s, tfjs %s, backend %s, %d ms in Node%n", ref.get("faceapi").getAsString(),
                ref.get("tfjs").getAsString(), ref.get("backend").getAsString(), ref.get("ms").getAsLong());
        assertEquals("cpu", ref.get("backend").getAsString());

        double worstIou = 1, worstLandmark = 0, worstEmbedding = 0, worstChip = 0;
        JsonArray refImages = ref.getAsJsonArray("images");
        for (int i = 0; i < IMAGES.length; i++) {
            JsonArray refFaces = refImages.get(i).getAsJsonObject().getAsJsonArray("faces");
            List<Face> ours = faceApiMode.get(i);
            assertEquals(refFaces.size(), ours.size(), IMAGES[i] + ": face count differs from face-api's");
            for (JsonElement e : refFaces) {
                JsonObject rf = e.getAsJsonObject();
                FaceBox rb = box(rf.getAsJsonArray("box"));
                Face best = ours.stream().max((a, b) -> Double.compare(a.box().iou(rb), b.box().iou(rb))).orElseThrow();
                double iou = best.box().iou(rb);
                double lm = 0;
                JsonArray rl = rf.getAsJsonArray("landmarks");
                for (int k = 0; k < 68; k++)
                    lm = Math.max(lm, Math.hypot(best.x(k) - rl.get(2 * k).getAsDouble(), best.y(k) - rl.get(2 * k + 1).getAsDouble()));
                double emb = l2(best.embedding(), floats(rf.getAsJsonArray("descriptor")));
                System.out.printf("%s face at %s: IoU %.5f, landmarks max %.4f px, embedding L2 %.2e%n",
                        IMAGES[i], rb, iou, lm, emb);
                worstIou = Math.min(worstIou, iou);
                worstLandmark = Math.max(worstLandmark, lm);
                worstEmbedding = Math.max(worstEmbedding, emb);
            }
        }
        JsonArray refChips = ref.getAsJsonArray("chips");
        assertEquals(ourChips.size(), refChips.size());
        for (int c = 0; c < refChips.size(); c++) {
            double d = l2(ourChipEmbeddings.get(c), floats(refChips.get(c).getAsJsonObject().getAsJsonArray("descriptor")));
            worstChip = Math.max(worstChip, d);
        }
        System.out.printf("worst over %d faces: IoU %.5f, landmarks %.4f px, embedding L2 %.2e (face-api box), %.2e"
                + " (dlib chips)%n", ourChips.size(), worstIou, worstLandmark, worstEmbedding, worstChip);
        assertTrue(ourChips.size() >= 3, "expected at least 3 faces in the parity images, found " + ourChips.size());
        assertTrue(worstIou >= 0.9, "detection IoU " + worstIou + " < 0.9");
        assertTrue(worstLandmark <= 1.0, "landmarks differ by " + worstLandmark + " px > 1");
        assertTrue(worstEmbedding <= 1e-3, "face-api pipeline embedding differs by L2 " + worstEmbedding + " > 1e-3");
        assertTrue(worstChip <= 1e-3, "chip embedding differs by L2 " + worstChip + " > 1e-3");
    }

    private static JsonObject entry(String name, RgbImage img, Path dir) throws IOException {
        Files.write(dir.resolve(name + ".rgb"), img.toRgbBytes());
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.addProperty("width", img.width());
        o.addProperty("height", img.height());
        o.addProperty("rgb", name + ".rgb");
        return o;
    }

    private static JsonObject runNode(JsonObject job, Path tmp) throws Exception {
        Path module = Fixtures.modelsModule();
        Path script = module.resolve("face-reference.mjs");
        assertTrue(Files.isRegularFile(script), script + " missing");
        Path jobFile = tmp.resolve("job.json"), out = tmp.resolve("reference.json"), log = tmp.resolve("node.log");
        Files.writeString(jobFile, job.toString());
        Process p;
        try {
            p = new ProcessBuilder("node", script.toString(), "--job", jobFile.toString(), "--output", out.toString())
                    .directory(module.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            return fail("cannot run node (needed for the face-api reference): " + e.getMessage(), e);
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("face-reference.mjs did not finish in 5 minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0)
            fail("face-reference.mjs failed (" + p.exitValue() + "); are the npm packages installed (npm ci in "
                    + module + ")?\n" + output);
        return JsonParser.parseString(Files.readString(out)).getAsJsonObject();
    }

    private static FaceBox box(JsonArray a) {
        return new FaceBox(a.get(0).getAsDouble(), a.get(1).getAsDouble(), a.get(2).getAsDouble(), a.get(3).getAsDouble(), 0);
    }

    private static float[] floats(JsonArray a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++)
            f[i] = a.get(i).getAsFloat();
        return f;
    }

    static double l2(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++)
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        return Math.sqrt(s);
    }
}
