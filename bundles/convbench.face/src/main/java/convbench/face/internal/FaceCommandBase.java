package convbench.face.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliResult;
import convbench.face.Alignment;
import convbench.face.FaceAnalyzer;
import convbench.face.FaceBox;
import convbench.face.FaceDatabase;
import convbench.face.FaceException;
import convbench.face.FaceModels;
import convbench.face.FaceOverlay;
import convbench.face.FaceRecognition;
import convbench.face.RgbImage;
import convbench.face.Face;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Options and helpers the {@code face} commands share; the networks are loaded once per model folder. */
abstract class FaceCommandBase implements CliCommand {
    static final String COMMON = " [--models <face-api model folder>] [--input-sizes 416,608] [--min-score 0.5]"
            + " [--alignment dlib-chip|faceapi-box] [--json]";
    static final String TAU = " [--threshold TAU on d = ||f1-f2||^2 (default 0.36 = 0.6^2) | --euclidean-threshold T"
            + " on ||f1-f2|| (dlib's customary 0.6)]";
    private static final Map<Path, FaceAnalyzer> LOADED = new HashMap<>();

    @Override
    public String area() {
        return "face";
    }

    static FaceAnalyzer analyzer(CliArgs args) throws CliException {
        try {
            Path dir = args.has("models") ? args.existingPath("models").toAbsolutePath().normalize() : FaceModels.locate();
            FaceAnalyzer a;
            synchronized (LOADED) {
                a = LOADED.get(dir);
                if (a == null) {
                    a = FaceAnalyzer.open(dir);
                    LOADED.put(dir, a);
                }
            }
            String[] parts = args.string("input-sizes", "").split(",");
            int[] sizes = args.has("input-sizes") ? new int[parts.length] : FaceAnalyzer.DEFAULT_INPUT_SIZES;
            if (args.has("input-sizes"))
                for (int i = 0; i < parts.length; i++)
                    sizes[i] = Integer.parseInt(parts[i].strip());
            return a.withDetector(args.number("min-score", FaceAnalyzer.DEFAULT_SCORE_THRESHOLD), sizes);
        } catch (FaceException e) {
            throw new CliException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CliException("--input-sizes/--min-score: " + e.getMessage(), e);
        }
    }

    static RgbImage image(CliArgs args) throws CliException {
        Path p = args.existingPath("image");
        try {
            return RgbImage.read(p);
        } catch (FaceException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    static Alignment alignment(CliArgs args) throws CliException {
        try {
            return Alignment.fromId(args.string("alignment", Alignment.DLIB_CHIP.id()));
        } catch (IllegalArgumentException e) {
            throw new CliException("--alignment: " + e.getMessage());
        }
    }

    /** tau on the squared distance; --euclidean-threshold gives it on dlib's plain-distance scale. */
    static double threshold(CliArgs args) throws CliException {
        if (args.has("threshold") && args.has("euclidean-threshold"))
            throw new CliException("give --threshold (on d = ||f1-f2||^2) or --euclidean-threshold (on ||f1-f2||), not both");
        double t = args.has("euclidean-threshold") ? Math.pow(args.number("euclidean-threshold", 0), 2)
                : args.number("threshold", FaceDatabase.DEFAULT_THRESHOLD);
        if (!(t > 0))
            throw new CliException("the threshold must be positive");
        return t;
    }

    static FaceRecognition recognition(CliArgs args, FaceDatabase db) throws CliException {
        return new FaceRecognition(analyzer(args), db, threshold(args), alignment(args));
    }

    static Path db(CliArgs args) throws CliException {
        return Path.of(args.required("db"));
    }

    /** Runs face code, turning its user errors into CLI errors (status 2, one line). */
    static <T> T face(FaceCall<T> call) throws CliException {
        try {
            return call.run();
        } catch (FaceException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface FaceCall<T> {
        T run() throws FaceException;
    }

    static Map<String, Object> metric(double threshold) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", FaceDatabase.METRIC);
        m.put("metricText", FaceDatabase.METRIC_TEXT);
        m.put("euclideanThreshold", round(Math.sqrt(threshold)));
        return m;
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    static Map<String, Object> faceJson(FaceBox box) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("box", box.toArray());
        m.put("score", round(box.score()));
        return m;
    }

    /** --output: the photo with boxes (and labels) drawn, as PNG. */
    static String writeOverlay(CliArgs args, RgbImage photo, List<Face> faces, List<String> labels) throws CliException {
        if (!args.has("output"))
            return null;
        Path out = Path.of(args.required("output"));
        try {
            if (!ImageIO.write(FaceOverlay.draw(photo, faces, labels, labels == null), "png", out.toFile()))
                throw new CliException(out + ": no PNG writer");
        } catch (IOException e) {
            throw new CliException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return out.toString();
    }

    static CliResult result(Map<String, Object> json, String text) {
        return CliResult.of(json, text);
    }
}
