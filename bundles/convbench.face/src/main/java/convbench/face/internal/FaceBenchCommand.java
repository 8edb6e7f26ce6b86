package convbench.face.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.face.FaceAnalyzer;
import convbench.face.FaceBenchmark;
import convbench.face.FaceException;
import convbench.face.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Component;

/**
 * {@code face bench}: faces per second for detect + landmarks + align + embed, ConvBench beside face-api in Node on
 * the same decoded images, and the ratio. Both use one detector input size (face-api takes one) and the same score
 * threshold.
 */
@Component(service = CliCommand.class)
public final class FaceBenchCommand extends FaceCommandBase {
    @Override
    public String action() {
        return "bench";
    }

    @Override
    public String summary() {
        return "Faces/s for detect + align + embed, ConvBench and face-api in Node (wasm backend) on the same images, and the ratio";
    }

    @Override
    public String usage() {
        return "face bench (--images a.jpg,b.jpg | --data <folder of photos>) [--repeat 3] [--input-size 416] [--min-score 0.5]"
                + " [--no-node] [--backend wasm|cpu] [--node-script releng/convbench.models/face-bench.mjs] [--models DIR] [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        List<Path> files = files(args);
        int repeat = args.integer("repeat", 3), size = args.integer("input-size", FaceAnalyzer.FACEAPI_INPUT_SIZE);
        double minScore = args.number("min-score", FaceAnalyzer.DEFAULT_SCORE_THRESHOLD);
        if (repeat < 1)
            throw new CliException("--repeat must be 1 or more");
        FaceAnalyzer analyzer = analyzer(args).withDetector(minScore, size); // one input size, as face-api has
        List<FaceBenchmark.Named> images = new ArrayList<>();
        for (Path f : files)
            images.add(new FaceBenchmark.Named(f.getFileName().toString(), face(() -> RgbImage.read(f))));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("images", files.stream().map(Path::toString).toList());
        json.put("inputSize", size);
        json.put("minScore", minScore);
        json.put("repeat", repeat);
        json.put("processors", Runtime.getRuntime().availableProcessors());
        FaceBenchmark.Side ours;
        FaceBenchmark.Side theirs = null;
        try {
            progress.report(-1, "ConvBench: warm-up and " + repeat + " timed passes over " + images.size() + " images");
            ours = FaceBenchmark.convbench(analyzer, images, repeat);
            if (!args.flag("no-node")) {
                Path script = args.has("node-script") ? args.existingPath("node-script")
                        : analyzer.modelDir().getParent().getParent().getParent().getParent().resolve("face-bench.mjs");
                progress.report(-1, "face-api in Node: warm-up and " + repeat + " timed passes");
                theirs = FaceBenchmark.faceApi(script, images, size, minScore, args.string("backend", "wasm"), repeat, 3600);
            }
        } catch (FaceException | IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        json.put("convbench", ours.toMap());
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d images, detector input %d, %d processors, %d timed"
                + " passes each%n%-60s %6.3f faces/s (%d faces a pass)%n", images.size(), size, Runtime.getRuntime()
                        .availableProcessors(), repeat, ours.engine(), ours.facesPerSecond(), ours.facesPerPass()));
        text.append("  ConvBench's stages over the timed passes (s):");
        ((Map<?, ?>) ours.details().get("stageSeconds")).forEach((k, v) -> text.append(String.format(Locale.ROOT, " %s %.2f", k, (Double) v)));
        text.append(String.format("%n"));
        if (theirs != null) {
            double ratio = ours.facesPerSecond() / theirs.facesPerSecond();
            json.put("faceApi", theirs.toMap());
            json.put("ratio", ratio);
            text.append(String.format(Locale.ROOT, "%-60s %6.3f faces/s (%d faces a pass)%nratio ConvBench / face-api: %.2fx",
                    theirs.engine(), theirs.facesPerSecond(), theirs.facesPerPass(), ratio));
            if (theirs.facesPerPass() != ours.facesPerPass())
                text.append(String.format(Locale.ROOT, "%nnote: the two found different numbers of faces (%d vs %d)",
                        ours.facesPerPass(), theirs.facesPerPass()));
        }
        return result(json, text.toString().stripTrailing());
    }

    private static List<Path> files(CliArgs args) throws CliException {
        List<Path> files = new ArrayList<>();
        if (args.has("images")) {
            for (String s : args.required("images").split(","))
                if (!s.isBlank()) {
                    Path p = Path.of(s.strip());
                    if (!Files.isRegularFile(p))
                        throw new CliException("--images: " + p + " does not exist");
                    files.add(p);
                }
        } else if (args.has("data")) {
            Path dir = args.existingPath("data");
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                        .matches(".*\\.(jpe?g|png)")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new CliException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        } else {
            throw new CliException("give --images a.jpg,b.jpg or --data <folder of photos>");
        }
        if (files.isEmpty())
            throw new CliException("no JPEG or PNG images to benchmark");
        return files;
    }
}
