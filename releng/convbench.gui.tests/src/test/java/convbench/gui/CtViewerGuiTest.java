package convbench.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The CT viewer in the real product: CT > Open Series... on the bundled sample series through the menu and the GTK
 * folder dialog, a window preset from the menu, then a real head CT (InVesalius "Cranium", as NIfTI) with
 * InVesalius' own bone threshold mask loaded as an overlay; then the lesion analysis: a phantom volume with inserted
 * lesions and its lesion probability (written by the CLI's lesion task) as overlay, CT > Train Segmentation... (a small
 * run: live chart, model written), CT > Run Analysis with the model just trained and CT > Explore Units on it (the
 * lesion logit's top sub-volumes). Screenshots land in
 * target/screenshots. {@code -Dconvbench.ct.guiModel=<model.zip>}: the CLI analysis uses that model instead of the
 * small one trained here by the CLI.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CtViewerGuiTest {
    /** Position of CT on the menu bar, counted from File. */
    private static final int CT_MENU = WorkbenchMenusGuiTest.MENUS.indexOf("CT");
    private static ProductUnderXvfb app;
    private static Path work;
    private static BufferedImage workbench;
    private static BufferedImage series;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("convbench-ct-gui");
        // the overlay: InVesalius' bone mask of the Cranium project, written as NIfTI by the product's own CLI
        Path cranium = Path.of(System.getProperty("convbench.shared.data", "../shared/data"), "ct/invesalius/Cranium.inv3");
        assertTrue(Files.isRegularFile(cranium), "shared test data missing: " + cranium);
        Path root = Path.of(System.getProperty("convbench.root", ".")).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("releng/run-product.sh").toString(), "ct", "convert",
                cranium.toString(), "--out", work.resolve("cranium.nii.gz").toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("convert.log").toFile());
        pb.environment().put("CONVBENCH_HOME", work.resolve("home").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ct convert did not finish in 120 s");
        assertEquals(0, p.exitValue(), "ct convert failed: " + Files.readString(work.resolve("convert.log")));
        assertTrue(Files.isRegularFile(work.resolve("cranium_mask0.nii.gz")), "ct convert wrote no mask: " + Files.readString(work.resolve("convert.log")));
        // the lesion task's CLI twins: a small model, and a phantom case with inserted lesions to analyse in the viewer
        Path sample = root.resolve("sample-data/ct/dcm_qa_ct_S21570");
        // trained on the other series of the same phantom: the probability is 0 outside the tissue mask, and a few
        // dozen patches of the head CT leave it too faint to see inside the phantom's inserts
        Path tilted = Path.of(System.getProperty("convbench.shared.data", "../shared/data"), "ct/dcm_qa_ct/Philips/S21610/S2010");
        cli(root, "train", "--volumes", tilted.toString(), "--out", work.resolve("cli-model.zip").toString(), "--patches", "32",
                "--epochs", "2", "--filters", "2", "--patch", "16", "--draws", "2", "--calibration-draws", "1");
        cli(root, "analyze", "--model", System.getProperty("convbench.ct.guiModel", work.resolve("cli-model.zip").toString()),
                "--volumes", sample.toString(), "--draws", "1",
                "--window", "32", "--overlap", "8", "--write-cases", work.resolve("cases").toString());
        assertTrue(Files.isRegularFile(work.resolve("cases/case01_image.nii.gz")), "ct analyze wrote no case volume");
        app = new ProductUnderXvfb("ConvBench");
        workbench = app.screenshot("ct-00-workbench");
    }

    private static void cli(Path root, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(root.resolve("releng/run-product.sh").toString(), "ct"));
        cmd.addAll(java.util.List.of(args));
        Path log = work.resolve("ct-" + args[0] + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("CONVBENCH_HOME", work.resolve("home").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "ct " + args[0] + " did not finish in 600 s");
        assertEquals(0, p.exitValue(), "ct " + args[0] + " failed: " + Files.readString(log));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null)
            app.close();
    }

    /**
     * Opens the CT menu and presses the item's mnemonic (and the submenu's, if any). Down first: GTK opens the menu
     * with no item selected, and a letter would then go to the menu bar's own mnemonics.
     */
    private static void ctMenu(String... mnemonics) throws Exception {
        app.openMenu(CT_MENU);
        app.keys("Down");
        app.keys(mnemonics);
    }

    /** A CT menu item that opens a dialog; tried again (after Escapes) when keys went astray while the UI was busy. */
    private static String ctMenuDialog(String title, String... mnemonics) throws Exception {
        for (int attempt = 1;; attempt++) {
            ctMenu(mnemonics);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < end) {
                String id = app.largestWindow(title);
                if (!id.isEmpty())
                    return id;
                Thread.sleep(300);
            }
            if (attempt == 3)
                throw new AssertionError("CT menu " + String.join(" > ", mnemonics) + ": no window titled '" + title + "'\n" + app.tail());
            app.keys("Escape", "Escape", "Escape");
        }
    }

    /**
     * Types a path into a GTK file or folder dialog (ctrl+L shows the location field). GTK completes a name inline
     * once the folder has loaded and keeps typed letters after the completion, which garbles paths; it completes only
     * with the cursor at the end, so the path is typed before a placeholder character that is deleted afterwards.
     */
    private static void choosePath(String dialog, Path path) throws Exception {
        app.focus(dialog);
        app.keys("ctrl+l", "ctrl+a"); // a save dialog fills in a name: replace it
        app.run(5, "xdotool", "type", "#");
        app.keys("Home");
        app.run(20, "xdotool", "type", "--delay", "15", path.toAbsolutePath().toString());
        app.keys("End", "BackSpace");
        app.keys("Return");
    }

    /** Screenshots until the picture differs from {@code before} by at least {@code pixels} and has settled. */
    private static BufferedImage waitForChange(BufferedImage before, int pixels, int seconds, String name) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        BufferedImage last = null;
        while (System.nanoTime() < end) {
            BufferedImage now = app.screenshot(name);
            if (WorkbenchMenusGuiTest.changedPixels(before, now) >= pixels && last != null
                    && WorkbenchMenusGuiTest.changedPixels(last, now) < 200)
                return now;
            last = now;
            Thread.sleep(700);
        }
        throw new AssertionError(name + ": the screen did not change by " + pixels + " pixels within " + seconds + " s\n" + app.tail());
    }

    /** CT > Open Volume... with a file; the screenshot once the viewer has changed by {@code pixels}. */
    private static BufferedImage openVolume(Path file, int pixels, String before, String after) throws Exception {
        BufferedImage b = app.screenshot(before);
        choosePath(ctMenuDialog("Open CT Volume", "v"), file); // Open &Volume...
        return waitForChange(b, pixels, 60, after);
    }

    /** Pixels of exactly this colour (the crosshair and plane titles use fixed colours). */
    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++)
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb)
                    n++;
        return n;
    }

    /** Clearly red pixels: the overlay's label 1 colour blended over grey. */
    private static int reddish(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y), r = p >> 16 & 255, g = p >> 8 & 255, b = p & 255;
                if (r > g + 60 && r > b + 60)
                    n++;
            }
        return n;
    }

    @Test
    @Order(1)
    void openSeriesThroughTheMenuShowsThreePlanes() throws Exception {
        Path sample = app.root.resolve("sample-data/ct/dcm_qa_ct_S21570");
        choosePath(ctMenuDialog("Open CT Series", "o"), sample); // &Open Series...
        app.screenshot("ct-01-folder-dialog");
        series = waitForChange(workbench, 150_000, 90, "ct-02-series");
        // the three planes are drawn with their crosshair colours (axial red, coronal green, sagittal blue)
        int red = count(series, 0xFF5A5A), green = count(series, 0x5ADC5A), blue = count(series, 0x5AA0FF);
        System.out.printf("[gui] crosshair pixels: red %d, green %d, blue %d%n", red, green, blue);
        assertTrue(red > 300 && green > 300 && blue > 300, "crosshair or plane frames missing: " + red + "/" + green + "/" + blue);
    }

    @Test
    @Order(2)
    void boneWindowPresetFromTheMenuChangesTheImage() throws Exception {
        ctMenu("w", "b"); // &Window Presets > &Bone
        BufferedImage bone = waitForChange(series, 20_000, 30, "ct-03-bone-window");
        System.out.printf("[gui] bone window changed %d pixels%n", WorkbenchMenusGuiTest.changedPixels(series, bone));
    }

    /**
     * A label map on the DICOM series' grid (dense material >= 300 HU, from the series converted by the CLI) as overlay,
     * then CT > Export Labels... to a .dcm name: a DICOM SEG that pydicom (the independent reader) opens, with one
     * segment, frames, and references to the series' 28 images.
     */
    @Test
    @Order(3)
    void labelsOnTheDicomSeriesExportAsDicomSeg() throws Exception {
        Path hu = work.resolve("sample-series.nii");
        cli(app.root, "convert", app.root.resolve("sample-data/ct/dcm_qa_ct_S21570").toString(), "--out", hu.toString());
        Path labels = thresholdLabels(hu, 300, work.resolve("sample-series-dense.nii"));
        BufferedImage before = app.screenshot("ct-03a-before-series-overlay");
        choosePath(ctMenuDialog("Load CT Overlay", "l"), labels); // &Load Overlay...
        BufferedImage overlay = waitForChange(before, 2_000, 60, "ct-03b-series-dense-overlay");
        System.out.printf("[gui] series overlay added %d red pixels%n", reddish(overlay) - reddish(before));
        Path out = work.resolve("series-labels.dcm");
        String dialog = ctMenuDialog("Export Labels as NIfTI or DICOM SEG", "e"); // &Export Labels...
        Thread.sleep(1500); // the dialog's folder listing
        app.screenshot("ct-03c-export-labels-dialog");
        choosePath(dialog, out);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.isRegularFile(out) && System.nanoTime() < end)
            Thread.sleep(300);
        Thread.sleep(1000); // the status line names what was written
        app.screenshot("ct-03d-dicom-seg-exported");
        assertTrue(Files.isRegularFile(out), "Export Labels wrote no " + out + "\n" + app.tail());
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", String.join("\n", "import sys, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "print(ds.Modality, ds.SegmentationType, len(ds.SegmentSequence), int(ds.NumberOfFrames),",
                "      len(ds.ReferencedSeriesSequence[0].ReferencedInstanceSequence), int(ds.pixel_array.sum()))"),
                out.toString()).redirectErrorStream(true).start();
        String read = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "pydicom cannot read " + out + ": " + read);
        System.out.println("[gui] pydicom reads the DICOM SEG: " + read);
        String[] f = read.split(" ");
        assertEquals("SEG BINARY 1", f[0] + " " + f[1] + " " + f[2], read);
        assertTrue(Integer.parseInt(f[3]) > 0 && Long.parseLong(f[5]) > 0, "no labelled frame: " + read);
        assertEquals(28, Integer.parseInt(f[4]), "referenced source images: " + read);
    }

    /** A label map (1 where the NIfTI's value >= {@code threshold}) with the same header: the same grid. */
    private static Path thresholdLabels(Path nifti, double threshold, Path out) throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(nifti)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(4, b.getShort(70), nifti + ": expected int16 voxels");
        int offset = (int) b.getFloat(108);
        double slope = b.getFloat(112) == 0 ? 1 : b.getFloat(112), inter = b.getFloat(116);
        for (int i = offset; i + 1 < b.capacity(); i += 2)
            b.putShort(i, (short) (b.getShort(i) * slope + inter >= threshold ? 1 : 0));
        b.putFloat(112, 1).putFloat(116, 0).putShort(68, (short) 1002); // NIfTI intent "label"
        Files.write(out, b.array());
        return out;
    }

    @Test
    @Order(4)
    void headCtWithBoneMaskOverlay() throws Exception {
        BufferedImage head = openVolume(work.resolve("cranium.nii.gz"), 100_000, "ct-04-before-volume", "ct-05-head-ct");
        choosePath(ctMenuDialog("Load CT Overlay", "l"), work.resolve("cranium_mask0.nii.gz")); // &Load Overlay...
        BufferedImage overlay = waitForChange(head, 5_000, 60, "ct-06-head-ct-bone-overlay");
        int red = reddish(overlay) - reddish(head);
        System.out.printf("[gui] overlay added %d red pixels%n", red);
        assertTrue(red > 5_000, "the bone mask overlay is not visible (" + red + " more red pixels)");
    }

    @Test
    @Order(5)
    void exportLabelsWritesTheOverlayAsNifti() throws Exception {
        Path out = work.resolve("exported-labels.nii.gz");
        choosePath(ctMenuDialog("Export Labels as NIfTI", "e"), out); // &Export Labels...
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.isRegularFile(out) && System.nanoTime() < end)
            Thread.sleep(300);
        app.screenshot("ct-07-labels-exported");
        assertTrue(Files.isRegularFile(out), "Export Labels wrote no " + out + "\n" + app.tail());
        byte[] head = Files.readAllBytes(out);
        assertTrue(head.length > 1000 && (head[0] & 255) == 0x1f && (head[1] & 255) == 0x8b, "not a gzip file: " + out);
    }

    /** Pixels the probability overlay tints (red to yellow over grey: much more red than blue). */
    private static int tinted(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y), r = p >> 16 & 255, b = p & 255;
                if (r > b + 40)
                    n++;
            }
        return n;
    }

    private static BufferedImage lesionCase;

    @Test
    @Order(6)
    void phantomWithInsertedLesionsInTheBrainWindow() throws Exception {
        BufferedImage opened = openVolume(work.resolve("cases/case01_image.nii.gz"), 50_000, "ct-08-before-case", "ct-09-lesion-case");
        ctMenu("w", "r"); // &Window Presets > B&rain
        lesionCase = waitForChange(opened, 5_000, 30, "ct-10-lesion-case-brain-window");
    }

    /** Screenshots until the overlay's tinted pixels differ from {@code before}'s by {@code pixels}, then settled. */
    private static BufferedImage waitForTint(BufferedImage before, int pixels, int seconds, String name) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int was = tinted(before);
        while (System.nanoTime() < end) {
            BufferedImage now = app.screenshot(name);
            if (Math.abs(tinted(now) - was) >= pixels) {
                Thread.sleep(1500);
                return app.screenshot(name);
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(name + ": the overlay did not change by " + pixels + " tinted pixels within " + seconds + " s\n" + app.tail());
    }

    @Test
    @Order(7)
    void lesionProbabilityFromTheCliAsOverlay() throws Exception {
        choosePath(ctMenuDialog("Load CT Overlay", "l"), work.resolve("cases/case01_probability.nii.gz")); // &Load Overlay...
        BufferedImage overlay = waitForTint(lesionCase, 300, 60, "ct-11-cli-lesion-probability-overlay");
        System.out.printf("[gui] CLI lesion probability overlay: %d tinted pixels%n", tinted(overlay) - tinted(lesionCase));
    }

    @Test
    @Order(8)
    void trainSegmentationDialogTrainsWithALiveChart() throws Exception {
        Path model = work.resolve("gui-model.zip");
        String dialog = ctMenuDialog("Train Segmentation", "t"); // &Train Segmentation...
        app.focus(dialog);
        BufferedImage empty = app.screenshot("ct-12-train-dialog");
        field("alt+m", model.toString()); // &Model file
        field("alt+e", "2"); // &Epochs
        field("alt+p", "8"); // &Patches per epoch
        field("alt+f", "2"); // &Filters
        app.keys("alt+t"); // &Train
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(480);
        while (!Files.isRegularFile(model) && System.nanoTime() < end)
            Thread.sleep(1000);
        Thread.sleep(1500); // the status line and the last chart points
        BufferedImage trained = app.screenshot("ct-13-train-dialog-done");
        assertTrue(Files.isRegularFile(model), "Train Segmentation wrote no " + model + "\n" + app.tail());
        int changed = WorkbenchMenusGuiTest.changedPixels(empty, trained);
        System.out.printf("[gui] training dialog changed %d pixels (curves, status)%n", changed);
        assertTrue(changed > 500, "the chart and status did not change during training");
        app.keys("Escape"); // closes the dialog
    }

    private static void field(String mnemonic, String value) throws Exception {
        app.keys(mnemonic, "ctrl+a");
        app.run(20, "xdotool", "type", "--delay", "15", value);
    }

    @Test
    @Order(9)
    void runAnalysisWithTheTrainedModelShowsItsOverlayAndDetections() throws Exception {
        BufferedImage before = app.screenshot("ct-14-before-analysis");
        ctMenu("r"); // &Run Analysis: the model just trained is the current one
        BufferedImage after = waitForTint(before, 300, 300, "ct-15-analysis-overlay");
        assertTrue(app.largestWindow("Choose a Lesion Segmenter").isEmpty(), "Run Analysis asked for a model file");
        System.out.printf("[gui] Run Analysis changed the overlay by %d tinted pixels%n", tinted(after) - tinted(before));
    }

    @Test
    @Order(10)
    void exploreUnitsOfTheLesionSegmenterOnTheOpenVolume() throws Exception {
        BufferedImage before = app.screenshot("ct-16-before-units");
        ctMenu("x"); // E&xplore Units: the trained model, the open volume's sub-volumes
        // the view opens on the model with the volume's sub-volumes and explores the lesion logit (the output layer's
        // 1x1x1 convolution, unit 1) at once
        Pattern done = Pattern.compile("Unit Explorer on gui-model\\.zip on .*: (layer (\\S+) unit 1, (\\d+) patches, .*|.*)");
        String line = app.waitForLog(done, 240);
        System.out.println("[gui] " + line);
        Matcher m = done.matcher(line);
        assertTrue(m.matches() && m.group(3) != null, "exploring the segmenter's lesion unit failed: " + line + "\n" + app.tail());
        assertEquals("output1_conv", m.group(2));
        assertEquals(9, Integer.parseInt(m.group(3)), line);
        Thread.sleep(1500); // the grid paints
        BufferedImage view = app.screenshot("ct-17-unit-explorer");
        System.out.printf("[gui] Unit Explorer view changed %d pixels%n", WorkbenchMenusGuiTest.changedPixels(before, view));
        assertTrue(WorkbenchMenusGuiTest.changedPixels(before, view) > 20_000, "the Unit Explorer view did not appear");
    }
}
