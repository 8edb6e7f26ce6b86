package convbench.gui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Starts the product, opens every top-level menu with the keyboard, and uses real menu items. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbenchMenusGuiTest {
    static final List<String> MENUS = List.of("File", "EKG", "CT", "Face", "Style", "Compute", "Help");
    private static ProductUnderXvfb app;

    @BeforeAll
    static void start() throws Exception {
        app = new ProductUnderXvfb("ConvBench");
        System.out.printf("[gui] first window after %.2f s%n", app.secondsToWindow);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null)
            app.close();
    }

    @Test
    @Order(1)
    void everyTopLevelMenuOpens() throws Exception {
        BufferedImage closed = app.screenshot("00-workbench");
        app.focus();
        app.keys("F10"); // opens the first menu of the bar
        for (int i = 0; i < MENUS.size(); i++) {
            if (i > 0)
                app.keys("Right");
            BufferedImage open = app.screenshot(String.format("%02d-menu-%s", i + 1, MENUS.get(i).toLowerCase()));
            int changed = changedPixels(closed, open);
            System.out.printf("[gui] menu %-8s changed %d pixels%n", MENUS.get(i), changed);
            assertTrue(changed > 2000, "menu " + MENUS.get(i) + " did not open (" + changed + " pixels changed)");
        }
        app.keys("Escape", "Escape");
    }

    @Test
    @Order(2)
    void helpAboutOpensItsDialog() throws Exception {
        app.focus();
        app.keys("F10");
        for (int i = 1; i < MENUS.indexOf("Help") + 1; i++)
            app.keys("Right");
        app.keys("End", "Return"); // About is the last item of Help
        String about = app.waitForWindow("About ConvBench", 30);
        app.screenshot("20-help-about");
        app.focus(about);
        app.keys("Escape");
        Thread.sleep(500);
    }

    @Test
    @Order(3)
    void computeDeviceInformationStartsNd4jInTheProduct() throws Exception {
        app.focus();
        app.keys("F10");
        for (int i = 1; i < MENUS.indexOf("Compute") + 1; i++)
            app.keys("Right");
        app.keys("Down", "Return"); // Compute > Device Information... is the second item
        String dialog = app.waitForWindow("Compute Device", 120);
        app.screenshot("30-compute-device");
        app.focus(dialog);
        app.keys("Return");
        Thread.sleep(500);
        System.out.printf("[gui] resident memory after ND4J start: %d MB%n", app.rss() >> 20);
    }

    /** Pixels that differ noticeably between two screenshots of the same size. */
    static int changedPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++)
            for (int x = 0; x < Math.min(a.getWidth(), b.getWidth()); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                int d = Math.abs((p >> 16 & 255) - (q >> 16 & 255)) + Math.abs((p >> 8 & 255) - (q >> 8 & 255))
                        + Math.abs((p & 255) - (q & 255));
                if (d > 30)
                    n++;
            }
        return n;
    }
}
