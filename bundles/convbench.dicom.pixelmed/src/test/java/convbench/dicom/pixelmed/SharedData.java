package convbench.dicom.pixelmed;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real data beside the checkout; a missing folder fails the test (never skips it). */
final class SharedData {
    private SharedData() {
    }

    static Path dir(String relative) {
        String root = System.getProperty("convbench.shared.data");
        if (root == null || root.isBlank())
            fail("system property convbench.shared.data is not set (the parent pom's surefire argLine sets it)");
        Path p = Path.of(root).resolve(relative);
        if (!Files.exists(p))
            fail("shared test data missing: " + p + " (see ../shared/data/README.md)");
        return p;
    }
}
