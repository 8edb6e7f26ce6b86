package convbench.gui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Face menu in the real product on face_recognition's photos: Enrol Person... for Obama and Biden (one photo
 * each), Identify... on a photo of both (labelled boxes on screen), Verify... of a claimed identity and the error for
 * one not enrolled, Manage Database listing and removing a person. The database is a temporary file, never the user's ~/.convbench/faces.db.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaceGuiTest {
    private static final int FACE_MENU = 3; // File, EKG, CT, Face
    private static ProductUnderXvfb app;
    private static Path fixtures;
    private static Path db;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("convbench.root", ".")).toAbsolutePath().normalize();
        // test-only photos next to the checkout (never in sample-data); no system property names them
        fixtures = root.resolve("../shared/data/faces/face_recognition").normalize();
        assertTrue(Files.isRegularFile(fixtures.resolve("examples/knn_examples/test/obama_and_biden.jpg")),
                "face fixtures missing: expected face_recognition's examples under " + fixtures);
        db = Files.createTempDirectory("convbench-gui-faces").resolve("faces.db");
        app = new ProductUnderXvfb("ConvBench", Map.of("CONVBENCH_FACE_DB", db.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null)
            app.close();
    }

    @Test
    @Order(1)
    void enrolTwoPeopleFromOnePhotoEach() throws Exception {
        app.settledScreenshot("face-00-workbench");
        enrol("obama", fixtures.resolve("examples/knn_examples/train/obama/obama.jpg"), "face-01-enrol-dialog");
        String line = app.waitForLog(Pattern.compile("Enrolled obama from .*"), 120); // the first job loads the networks
        System.out.println("[gui] " + line);
        assertTrue(line.contains("1 embedding(s), 1 person(s)"), line);
        enrol("biden", fixtures.resolve("examples/knn_examples/train/biden/biden.jpg"), null);
        line = app.waitForLog(Pattern.compile("Enrolled biden from .*"), 60);
        System.out.println("[gui] " + line);
        assertTrue(line.contains("2 person(s) in " + db), line);
        assertTrue(Files.isRegularFile(db), "no database written at " + db);
    }

    @Test
    @Order(2)
    void identifyLabelsBothFacesOfTheGroupPhoto() throws Exception {
        BufferedImage before = app.screenshot("face-02-before-identify");
        app.openMenu(FACE_MENU);
        app.keys("Down", "Down", "Return"); // Face > Identify...
        String dialog = app.waitForWindow("Identify Faces", 30);
        Thread.sleep(1000); // GTK fills the chooser after it maps
        app.focus(dialog);
        app.keys("ctrl+l");
        Thread.sleep(300);
        app.run(20, "xdotool", "type", "--delay", "15", fixtures.resolve("examples/knn_examples/test/obama_and_biden.jpg").toString());
        Thread.sleep(300);
        app.keys("Return");
        String line = app.waitForLog(Pattern.compile("Identified obama_and_biden.jpg: .*"), 90);
        Thread.sleep(2000); // the editor's first paint
        BufferedImage shown = app.screenshot("face-03-identified-obama-and-biden");
        System.out.println("[gui] " + line);
        assertTrue(line.contains("obama: d = ") && line.contains("biden: d = "), "not both identified: " + line);
        int green = ProductUnderXvfb.count(shown, 0, 255, 0, 40) - ProductUnderXvfb.count(before, 0, 255, 0, 40); // FaceOverlay's known-face colour
        System.out.printf("[gui] %d more known-face (green) pixels on screen%n", green);
        assertTrue(green > 400, "no labelled boxes drawn (" + green + " green pixels)");
    }

    @Test
    @Order(3)
    void verifyGivesDistanceAndVerdictAndNamesAnUnknownIdentity() throws Exception {
        verify("obama", fixtures.resolve("examples/knn_examples/test/obama1.jpg"));
        String line = app.waitForLog(Pattern.compile("Verified obama on .*"), 60);
        System.out.println("[gui] " + line);
        assertTrue(line.contains("SAME person") && line.contains("squared L2"), line);
        String result = app.waitForWindow("Verify Identity", 10);
        app.screenshot("face-04-verify-result");
        app.focus(result);
        app.keys("Return");
        Thread.sleep(500);
        verify("nobody", fixtures.resolve("examples/knn_examples/test/obama1.jpg"));
        line = app.waitForLog(Pattern.compile("Verify Identity: unknown identity 'nobody'.*"), 30);
        System.out.println("[gui] " + line);
        assertTrue(line.contains("obama, biden"), "the error does not list the enrolled identities: " + line);
        String error = app.waitForWindow("Verify Identity", 10);
        app.screenshot("face-05-verify-unknown-identity");
        app.focus(error);
        app.keys("Return");
    }

    @Test
    @Order(4)
    void manageDatabaseListsAndRemovesAnIdentity() throws Exception {
        app.openMenu(FACE_MENU);
        app.keys("Down", "Down", "Down", "Down", "Return"); // Face > Manage Database
        String dialog = app.waitForWindow("Face Database", 30);
        String line = app.waitForLog(Pattern.compile("Face database .*"), 10);
        System.out.println("[gui] " + line);
        assertTrue(line.endsWith("2 person(s): obama (1), biden (1)"), line);
        Thread.sleep(500);
        app.focus(dialog);
        app.keys("End"); // the list has the focus: biden, the last row
        app.screenshot("face-06-manage-database");
        app.keys("alt+r");
        String confirm = app.waitForWindow("Remove Identities", 10);
        app.focus(confirm);
        app.keys("Return"); // OK: remove
        line = app.waitForLog(Pattern.compile("Removed biden from face database .*"), 10);
        System.out.println("[gui] " + line);
        assertTrue(line.endsWith("now 1 person(s): obama (1)"), line);
        String saved = Files.readString(db, StandardCharsets.UTF_8);
        assertTrue(saved.contains("\"obama\"") && !saved.contains("\"biden\""), "biden still in " + db);
        app.screenshot("face-07-manage-database-removed");
        app.focus(dialog);
        app.keys("Escape");
        // platform noise (dconf, icons) may be logged; the face bundles must not have thrown
        String log = Files.readString(app.log, StandardCharsets.UTF_8);
        assertTrue(!Pattern.compile("^\\s+at convbench\\.face\\.", Pattern.MULTILINE).matcher(log).find(),
                "a ConvBench face stack trace in the product log:\n" + app.tail());
    }

    /** Face > Enrol Person...: the identity typed into the focused field, Tab, the image path, Return (OK). */
    private static void enrol(String identity, Path image, String screenshot) throws Exception {
        personAndImage(1, "Enrol Person", identity, image, screenshot);
    }

    private static void verify(String identity, Path image) throws Exception {
        personAndImage(3, "Verify Identity", identity, image, null);
    }

    private static void personAndImage(int item, String title, String identity, Path image, String screenshot) throws Exception {
        app.openMenuItem(FACE_MENU, item);
        String dialog = app.waitForWindow(title, 30);
        Thread.sleep(500);
        app.focus(dialog);
        app.run(10, "xdotool", "type", "--delay", "15", identity);
        app.keys("Tab");
        app.run(20, "xdotool", "type", "--delay", "15", image.toString());
        if (screenshot != null)
            app.screenshot(screenshot);
        app.keys("Return");
    }

}
