package convbench.face.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Siamese training end to end on the real face fixtures, through the {@code face train} and {@code face eval}
 * commands: the photos of six people laid out as LFW (root/person/images, symbolic links to the read-only
 * fixtures), 8 augmented chips per photo, two people held out. For both inputs (a head on the dlib embeddings; an
 * encoder from scratch on 32x32 chips) prints the held-out ROC AUC of batch-hard, semi-hard and random triplets and
 * of the binary head, with the input's own distance for reference.
 */
class SiameseFixtureTest {
    /** person -> fixture photos (examples/...); group photos are left out (their largest face may be the other person). */
    static final Map<String, List<String>> PEOPLE = new LinkedHashMap<>();
    static {
        PEOPLE.put("alex_lacamoire", List.of("knn_examples/train/alex_lacamoire/img1.jpg", "knn_examples/test/alex_lacamoire1.jpg",
                "alex-lacamoire.png"));
        PEOPLE.put("barack_obama", List.of("knn_examples/train/obama/obama.jpg", "knn_examples/train/obama/obama2.jpg",
                "knn_examples/test/obama1.jpg", "../tests/test_images/obama3.jpg", "obama-720p.jpg"));
        PEOPLE.put("joe_biden", List.of("knn_examples/train/biden/biden.jpg", "knn_examples/train/biden/biden2.jpg"));
        PEOPLE.put("kit_harington", List.of("knn_examples/train/kit_harington/john1.jpeg",
                "knn_examples/train/kit_harington/john2.jpeg", "knn_examples/test/johnsnow_test1.jpg"));
        PEOPLE.put("lin_manuel_miranda", List.of("lin-manuel-miranda.png"));
        PEOPLE.put("rose_leslie", List.of("knn_examples/train/rose_leslie/img1.jpg", "knn_examples/train/rose_leslie/img2.jpg"));
    }

    @TempDir
    static Path dir;
    static Path root;

