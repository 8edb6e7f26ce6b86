package convbench.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import convbench.ct.api.DicomSeries;
import convbench.ct.api.ScanResult;
import convbench.ct.api.SeriesScanner;
import convbench.dicom.pixelmed.PixelMedToolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Real data and the dcm2niix peer; anything missing fails the test with what to install. */
final class TestData {
    static final PixelMedToolkit TOOLKIT = new PixelMedToolkit();

    private TestData() {
    }

    static Path shared(String relative) {
        String root = System.getProperty("convbench.shared.data");
        if (root == null || root.isBlank())
            fail("system property convbench.shared.data is not set (the parent pom's surefire argLine sets it)");
        Path p = Path.of(root).resolve(relative);
        if (!Files.exists(p))
            fail("shared test data missing: " + p + " (see ../shared/data/README.md)");
        return p;
    }

    /** 28 axial slices, 5 mm, no tilt. */
    static Path plainSeries() {
        return shared("ct/dcm_qa_ct/Philips/S21570/S2010");
    }

    /** 54 slices, gantry tilt -18.5 degrees. */
    static Path tiltedSeries() {
        return shared("ct/dcm_qa_ct/Philips/S21610/S2010");
    }

    static DicomSeries onlySeries(Path folder) throws IOException {
        ScanResult r = new SeriesScanner(TOOLKIT).scan(folder);
        assertEquals(1, r.series().size(), folder + ": expected one series, found " + r.series());
        return r.series().get(0);
    }

    /** Runs the Debian dcm2niix on {@code in}; fails (never skips) when it is not installed. */
    static void dcm2niix(Path in, Path out) throws IOException, InterruptedException {
        Files.createDirectories(out);
        Process p;
        try {
            p = new ProcessBuilder("dcm2niix", "-b", "n", "-z", "n", "-f", "%d_%s", "-o", out.toString(), in.toString())
                    .redirectErrorStream(true).redirectOutput(out.resolve("log.txt").toFile()).start();
        } catch (IOException e) {
            fail("dcm2niix is needed as the reference converter: apt-get install -y dcm2niix (" + e.getMessage() + ")");
            return;
        }
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0)
            fail("dcm2niix failed on " + in + ": " + Files.readString(out.resolve("log.txt")));
    }
}
