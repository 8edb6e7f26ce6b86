package convbench.gui;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

/**
 * The materialised ConvBench product in a virtual X display, driven like a person would: real key presses and
 * clicks through xdotool, screenshots with ImageMagick's import.
 */
final class ProductUnderXvfb implements AutoCloseable {
    final Path root = Path.of(System.getProperty("convbench.root", ".")).toAbsolutePath().normalize();
    final Path screenshots = Path.of(System.getProperty("convbench.screenshots", "target/screenshots"));
    final Path log;
    private final String display;
    private Process xvfb;
    private Process product;
    final double secondsToWindow;
    final String windowId;

    ProductUnderXvfb(String title) throws Exception {
        this(title, Map.of());
    }

    /** @param env extra environment for the product (e.g. a face database of the test's own, not the user's) */
    ProductUnderXvfb(String title, Map<String, String> env) throws Exception {
        Files.createDirectories(screenshots);
        log = screenshots.resolve("product.log");
        String existing = System.getenv("DISPLAY");
        if (existing != null && !existing.isBlank()) {
            display = existing;
        } else {
            if (!new File("/usr/bin/Xvfb").canExecute())
                throw new IllegalStateException("Xvfb is not installed: run releng/install-debian-packages.sh");
            display = ":" + (90 + (int) (ProcessHandle.current().pid() % 9));
            xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1280x860x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(screenshots.resolve("xvfb.log").toFile()).start();
            Thread.sleep(1000);
        }
        for (String tool : List.of("xdotool", "import"))
            if (run(5, "sh", "-c", "command -v " + tool).isBlank())
                throw new IllegalStateException(tool + " is not installed: run releng/install-debian-packages.sh");
        Path workspace = Files.createTempDirectory("convbench-gui-workspace");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("releng/run-product.sh").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DISPLAY", display);
        pb.environment().put("CONVBENCH_WORKSPACE", workspace.toString());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        product = pb.start();
        String id = "";
        while (id.isBlank()) {
            if (!product.isAlive())
                throw new IllegalStateException("the product exited with status " + product.exitValue() + ":\n" + tail());
            if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(120))
                throw new IllegalStateException("no window titled '" + title + "' after 120 s:\n" + tail());
            Thread.sleep(100);
            id = largestWindow(title);
        }
        windowId = id.trim();
        secondsToWindow = (System.nanoTime() - t0) / 1e9;
        // on a busy machine the shell is mapped seconds before the workbench paints and takes keys: wait for the menu bar
        File first = screenshots.resolve("first-paint.png").toFile();
        do {
            Thread.sleep(500);
            run(20, "import", "-window", "root", first.getPath());
        } while ((ImageIO.read(first).getRGB(8, 8) & 0xFF) < 100 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(120));
        Thread.sleep(1500); // let the workbench lay out its parts
    }

    /** The product's console log (the whole of it: a failed assertion shows what happened). */
    String tail() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * Opens top-level menu {@code index} of the menu bar: a click on the first menu (clicks need no keyboard focus,
     * which no window manager hands out here), then arrow keys, which the open menu receives through its grab.
     */
    void openMenu(int index) throws Exception {
        keys("Escape", "Escape"); // a menu left open would swallow the click
        int[] g = geometry(windowId);
        run(5, "xdotool", "mousemove", Integer.toString(g[0] + 15), Integer.toString(g[1] + 12), "click", "1");
        Thread.sleep(600);
        for (int i = 0; i < index; i++)
            keys("Right");
    }

    /** Item {@code item} (1 = the first) of top-level menu {@code menu}: down the menu with arrow keys, then Return. */
    void openMenuItem(int menu, int item) throws Exception {
        openMenu(menu);
        String[] downs = new String[item + 1];
        java.util.Arrays.fill(downs, "Down");
        downs[item] = "Return";
        keys(downs);
    }

    /** A screenshot once the window has painted (the first frames of a new X window are black). */
    BufferedImage settledScreenshot(String name) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            BufferedImage image = screenshot(name);
            int dark = 0, total = 0;
            for (int y = 0; y < image.getHeight() / 2; y += 4)
                for (int x = 0; x < image.getWidth(); x += 4, total++)
                    if ((image.getRGB(x, y) & 0xffffff) < 0x202020)
                        dark++;
            if (dark < total / 10)
                return image;
            if (System.nanoTime() > end)
                throw new AssertionError("the workbench window stayed dark for 30 s\n" + tail());
            Thread.sleep(500);
        }
    }

    void keys(String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("xdotool", "key", "--delay", "150"));
        cmd.addAll(List.of(keys));
        run(10, cmd.toArray(String[]::new));
        Thread.sleep(700);
    }

    /** Focuses a window (there is no window manager under Xvfb: point at it and give it the focus). */
    void focus(String id) throws Exception {
        int[] g = geometry(id);
        run(5, "xdotool", "mousemove", Integer.toString(g[0] + g[2] / 2), Integer.toString(g[1] + g[3] / 2));
        run(5, "xdotool", "windowfocus", id);
        Thread.sleep(300);
    }

    /** x, y, width, height of a window. */
    int[] geometry(String id) throws Exception {
        int[] g = new int[4];
        for (String line : run(5, "xdotool", "getwindowgeometry", "--shell", id).split("\\R")) {
            String[] kv = line.split("=");
            if (kv.length == 2)
                switch (kv[0]) {
                    case "X" -> g[0] = Integer.parseInt(kv[1].trim());
                    case "Y" -> g[1] = Integer.parseInt(kv[1].trim());
                    case "WIDTH" -> g[2] = Integer.parseInt(kv[1].trim());
                    case "HEIGHT" -> g[3] = Integer.parseInt(kv[1].trim());
                    default -> { }
                }
        }
        return g;
    }

    /** GTK makes several X windows per shell; the one people see is the largest mapped one with the title. */
    String largestWindow(String title) throws Exception {
        String best = "";
        long bestArea = 0;
        // dialogs get a trailing space in their X title here ("About ConvBench ")
        for (String id : run(5, "xdotool", "search", "--name", "^" + title + " ?$").split("\\R")) {
            if (id.isBlank())
                continue;
            int[] g = geometry(id.trim());
            long area = (long) g[2] * g[3];
            if (area > bestArea && g[2] > 50) {
                bestArea = area;
                best = id.trim();
            }
        }
        return best;
    }

    /** Waits for a window with this exact title; returns its id or fails. */
    String waitForWindow(String title, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            String id = largestWindow(title);
            if (!id.isEmpty())
                return id;
            Thread.sleep(200);
        }
        throw new AssertionError("no window titled '" + title + "' within " + seconds + " s\n" + tail());
    }

    BufferedImage screenshot(String name) throws Exception {
        File file = screenshots.resolve(name + ".png").toFile();
        run(20, "import", "-window", "root", file.getPath());
        return ImageIO.read(file);
    }

    String run(int seconds, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS))
            p.destroyForcibly();
        return new String(out, StandardCharsets.UTF_8);
    }

    long rss() {
        return product.descendants().mapToLong(ProductUnderXvfb::rssOf).sum() + rssOf(product.toHandle());
    }

    private static long rssOf(ProcessHandle h) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + h.pid() + "/status")))
                if (line.startsWith("VmRSS:"))
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        } catch (IOException | RuntimeException e) {
            // process already gone
        }
        return 0;
    }

    @Override
    public void close() throws Exception {
        if (product != null) {
            product.descendants().forEach(ProcessHandle::destroy);
            product.destroy();
            if (!product.waitFor(10, TimeUnit.SECONDS))
                product.destroyForcibly();
        }
        if (xvfb != null) {
            // a clean exit frees the display (lock file, socket) for the next test class, which picks the same number
            xvfb.destroy();
            if (!xvfb.waitFor(10, TimeUnit.SECONDS))
                xvfb.destroyForcibly();
        }
    }

    /** The first product-log line that matches, waiting up to {@code seconds}. */
    String waitForLog(java.util.regex.Pattern line, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                java.util.regex.Matcher m = line.matcher(l.replaceFirst("^!MESSAGE ", ""));
                if (m.find())
                    return m.group();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no log line like '" + line + "' within " + seconds + " s\n" + tail());
    }

    /** Pixels within {@code tolerance} (per channel) of a colour. */
    static int count(BufferedImage img, int r, int g, int b, int tolerance) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs((p >> 16 & 255) - r) <= tolerance && Math.abs((p >> 8 & 255) - g) <= tolerance
                        && Math.abs((p & 255) - b) <= tolerance)
                    n++;
            }
        return n;
    }
}
