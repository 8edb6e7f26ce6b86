package convbench.gui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The EKG menu in the real product: EKG > Open Record... through the GTK file chooser, the record on ECG paper,
 * EKG > Detect Beats on the compute service, a jump to the next V beat of MIT-BIH 208, and the error for a
 * truncated signal file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EkgViewerGuiTest {
    private static ProductUnderXvfb app;

    @BeforeAll
    static void start() throws Exception {
        app = new ProductUnderXvfb("ConvBench");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null)
            app.close();
    }

    @Test
    @Order(1)
    void openRecordShowsItOnEcgPaper() throws Exception {
        BufferedImage empty = app.settledScreenshot("ekg-00-workbench");
        openRecord("100");
        BufferedImage viewer = app.screenshot("ekg-01-record-100");
        int paper = ProductUnderXvfb.count(viewer, 250, 205, 205, 12) + ProductUnderXvfb.count(viewer, 232, 128, 128, 12);
        int changed = WorkbenchMenusGuiTest.changedPixels(empty, viewer, 0);
        System.out.printf("[gui] record 100: %d ECG-paper grid pixels, %d pixels changed%n", paper, changed);
        assertTrue(paper > 20_000, "no ECG paper grid on screen (" + paper + " grid pixels)");
        assertTrue(changed > 100_000, "the viewer did not appear (" + changed + " pixels changed)");
    }

    @Test
    @Order(2)
    void detectBeatsMarksThemAndScoresAgainstTheReference() throws Exception {
        app.openMenu(1);
        app.keys("Down", "Down", "Return"); // EKG > Detect Beats (the first Down selects item 1)
        String line = app.waitForLog(Pattern.compile("Detect beats in 100: .*"), 60);
        BufferedImage detected = app.screenshot("ekg-02-record-100-detected");
        int markers = ProductUnderXvfb.count(detected, 0, 128, 128, 10);
        System.out.printf("[gui] %s; %d marker pixels%n", line, markers);
        Matcher m = Pattern.compile("Se ([0-9.]+) %,\\s+\\+P ([0-9.]+) %").matcher(line);
        assertTrue(m.find(), "no Se/+P in: " + line);
        // MIT-BIH 100 is a clean record: Pan-Tompkins should miss or add next to nothing
        assertTrue(Double.parseDouble(m.group(1)) >= 99 && Double.parseDouble(m.group(2)) >= 99, line);
        assertTrue(markers > 150, "no detected-beat markers drawn (" + markers + " pixels)");
    }

    @Test
    @Order(3)
    void nextVentricularBeatOf208IsColoured() throws Exception {
        openRecord("208");
        app.keys("n"); // the paper has the focus: next beat of the chosen class (V)
        BufferedImage v = app.screenshot("ekg-03-record-208-next-V");
        int red = ProductUnderXvfb.count(v, 200, 0, 30, 40);
        System.out.printf("[gui] record 208 after N: %d V-coloured pixels%n", red);
        assertTrue(red > 300, "no V beats coloured on 208 (" + red + " pixels)");
        // platform noise (icons, SVG) may be logged; the EKG and chart bundles must not have thrown
        String log = Files.readString(app.log, StandardCharsets.UTF_8);
        assertFalse(Pattern.compile("^\\s+at convbench\\.(ekg|charts)\\.ui\\.", Pattern.MULTILINE).matcher(log).find(),
                "a ConvBench stack trace in the product log:\n" + app.tail());
        assertFalse(log.contains("Cannot Open ECG Record") || log.contains("Could not read"), app.tail());
    }

    @Test
    @Order(4)
    void truncatedRecordGivesAnErrorNamingTheFile() throws Exception {
        Path dir = Files.createTempDirectory("convbench-truncated-ekg");
        Files.copy(app.root.resolve("sample-data/ekg/100.hea"), dir.resolve("100.hea"));
        byte[] dat = Files.readAllBytes(app.root.resolve("sample-data/ekg/100.dat"));
        Files.write(dir.resolve("100.dat"), Arrays.copyOf(dat, 10_000)); // the header promises 650000 frames
        chooseFile(dir.resolve("100.hea"));
        String dialog = app.waitForWindow("Cannot Open ECG Record ?", 60); // a regex: SWT shells get a trailing space
        app.screenshot("ekg-04-truncated-record-error");
        app.waitForLog(Pattern.compile("Could not read 100.hea:"), 10);
        String log = Files.readString(app.log, StandardCharsets.UTF_8);
        assertTrue(log.contains(dir.resolve("100.dat").toString()), "the error does not name the file:\n" + app.tail());
        app.focus(dialog);
        app.keys("Return");
    }

    /** EKG > Open Record..., then the path typed into GTK's location bar; waits until the editor is open. */
    private static void openRecord(String name) throws Exception {
        chooseFile(app.root.resolve("sample-data/ekg/" + name + ".hea"));
        app.waitForLog(Pattern.compile("Opened ECG record " + name + " .*"), 60);
        Thread.sleep(1500); // first paint of the paper
    }

    private static void chooseFile(Path file) throws Exception {
        app.openMenu(1);
        app.keys("Down", "Return");
        String dialog = app.waitForWindow("Open ECG Record", 60);
        Thread.sleep(1000); // GTK fills the chooser after it maps
        app.focus(dialog);
        app.keys("ctrl+l");
        Thread.sleep(300);
        app.run(20, "xdotool", "type", "--delay", "15", file.toString());
        Thread.sleep(300);
        app.keys("Return");
    }

}
