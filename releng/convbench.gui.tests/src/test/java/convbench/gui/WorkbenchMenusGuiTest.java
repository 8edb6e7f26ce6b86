package convbench.gui;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
        BufferedImage closed = app.settledScreenshot("00-workbench");
        for (int i = 0; i < MENUS.size(); i++) {
            app.openMenu(i);
            BufferedImage open = app.screenshot(String.format("%02d-menu-%s", i + 1, MENUS.get(i).toLowerCase()));
            app.keys("Escape", "Escape");
            // an open menu is a white box of at least one item below the bar: thousands of faintly changed pixels
            int changed = changedPixels(closed, open, 30, 6);
            System.out.printf("[gui] menu %-8s changed %d pixels below the menu bar%n", MENUS.get(i), changed);
            assertTrue(changed > 3000, "menu " + MENUS.get(i) + " did not open (" + changed + " pixels changed)");
        }
    }

    @Test
    @Order(2)
    void helpAboutOpensItsDialog() throws Exception {
        app.openMenu(MENUS.indexOf("Help"));
        app.keys("Up", "Return"); // with nothing selected, Up selects the last item: About ConvBench
        String about = app.waitForWindow("About ConvBench", 30);
        app.screenshot("20-help-about");
        app.focus(about);
        app.keys("Escape");
    }

    @Test
    @Order(3)
    void computeDeviceInformationStartsNd4jInTheProduct() throws Exception {
        app.openMenu(MENUS.indexOf("Compute"));
        app.keys("Down", "Down", "Return"); // Compute View, then Device Information...
        String dialog = app.waitForWindow("Compute Device", 120);
        app.screenshot("30-compute-device");
        app.focus(dialog);
        app.keys("Return");
        System.out.printf("[gui] resident memory after ND4J start: %d MB%n", app.rss() >> 20);
    }

    @Test
    @Order(4)
    void theProductLoggedNoUnhandledError() throws Exception {
        String log = app.tail();
        assertFalse(log.contains("Unhandled event loop exception") || log.contains("FrameworkEvent ERROR"),
                "the product log shows an error:\n" + log);
    }

    /** Pixels that differ noticeably between two screenshots of the same size. */
    static int changedPixels(BufferedImage a, BufferedImage b) {
        return changedPixels(a, b, 0);
    }

    static int changedPixels(BufferedImage a, BufferedImage b, int fromRow) {
        return changedPixels(a, b, fromRow, 30);
    }

    /** Pixels from row {@code fromRow} down whose colours differ by more than {@code tolerance} (sum over RGB). */
    static int changedPixels(BufferedImage a, BufferedImage b, int fromRow, int tolerance) {
        int n = 0;
        for (int y = fromRow; y < Math.min(a.getHeight(), b.getHeight()); y++)
            for (int x = 0; x < Math.min(a.getWidth(), b.getWidth()); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                int d = Math.abs((p >> 16 & 255) - (q >> 16 & 255)) + Math.abs((p >> 8 & 255) - (q >> 8 & 255))
                        + Math.abs((p & 255) - (q & 255));
                if (d > tolerance)
                    n++;
            }
        return n;
    }
}
