package convbench.face;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where face-api's {@code model/} folder is: {@code -Dconvbench.face.models=DIR} (the folder itself), else
 * {@code -Dconvbench.models.dir=NODE_MODULES} or {@code $CONVBENCH_MODELS}, else releng/convbench.models/node_modules
 * below the working directory or {@code -Dconvbench.repo}. The weights are fetched by npm (pinned in
 * releng/convbench.models/package-lock.json), never committed.
 */
public final class FaceModels {
    static final String PACKAGE = "@vladmandic/face-api";
    public static final String VERSION = "1.7.15";
    static final String HOW_TO_FETCH = "Fetch " + PACKAGE + " " + VERSION + " with `./mvnw -f releng/convbench.models/pom.xml"
            + " generate-resources` (npm ci, pinned by package-lock.json) or pass --models <face-api model folder>.";

    private FaceModels() {
    }

    /** The model folder, or a {@link FaceException} listing where it looked. */
    public static Path locate() throws FaceException {
        List<Path> candidates = new ArrayList<>();
        String direct = System.getProperty("convbench.face.models");
        if (direct != null)
            candidates.add(Path.of(direct));
        for (String nodeModules : new String[] {System.getProperty("convbench.models.dir"), System.getenv("CONVBENCH_MODELS")})
            if (nodeModules != null)
                candidates.add(Path.of(nodeModules, PACKAGE, "model"));
        String repo = System.getProperty("convbench.repo");
        for (String root : new String[] {repo, "."})
            if (root != null)
                candidates.add(Path.of(root, "releng", "convbench.models", "node_modules", PACKAGE, "model"));
        for (Path p : candidates)
            if (Files.isRegularFile(p.resolve("face_recognition_model-weights_manifest.json")))
                return p.toAbsolutePath().normalize();
        throw new FaceException("face-api models not found (looked in " + candidates + "). " + HOW_TO_FETCH);
    }
}
