package convbench.ekg;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real data lives; a missing folder fails the test (it is never a reason to skip). */
final class TestData {
    private TestData() {
    }

    static Path shared() {
        String p = System.getProperty("convbench.shared.data");
        if (p == null)
            fail("system property convbench.shared.data is not set (the parent pom's surefire argLine sets it)");
        Path dir = Path.of(p);
        if (!Files.isDirectory(dir.resolve("ecg")))
            fail("shared data folder " + dir.toAbsolutePath() + " has no ecg/ folder: the tests need the real data");
        return dir;
    }

    static Path mitdb() {
        return shared().resolve("ecg/mitdb");
    }

    static Path wfdb() {
        return shared().resolve("ecg/wfdb-python");
    }

    static Path mitdbRecord(String rec) {
        Path p = mitdb().resolve(rec + ".hea");
        if (!Files.isRegularFile(p))
            fail("missing MIT-BIH record " + p);
        return p;
    }
}
