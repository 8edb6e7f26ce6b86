package convbench.gui;

import static convbench.core.spec.LayerSpec.conv;
import static convbench.core.spec.LayerSpec.flatten;
import static convbench.core.spec.LayerSpec.maxPool;
import static convbench.core.spec.LayerSpec.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import convbench.core.data.NpyFile;
import convbench.core.model.ModelFile;
import convbench.core.model.ModelMetadata;
import convbench.core.spec.ModelSpec;
import convbench.core.spec.NetworkBuilder;

/**
 * Compute > Explore Units... in the real product on three networks whose unit is a hand-set feature detector (a
 * spike detector on 2-lead signals, a dark-to-bright vertical edge detector on RGB images, a blob detector on
 * volumes), written here as model files with .npy data where each example's feature position is known. The view
 * must show the 9 patches the {@code units} command reports, and each must contain its example's feature.
 */
class UnitExplorerGuiTest {
    private static ProductUnderXvfb app;
    private static Path dir;

    /**
     * A model and data written for the test. {@code feature[i]} is where example i's feature lies, an inclusive range
     * per spatial axis ({lo0, hi0, lo1, hi1, ...}): a patch must contain ranges of one or two cells (a spike, the
     * two sides of an edge, a blob's centre) and overlap longer ones (the rows an edge runs along).
     */
    record Case(String name, Path model, Path data, String layer, int[][] feature) {
    }

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("convbench-units-gui");
        app = new ProductUnderXvfb("ConvBench");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null)
            app.close();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList())
                Files.delete(p);
        }
    }

    @Test
    void spikes1d() throws Exception {
        explore(spikes(), 1);
    }

    @Test
    void edges2d() throws Exception {
        explore(edges(), 2);
    }

    @Test
    void blobs3d() throws Exception {
        explore(blobs(), 3);
    }

    private void explore(Case c, int dims) throws Exception {
        // what the command line reports is what the view must show
        CliProductTest.Run cli = CliProductTest.convbench("units", "--model", c.model().toString(), "--data", c.data().toString(),
                "--layer", c.layer(), "--unit", "0", "--json");
        assertEquals(0, cli.status(), cli.out());
        JsonObject json = JsonParser.parseString(cli.out()).getAsJsonObject();
        List<Integer> top = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray("top")) {
            JsonObject item = e.getAsJsonObject();
            int example = item.get("index").getAsInt();
            top.add(example);
            int[] start = ints(item, "start"), end = ints(item, "end");
            int[] at = c.feature()[example];
            for (int a = 0; a < dims; a++) {
                int lo = at[2 * a], hi = at[2 * a + 1];
                boolean inside = hi - lo <= 1 ? start[a] <= lo && hi < end[a] : start[a] <= hi && lo < end[a];
                assertTrue(inside, c.name() + ": example " + example + "'s feature " + Arrays.toString(at)
                        + " is not in its patch " + Arrays.toString(start) + ".." + Arrays.toString(end));
            }
        }
        assertEquals(9, top.size(), cli.out());

        String dialog = exploreUnitsDialog();
        Thread.sleep(800);
        app.focus(dialog);
        type("alt+m", c.model().toString());
        type("alt+d", c.data().toString());
        type("alt+l", c.layer());
        app.screenshot("units-" + dims + "d-dialog");
        app.keys("Return"); // Explore is the default button
        Pattern done = Pattern.compile("Unit Explorer on " + Pattern.quote(c.model().getFileName() + " on " + c.data().getFileName())
                + ": (layer \\S+ unit 0, (\\d+) patches, examples \\[([\\d,]*)\\].*|.*)");
        String line = app.waitForLog(done, 180);
        System.out.println("[gui] " + line);
        Matcher m = done.matcher(line);
        assertTrue(m.matches() && m.group(2) != null, line);
        assertEquals(top.toString().replace(" ", ""), "[" + m.group(3) + "]", "the view shows the command's top 9");
        Thread.sleep(1500); // the grid paints
        BufferedImage shot = app.screenshot("units-" + dims + "d");
        int tiles = headerBands(shot);
        System.out.printf("[gui] %s: %d tiles on screen%n", c.name(), tiles);
        assertEquals(9, tiles, "tiles in the screenshot");
        String log = Files.readString(app.log, StandardCharsets.UTF_8);
        assertFalse(Pattern.compile("^\\s+at convbench\\.units\\.", Pattern.MULTILINE).matcher(log).find(),
                "a unit explorer stack trace in the product log:\n" + log);
    }

    /** Compute > Explore Units...; tried again (after Escapes) when the keys went astray while the UI was busy. */
    private static String exploreUnitsDialog() throws Exception {
        for (int attempt = 1;; attempt++) {
            app.openMenu(WorkbenchMenusGuiTest.MENUS.indexOf("Compute"));
            app.keys("Up", "Return"); // with nothing selected, Up selects the last item: Explore Units...
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < end) {
                String id = app.largestWindow("Explore Units");
                if (!id.isEmpty())
                    return id;
                Thread.sleep(300);
            }
            app.screenshot("units-menu-attempt-" + attempt);
            if (attempt == 3)
                throw new AssertionError("Compute > Explore Units...: no dialog\n" + app.tail());
            app.keys("Escape", "Escape");
        }
    }

    private void type(String mnemonic, String text) throws Exception {
        app.keys(mnemonic, "ctrl+a");
        app.run(20, "xdotool", "type", "--delay", "15", text);
        Thread.sleep(200);
    }

    private static int[] ints(JsonObject o, String key) {
        return java.util.stream.StreamSupport.stream(o.getAsJsonArray(key).spliterator(), false).mapToInt(JsonElement::getAsInt).toArray();
    }

    /**
     * The tiles of the grid, counted by the top left corners of their header bands (the view's pale blue,
     * {@code PatchGrid.HEADER}): at least 60 pixels of it to the right and 10 below, none to the left and none in
     * the 60 pixels above (so not under a letter of the header's text).
     */
    static int headerBands(BufferedImage img) {
        int corners = 0;
        for (int y = 1; y < img.getHeight() - 10; y++)
            for (int x = 1; x < img.getWidth() - 60; x++) {
                if (!header(img, x, y) || header(img, x - 1, y))
                    continue;
                boolean band = true;
                for (int i = 0; i < 60 && band; i++)
                    band = header(img, x + i, y) && !header(img, x + i, y - 1);
                for (int i = 1; i < 10 && band; i++)
                    band = header(img, x, y + i);
                if (band)
                    corners++;
            }
        return corners;
    }

    private static boolean header(BufferedImage img, int x, int y) {
        int p = img.getRGB(x, y);
        return Math.abs((p >> 16 & 255) - 0xdc) <= 2 && Math.abs((p >> 8 & 255) - 0xe6) <= 2 && Math.abs((p & 255) - 0xf2) <= 2;
    }

    // ---- the three networks and their data

    private static void set(org.deeplearning4j.nn.api.Layer layer, float[] w) {
        var W = layer.getParam("W");
        assertEquals(w.length, W.length(), "weights of " + layer.conf().getLayer().getLayerName());
        W.assign(Nd4j.create(w).reshape(W.shape()));
        layer.getParam("b").assign(0);
    }

    private static Path save(String name, ModelSpec spec, Model net) throws Exception {
        Path file = dir.resolve(name + ".zip");
        ModelFile.save(file, net, ModelMetadata.forSpec(spec));
        return file;
    }

    /**
     * 48 two-lead signals of 96 samples: lead 1 noise and one narrow spike (random place and height, a few right at
     * the start), lead 2 a slow wave. conv "spike" [-1 2 -1] on lead 1, pool 2, conv "spread" 5 taps, centre 1,
     * same padding: a receptive field of 12 samples that reaches past the start for the early spikes.
     */
    private static Case spikes() throws Exception {
        int n = 48, len = 96;
        ModelSpec spec = ModelSpec.of("spikes", new int[] {2, len}, conv(1, 3).name("spike"), maxPool(2).name("pool"),
                conv(1, 5).padding("same").name("spread"), flatten(), output(2));
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkBuilder.build(spec);
        // DL4J M2.1 reads a Conv1D kernel tap-major ([k][nIn] here, whatever W's shape says): lead 1 gets [-1 2 -1]
        set(net.getLayer(0), new float[] {-1, 0, 2, 0, -1, 0});
        set(net.getLayer(2), new float[] {0, 0, 1, 0, 0});
        Random rnd = new Random(11);
        float[] x = new float[n * 2 * len];
        int[][] feature = new int[n][];
        for (int i = 0; i < n; i++) {
            boolean early = i % 12 == 0; // strong spikes at the very start: their fields reach into the padding
            int at = early ? 1 + rnd.nextInt(3) : 4 + rnd.nextInt(len - 8);
            float height = early ? 1.2f + 0.3f * rnd.nextFloat() : 0.3f + 1.2f * rnd.nextFloat();
            double phase = rnd.nextDouble() * 2 * Math.PI;
            for (int t = 0; t < len; t++) {
                x[(i * 2) * len + t] = (float) (0.04 * rnd.nextGaussian() + height * Math.exp(-0.5 * (t - at) * (t - at) / 0.49));
                x[(i * 2 + 1) * len + t] = (float) (0.35 * Math.sin(2 * Math.PI * t / 40.0 + phase));
            }
            feature[i] = new int[] {at, at};
        }
        Path data = dir.resolve("spikes.npy");
        NpyFile.write(data, x, n, 2, len);
        return new Case("1D spikes", save("spikes1d", spec, net), data, "spread", feature);
    }

    /**
     * 40 RGB images of 32x32: a smooth colour gradient with noise and one dark-to-bright vertical edge (random column,
     * rows and contrast). conv "edge" [-1 0 1] in every row and channel, same padding, pool 2, conv "field" 5x5
     * averaging, same padding: a 12x12 receptive field.
     */
    private static Case edges() throws Exception {
        int n = 40, s = 32;
        ModelSpec spec = ModelSpec.of("edges", new int[] {3, s, s}, conv(1, 3, 3).padding("same").name("edge"),
                maxPool(2, 2).name("pool"), conv(1, 5, 5).padding("same").name("field"), flatten(), output(2));
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkBuilder.build(spec);
        float[] edge = new float[3 * 9];
        for (int c = 0; c < 3; c++)
            for (int r = 0; r < 3; r++) {
                edge[c * 9 + r * 3] = -1 / 9f;
                edge[c * 9 + r * 3 + 2] = 1 / 9f;
            }
        set(net.getLayer(0), edge);
        float[] field = new float[25];
        Arrays.fill(field, 1 / 25f);
        set(net.getLayer(2), field);
        Random rnd = new Random(7);
        float[] x = new float[n * 3 * s * s];
        int[][] feature = new int[n][];
        for (int i = 0; i < n; i++) {
            float[] from = {rnd.nextFloat() * 0.5f, rnd.nextFloat() * 0.5f, rnd.nextFloat() * 0.5f};
            float[] to = {rnd.nextFloat() * 0.5f, rnd.nextFloat() * 0.5f, rnd.nextFloat() * 0.5f};
            int col = 2 + rnd.nextInt(s - 4), row0 = rnd.nextInt(s - 10), rows = 8 + rnd.nextInt(s - 8 - row0);
            float contrast = 0.15f + 0.45f * rnd.nextFloat();
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < s; y++)
                    for (int xx = 0; xx < s; xx++) {
                        float v = from[c] + (to[c] - from[c]) * (y + xx) / (2f * s) + 0.02f * (float) rnd.nextGaussian();
                        if (xx >= col && y >= row0 && y < row0 + rows)
                            v += contrast;
                        x[((i * 3 + c) * s + y) * s + xx] = v;
                    }
            feature[i] = new int[] {row0, row0 + rows - 1, col - 1, col};
        }
        Path data = dir.resolve("edges.npy");
        NpyFile.write(data, x, n, 3, s, s);
        return new Case("2D edges", save("edges2d", spec, net), data, "field", feature);
    }

    /**
     * 30 volumes of 16^3: a smooth ramp with noise and one Gaussian blob (random centre and brightness). conv "blob"
     * 3x3x3 averaging, same padding, pool 2, conv "centre" 3x3x3 passing the centre, same padding: 8^3 sub-volumes.
     */
    private static Case blobs() throws Exception {
        int n = 30, s = 16;
        ModelSpec spec = ModelSpec.of("blobs", new int[] {1, s, s, s}, conv(1, 3, 3, 3).padding("same").name("blob"),
                maxPool(2, 2, 2).name("pool"), conv(1, 3, 3, 3).padding("same").name("centre"), flatten(), output(2));
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkBuilder.build(spec);
        float[] blob = new float[27];
        Arrays.fill(blob, 1 / 27f);
        set(net.getLayer(0), blob);
        float[] centre = new float[27];
        centre[13] = 1;
        set(net.getLayer(2), centre);
        Random rnd = new Random(5);
        float[] x = new float[n * s * s * s];
        int[][] feature = new int[n][];
        for (int i = 0; i < n; i++) {
            int[] c = {1 + rnd.nextInt(s - 2), 1 + rnd.nextInt(s - 2), 1 + rnd.nextInt(s - 2)};
            float a = 0.3f + 1.2f * rnd.nextFloat();
            for (int z = 0; z < s; z++)
                for (int y = 0; y < s; y++)
                    for (int xx = 0; xx < s; xx++) {
                        double d2 = (z - c[0]) * (z - c[0]) + (y - c[1]) * (y - c[1]) + (xx - c[2]) * (xx - c[2]);
                        x[((i * s + z) * s + y) * s + xx] = (float) (0.1 * z / s + 0.03 * rnd.nextGaussian() + a * Math.exp(-d2 / 3.0));
                    }
            feature[i] = new int[] {c[0], c[0], c[1], c[1], c[2], c[2]};
        }
        Path data = dir.resolve("blobs.npy");
        NpyFile.write(data, x, n, 1, s, s, s);
        return new Case("3D blobs", save("blobs3d", spec, net), data, "centre", feature);
    }
}
