package convbench.face.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code face bench} on one fixture photo, one timed pass: both engines find the same face and the JSON carries
 * faces/s and the ratio (the speed itself is not asserted: figures come from running the command). Bad input first.
 */
class FaceBenchCommandTest {
    private static final Path OBAMA = Path.of(System.getProperty("convbench.shared.data", "../../../shared/data"),
            "faces/face_recognition/examples/knn_examples/train/obama/obama.jpg");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(String... words) throws Exception {
        List<String> w = new ArrayList<>(List.of(words));
        w.add("--json");
        return (Map<String, Object>) new FaceBenchCommand().run(CliArgs.parse(w, Set.of("json", "no-node")), CliProgress.NONE).json();
    }

    @Test
    void badInputIsNamed() {
        CliException none = assertThrows(CliException.class, () -> run("--repeat", "1"));
        assertTrue(none.getMessage().contains("--images"), none.getMessage());
        CliException missing = assertThrows(CliException.class, () -> run("--images", "/nonexistent/x.jpg"));
        assertTrue(missing.getMessage().contains("/nonexistent/x.jpg"), missing.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void convbenchBesideFaceApiInNode() throws Exception {
        String modelsDir = System.getProperty("convbench.models.dir");
        Path script = Path.of(modelsDir).toAbsolutePath().normalize().getParent().resolve("face-bench.mjs");
        Map<String, Object> r = run("--images", OBAMA.toString(), "--repeat", "1", "--node-script", script.toString());
        System.out.println("face bench, one photo, one pass: " + r);
        Map<String, Object> ours = (Map<String, Object>) r.get("convbench"), theirs = (Map<String, Object>) r.get("faceApi");
        assertEquals(1, ours.get("facesPerPass"));
        assertEquals(1, theirs.get("facesPerPass"));
        assertEquals("wasm", theirs.get("backend"));
        double ratio = (double) r.get("ratio");
        assertEquals((double) ours.get("facesPerSecond") / (double) theirs.get("facesPerSecond"), ratio, 1e-9);
        assertTrue(ratio > 0 && Double.isFinite(ratio));
    }
}
