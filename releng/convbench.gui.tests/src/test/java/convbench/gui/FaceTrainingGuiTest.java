package convbench.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Face > Train Siamese... and Evaluate Pairs... in the real product, on four people of face_recognition's photos
 * (two photos each, laid out as LFW with links to the read-only fixtures): a batch-hard run to the end (live chart,
 * the triplet view's chips, the held-out AUC), a second run cancelled from the editor, then the ROC of the dlib
 * embeddings on the same folder; last, Explore Units on the recognition net with every face of knn_examples.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaceTrainingGuiTest {
    private static final int FACE_MENU = 3; // File, EKG, CT, Face
    private static final int TRAIN_ITEM = 5, EVALUATE_ITEM = 6, EXPLORE_ITEM = 7; // after Enrol, Identify, Verify, Manage Database
    private static ProductUnderXvfb app;
    private static Path people;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("convbench.root", ".")).toAbsolutePath().normalize();
        Path examples = root.resolve("../shared/data/faces/face_recognition/examples/knn_examples/train").normalize();
        assertTrue(Files.isDirectory(examples), "face fixtures missing: " + examples);
        people = Files.createTempDirectory("convbench-gui-siamese").resolve("people");
        for (var e : Map.of("obama", List.of("obama.jpg", "obama2.jpg"), "biden", List.of("biden.jpg", "biden2.jpg"),
                "kit_harington", List.of("john1.jpeg", "john2.jpeg"), "rose_leslie", List.of("img1.jpg", "img2.jpg")).entrySet()) {
            Path person = Files.createDirectories(people.resolve(e.getKey()));
            for (String f : e.getValue())
                Files.createSymbolicLink(person.resolve(f), examples.resolve(e.getKey()).resolve(f));
        }
        app = new ProductUnderXvfb("ConvBench", Map.of("CONVBENCH_FACE_DB",
                Files.createTempDirectory("convbench-gui-faces").resolve("faces.db").toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null)
            app.close();
    }

    /** Face > item: the dialog; the dataset folder typed into its first field. */
    private static String dialog(int item, String title, String screenshot) throws Exception {
        app.openMenuItem(FACE_MENU, item);
        String dialog = app.waitForWindow(title, 30);
        Thread.sleep(500);
        app.focus(dialog);
        app.run(20, "xdotool", "type", "--delay", "15", people.toString());
        Thread.sleep(300);
        if (screenshot != null)
            app.screenshot(screenshot);
        return dialog;
    }

    @Test
    @Order(1)
    void batchHardRunShowsLiveCurvesTripletsAndHeldOutAuc() throws Exception {
        app.settledScreenshot("siamese-00-workbench");
        BufferedImage before = app.screenshot("siamese-00-before");
        dialog(TRAIN_ITEM, "Train Siamese", "siamese-01-dialog");
        app.keys("Return"); // Train: batch-hard, dlib embeddings, 30 epochs, alpha 0.2, 8 chips per photo
        String triplets = app.waitForLog(Pattern.compile("Triplet view: .*"), 600); // photos detected and embedded first
        System.out.println("[gui] " + triplets);
        assertTrue(triplets.contains("batch-hard triplets") && triplets.contains("; first: A "), triplets);
        Thread.sleep(2500); // the view's chips and a few more chart points
        BufferedImage running = app.screenshot("siamese-02-training-view");
        String done = app.waitForLog(Pattern.compile("Siamese training finished: .*"), 400);
        System.out.println("[gui] " + done);
        Matcher auc = Pattern.compile("ROC AUC (\\d\\.\\d+)").matcher(done);
        assertTrue(auc.find() && Double.parseDouble(auc.group(1)) > 0.5, "no held-out AUC above chance: " + done);
        Thread.sleep(1500);
        BufferedImage finished = app.screenshot("siamese-03-training-finished");
        // TripletView frames positives in green (0,130,0) and negatives in red (190,0,0): three rows of each
        for (BufferedImage shot : List.of(running, finished)) {
            int green = ProductUnderXvfb.count(shot, 0, 130, 0, 10) - ProductUnderXvfb.count(before, 0, 130, 0, 10);
            int red = ProductUnderXvfb.count(shot, 190, 0, 0, 10) - ProductUnderXvfb.count(before, 190, 0, 0, 10);
            System.out.printf("[gui] triplet view: %d green, %d red pixels%n", green, red);
            assertTrue(green > 400 && red > 400, "no triplet chips framed on screen (" + green + " green, " + red + " red)");
        }
    }

    @Test
    @Order(2)
    void aRunIsCancelledFromItsEditor() throws Exception {
        String d = dialog(TRAIN_ITEM, "Train Siamese", null);
        app.keys("Tab", "Down", "Down"); // Training: random triplets
        app.keys("Tab", "Tab", "ctrl+a");
        app.run(10, "xdotool", "type", "--delay", "15", "1000"); // epochs: far more than the test waits for
        app.focus(d);
        app.keys("Return");
        String line = app.waitForLog(Pattern.compile("Triplet view: .*random triplets.*"), 600);
        System.out.println("[gui] " + line);
        app.focus(app.windowId);
        app.keys("space"); // the editor's Cancel button has the focus while the run goes on
        line = app.waitForLog(Pattern.compile("Siamese training stopped: .*"), 60);
        System.out.println("[gui] " + line);
        assertTrue(line.endsWith("Cancelled"), line);
        app.screenshot("siamese-04-cancelled");
    }

    @Test
    @Order(3)
    void evaluatePairsShowsRocAucThresholdAndAccuracy() throws Exception {
        dialog(EVALUATE_ITEM, "Evaluate Pairs", null);
        app.keys("Return"); // no head: the dlib embeddings as they are, one chip per photo
        String line = app.waitForLog(Pattern.compile("Evaluated pairs of .*"), 400);
        System.out.println("[gui] " + line);
        Matcher auc = Pattern.compile("AUC (\\d\\.\\d+), best threshold (\\d\\.\\d+)").matcher(line);
        assertTrue(auc.find() && Double.parseDouble(auc.group(1)) > 0.9, "the dlib embeddings separate these people: " + line);
        assertTrue(line.contains("4 same / 24 different pairs"), line); // 8 photos, 2 per person
        String result = app.waitForWindow("Evaluate Pairs", 20);
        Thread.sleep(1500);
        app.screenshot("siamese-05-evaluate-pairs-roc");
        app.focus(result);
        app.keys("Return");
        String log = Files.readString(app.log, StandardCharsets.UTF_8);
        assertTrue(!Pattern.compile("^\\s+at convbench\\.face\\.", Pattern.MULTILINE).matcher(log).find(),
                "a ConvBench face stack trace in the product log:\n" + app.tail());
    }

    /**
     * Face > Explore Units...: the Unit Explorer on the dlib ResNet (a SameDiff graph) with the 16 aligned faces of
     * knn_examples' photos; the view must show the 9 faces that {@code face units} reports for the same unit.
     */
    @Test
    @Order(4)
    void exploreUnitsShowsTheFacesThatExciteAUnitOfTheRecognitionNet() throws Exception {
        Path knn = people.getParent().resolve("knn");
        Files.createSymbolicLink(knn, Path.of(System.getProperty("convbench.root", ".")).toAbsolutePath().normalize()
                .resolve("../shared/data/faces/face_recognition/examples/knn_examples").normalize());
        String layer = "conv32_3/conv2";
        CliProductTest.Run cli = CliProductTest.convbench("face", "units", "--images", knn.toString(), "--layer", layer,
                "--unit", "0", "--json");
        assertEquals(0, cli.status(), cli.out() + cli.err());
        List<Integer> top = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(cli.out()).getAsJsonObject().getAsJsonArray("top"))
            top.add(e.getAsJsonObject().get("index").getAsInt());
        assertEquals(9, top.size(), cli.out());

        app.openMenuItem(FACE_MENU, EXPLORE_ITEM);
        String dialog = app.waitForWindow("Explore Units", 30);
        Thread.sleep(500);
        app.focus(dialog);
        app.run(20, "xdotool", "type", "--delay", "15", knn.toString());
        Thread.sleep(300);
        app.screenshot("face-units-01-dialog"); // layer conv32_3/conv2 and unit 0 are the dialog's defaults
        app.keys("Return");
        Pattern done = Pattern.compile("Unit Explorer on face recognition net on knn \\(16 aligned faces\\): (layer \\S+ unit 0,"
                + " (\\d+) patches, examples \\[([\\d,]*)\\].*|.*)");
        String line = app.waitForLog(done, 400);
        System.out.println("[gui] " + line);
        Matcher m = done.matcher(line);
        assertTrue(m.matches() && m.group(2) != null, line);
        assertTrue(line.contains("layer " + layer + " unit 0"), line);
        assertEquals(top.toString().replace(" ", ""), "[" + m.group(3) + "]", "the view shows the command's top 9");
        Thread.sleep(1500);
        BufferedImage shot = app.screenshot("face-units-02-explorer");
        int tiles = UnitExplorerGuiTest.headerBands(shot);
        System.out.printf("[gui] face unit explorer: %d tiles on screen%n", tiles);
        assertEquals(9, tiles, "tiles in the screenshot");
    }
}