    /** The LFW layout of the fixtures: links, never copies. */
    static Path layout(Path into) throws Exception {
        Path examples = Path.of(System.getProperty("convbench.shared.data", "../../../shared/data"), "faces/face_recognition/examples")
                .toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(examples), "face fixtures missing: " + examples);
        for (var e : PEOPLE.entrySet()) {
            Path person = Files.createDirectories(into.resolve(e.getKey()));
            for (String f : e.getValue()) {
                Path src = examples.resolve(f).normalize();
                Files.createSymbolicLink(person.resolve(src.getFileName()), src);
            }
        }
        return into;
    }

    @BeforeAll
    static void embedOnce() throws Exception {
        root = layout(Files.createDirectories(dir.resolve("faces")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> run(CliCommand c, String... words) throws Exception {
        List<String> w = new ArrayList<>(List.of(words));
        w.add("--json");
        return (Map<String, Object>) c.run(CliArgs.parse(w, Set.of("json")), CliProgress.NONE).json();
    }

    static Map<String, Object> train(String input, String... extra) throws Exception {
        List<String> w = new ArrayList<>(List.of("--data", root.toString(), "--input", input, "--cache",
                dir.resolve(input + "-embeddings.json").toString(), "--seed", "1"));
        w.addAll(List.of(extra));
        return run(new convbench.face.internal.FaceTrainCommand(), w.toArray(String[]::new));
    }

    static double auc(Map<String, Object> json, String part) {
        return (double) ((Map<?, ?>) json.get(part)).get("auc");
    }

    @Test
    void headOnDlibEmbeddings() throws Exception {
        compare("dlib");
    }

    @Test
    void encoderFromScratchOnPixels() throws Exception {
        compare("pixels");
    }

    void compare(String input) throws Exception {
        Map<String, Double> heldOut = new LinkedHashMap<>();
        Map<String, Object> last = null;
        for (String mining : List.of("batch-hard", "semi-hard", "random")) {
            Map<String, Object> r = train(input, "--loss", "triplet", "--mining", mining);
            heldOut.put(mining, auc(r, "heldOut"));
            System.out.println(input + ": face train --mining " + mining + ": train AUC " + auc(r, "train") + ", held-out " + r.get("heldOut")
                    + ", input alone " + auc(r, "baselineHeldOut") + ", held out " + r.get("heldOutIdentities")
                    + ", loss " + r.get("firstLoss") + " -> " + r.get("lastLoss"));
            System.out.println("  triplets chosen last: " + r.get("triplets"));
            assertEquals(List.of("alex_lacamoire", "barack_obama", "joe_biden", "kit_harington", "lin_manuel_miranda",
                    "rose_leslie").size(), ((List<?>) r.get("trainIdentities")).size() + ((List<?>) r.get("heldOutIdentities")).size());
            assertFalse(((List<?>) r.get("triplets")).isEmpty());
            last = r;
        }
        Path head = dir.resolve(input + "-binary.zip");
        Map<String, Object> b = train(input, "--loss", "binary", "--out", head.toString());
        heldOut.put("binary", auc(b, "heldOut"));
        System.out.println(input + ": face train --loss binary: train AUC " + auc(b, "train") + ", held-out " + b.get("heldOut") + ", loss "
                + b.get("firstLoss") + " -> " + b.get("lastLoss"));
        System.out.println(input + ": held-out ROC AUC (seed 1): " + heldOut + ", input alone " + auc(last, "baselineHeldOut"));
        assertTrue((double) b.get("lastLoss") < (double) b.get("firstLoss"), "the binary head's logistic loss falls");
        for (var e : heldOut.entrySet())
            assertTrue(e.getValue() > 0.5, e.getKey() + " held-out AUC above chance: " + e.getValue());

        // face eval of the saved binary head on the held-out people's photos (no augmentation) agrees in kind
        Map<String, Object> ev = run(new convbench.face.internal.FaceEvalCommand(), "--data", root.toString(), "--model",
                head.toString(), "--augment", "8", "--cache", dir.resolve(input + "-embeddings.json").toString());
        System.out.println(input + ": face eval binary head on all six people: " + ev);
        assertEquals("probability", ev.get("metric"));
        assertTrue((double) ev.get("auc") > 0.5);
    }

    /** The triplet view's pictures: a row's chip made again from its photo, under the row's augmentation. */
    @Test
    void thumbnailsOfRowsComeFromTheirPhotos() throws Exception {
        convbench.face.FaceAnalyzer analyzer = convbench.face.FaceAnalyzer.open(convbench.face.FaceModels.locate());
        EmbeddingSet set = SiameseTraining.embeddings(analyzer, root, FaceFeatures.PIXELS, null, 2, (d, t, m) -> { }, () -> false).set();
        ChipThumbnails thumbs = new ChipThumbnails(analyzer, root, 48);
        int original = -1, flipped = -1;
        for (int r = 0; r < set.size(); r++)
            if (set.sources()[r].equals(set.sources()[0]))
                if (set.augmentations()[r].equals("original"))
                    original = r;
                else if (set.augmentations()[r].equals("flip"))
                    flipped = r;
        convbench.face.RgbImage a = thumbs.of(set, original), b = thumbs.of(set, flipped);
        assertEquals(48, a.width());
        assertEquals(48, a.height());
        // the mirror image of the original chip: column x of one is column 47 - x of the other
        double diff = 0, unmirrored = 0;
        for (int y = 0; y < 48; y++)
            for (int x = 0; x < 48; x++)
                for (int c = 0; c < 3; c++) {
                    diff += Math.abs(a.data()[(y * 48 + x) * 3 + c] - b.data()[(y * 48 + 47 - x) * 3 + c]);
                    unmirrored += Math.abs(a.data()[(y * 48 + x) * 3 + c] - b.data()[(y * 48 + x) * 3 + c]);
                }
        assertTrue(diff < 0.25 * unmirrored, "flip thumbnail is not the mirrored original: " + diff + " vs " + unmirrored);
    }
}
