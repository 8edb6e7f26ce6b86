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
import org.junit.jupiter.api.Test;

/**
 * Style > New Style Transfer... in the real product: the dialog (prefilled with the sample images and the ResNet50
 * preset), a small fast run (64 px, 5 iterations) on the compute service, and the run view with its preview and
 * loss chart.
 */
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
    void smallRunShowsPreviewAndLosses() throws Exception {
        BufferedImage empty = app.settledScreenshot("style-00-workbench");
        app.openMenu(WorkbenchMenusGuiTest.MENUS.indexOf("Style"));
        app.keys("Down", "Return"); // Style > New Style Transfer...
        String dialog = app.waitForWindow("New Style Transfer", 60);
        Thread.sleep(800);
        app.focus(dialog);
        // the labels' mnemonics move the focus to their fields
        app.keys("alt+i", "ctrl+a");
        app.run(10, "xdotool", "type", "--delay", "30", "5");
        app.keys("alt+z", "ctrl+a");
        app.run(10, "xdotool", "type", "--delay", "30", "64");
        Thread.sleep(300);
        app.screenshot("style-01-dialog");
        app.keys("Return"); // Run is the default button

        String line = app.waitForLog(Pattern.compile("Style transfer (chelsea.*: (Finished|Cancelled).*|stopped: .*)"), 100);
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

        String log = Files.readString(app.log, StandardCharsets.UTF_8);
        assertFalse(Pattern.compile("^\\s+at convbench\\.(style|charts)\\.ui\\.", Pattern.MULTILINE).matcher(log).find(),
                "a ConvBench stack trace in the product log:\n" + app.tail());
    }

}
