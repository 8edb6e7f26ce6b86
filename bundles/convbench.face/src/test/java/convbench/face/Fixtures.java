package convbench.face;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The face fixtures (../shared/data, read-only, never copied) and one analyser shared by the test classes. */
final class Fixtures {
    private static FaceAnalyzer analyzer;

    private Fixtures() {
    }

    static Path faces() {
        String data = System.getProperty("convbench.shared.data");
        Path root = data != null ? Path.of(data) : Path.of("../../../shared/data");
        Path dir = root.resolve("faces/face_recognition");
        assertTrue(Files.isDirectory(dir), "face fixtures missing: " + dir + " (set -Dconvbench.shared.data)");
        return dir;
    }

    static Path image(String relative) {
        return faces().resolve(relative);
    }

    /** face-api's model folder from the build's node_modules; a missing install fails the test. */
    static synchronized FaceAnalyzer analyzer() {
        if (analyzer == null) {
            try {
                analyzer = FaceAnalyzer.open(FaceModels.locate());
            } catch (FaceException e) {
                fail(e.getMessage(), e);
            }
        }
        return analyzer;
    }

    /** releng/convbench.models, where package.json, node_modules and face-reference.mjs live. */
    static Path modelsModule() {
        String dir = System.getProperty("convbench.models.dir");
        if (dir == null)
            fail("-Dconvbench.models.dir (releng/convbench.models/node_modules) is not set; run the tests through Maven");
        return Path.of(dir).toAbsolutePath().normalize().getParent();
    }
}
