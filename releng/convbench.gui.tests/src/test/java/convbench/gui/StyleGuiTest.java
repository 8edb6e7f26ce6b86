package convbench.gui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Style > New Style Transfer... in the real product: the dialog (prefilled with the sample images and the ResNet50
 * preset), a small fast run (64 px, 5 iterations) on the compute service, and the run view with its preview and
 * loss chart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the first compares its run view with the empty workbench
class StyleGuiTest {
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
    void smallRunShowsPreviewAndLosses() throws Exception {
        BufferedImage empty = app.settledScreenshot("style-00-workbench");
        long logStart = Files.size(app.log); // the other tests fail jobs on purpose
        openDialog();
        // the labels' mnemonics move the focus to their fields
        type("alt+i", "5");
        type("alt+z", "64");
        app.screenshot("style-01-dialog");
        app.keys("Return"); // Run is the default button

        String line = app.waitForLog(Pattern.compile("Style transfer chelsea.*: Finished after 5 iterations.*"), 300);
        System.out.println("[gui] " + line);
        assertTrue(line.contains("Finished after 5 iterations"), line);
        Thread.sleep(1500); // the last preview and chart paint
        BufferedImage run = app.screenshot("style-02-run");
        int changed = WorkbenchMenusGuiTest.changedPixels(empty, run, 0);
        System.out.printf("[gui] run view: %d pixels changed%n", changed);
        assertTrue(changed > 100_000, "the run view did not appear (" + changed + " pixels changed)");

        // Save PNG... (Alt+P), the path typed into GTK's name field; the PNG carries the parameters as text
        Path out = Files.createTempDirectory("convbench-style-gui").resolve("chelsea-starry.png");
        app.keys("alt+p");
        String chooser = app.waitForWindow("Save Style Transfer as PNG", 30);
        Thread.sleep(1000); // GTK fills the chooser after it maps
        app.focus(chooser);
        app.keys("ctrl+a");
        app.run(20, "xdotool", "type", "--delay", "15", out.toString());
        Thread.sleep(300);
        app.keys("Return");
        app.waitForLog(Pattern.compile("Saved style transfer to " + Pattern.quote(out.toString())), 30);
        String png = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
        assertTrue(png.contains("convbench.style.parameters") && png.contains("\"iterations\":5") && png.contains("\"size\":64"),
                out + " lacks the parameters in its metadata");
        app.screenshot("style-03-saved");

        String log = Files.readString(app.log, StandardCharsets.UTF_8).substring((int) logStart);
        assertFalse(Pattern.compile("^\\s+at convbench\\.(style|charts)\\.ui\\.", Pattern.MULTILINE).matcher(log).find(),
                "a ConvBench stack trace in the product log:\n" + app.tail());
    }

    /** A bad path is refused inside the dialog; a feature network that is no model fails the job, naming the file. */
    @Test
    @Order(2)
    void badInputIsNamed() throws Exception {
        String dialog = openDialog();
        type("alt+c", "/no/such/photo.png");
        app.keys("Return");
        Thread.sleep(800);
        assertFalse(app.largestWindow("New Style Transfer").isEmpty(), "the dialog closed on a missing content image");
        app.screenshot("style-05-missing-image");
        app.keys("Escape");

        dialog = openDialog();
        Path notAModel = Path.of(System.getProperty("convbench.repo", "../.."), "sample-data", "style", "README.md").toAbsolutePath();
        type("alt+t", notAModel.toString());
        type("alt+i", "3");
        type("alt+z", "32");
        app.keys("Return");
        String line = app.waitForLog(Pattern.compile("Style transfer stopped: .*README.*"), 60);
        System.out.println("[gui] " + line);
        assertTrue(line.contains("Failed: " + notAModel + ": unknown model format"), line);
        Thread.sleep(1500);
        app.screenshot("style-06-not-a-model");
        app.keys("Return"); // the workbench's error dialog
    }

    /** Stop during a run: the editor keeps the image so far and the losses, and says how far it got. */
    @Test
    @Order(3)
    void stopKeepsTheImageSoFar() throws Exception {
        openDialog();
        type("alt+i", "200");
        type("alt+z", "64");
        app.keys("Return");
        String editor = app.largestWindow("ConvBench");
        Thread.sleep(2000); // the dialog gone, the new editor painted
        BufferedImage waiting = app.screenshot("style-04-waiting");
        // the preview replaces its placeholder text after the first iterations; then let the chart grow a little
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(240);
        while (WorkbenchMenusGuiTest.changedPixels(waiting, app.screenshot("style-04-waiting-now"), 0) < 20_000) {
            assertTrue(System.nanoTime() < end, "no preview within 240 s\n" + app.tail());
            Thread.sleep(1000);
        }
        Thread.sleep(25_000);
        app.screenshot("style-04-in-progress");
        app.focus(editor);
        app.keys("alt+t"); // Stop
        String line = app.waitForLog(Pattern.compile("Style transfer chelsea.*: Cancelled after .*"), 120);
        System.out.println("[gui] " + line);
        java.util.regex.Matcher m = Pattern.compile("Cancelled after (\\d+) iterations").matcher(line);
        assertTrue(m.find(), line);
        int done = Integer.parseInt(m.group(1));
        assertTrue(done > 0 && done < 200, line);
        Thread.sleep(1000);
        app.screenshot("style-07-stopped");
    }

    private String openDialog() throws Exception {
        app.openMenu(WorkbenchMenusGuiTest.MENUS.indexOf("Style"));
        app.keys("Down", "Return"); // Style > New Style Transfer...
        String dialog = app.waitForWindow("New Style Transfer", 60);
        Thread.sleep(800);
        app.focus(dialog);
        return dialog;
    }

    /** Moves to a field by its label's mnemonic and replaces its text. */
    private void type(String mnemonic, String text) throws Exception {
        app.keys(mnemonic, "ctrl+a");
        app.run(20, "xdotool", "type", "--delay", "15", text);
        Thread.sleep(300);
    }
}
