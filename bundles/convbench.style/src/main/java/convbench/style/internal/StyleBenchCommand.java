package convbench.style.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.style.FeatureNetwork;
import convbench.style.StyleParameters;
import convbench.style.StyleResult;
import convbench.style.StyleTransfer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * {@code style bench}: seconds per iteration of the style transfer at 256 and 512 px, for Adam (one forward and
 * backward pass per iteration) and L-BFGS (one or more, its line search decides), after one untimed warm-up run.
 */
@Component(service = CliCommand.class)
public final class StyleBenchCommand implements CliCommand {
    /** The reference the issue gives: VGG19, L-BFGS, 512 px on a 4-core i7 CPU. */
    static final String ANCHOR = "jcjohnson/neural-style: about 2.4 s per iteration at 512 px on a 4-core i7 CPU (VGG19, Torch)";

    @Override
    public String area() {
        return "style";
    }

    @Override
    public String action() {
        return "bench";
    }

    @Override
    public String summary() {
        return "Seconds per style-transfer iteration at 256 and 512 px (Adam and L-BFGS)";
    }

    @Override
    public String usage() {
        return "style bench [--content <image> (sample-data/style/chelsea.png)] [--style <image> (sample-data/style/starry_night.jpg)]"
                + " [--sizes 256,512] [--iterations N (5, timed per optimiser and size)] [--model <model.json|.h5>] [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        BufferedImage content = StyleRunCommand.readImage(sampleOr(args, "content", "chelsea.png"));
        BufferedImage style = StyleRunCommand.readImage(sampleOr(args, "style", "starry_night.jpg"));
        int iterations = args.integer("iterations", 5);
        if (iterations < 1)
            throw new CliException("--iterations must be at least 1, got " + iterations);
        List<Integer> sizes = new ArrayList<>();
        for (String s : args.string("sizes", "256,512").split(",")) {
            try {
                sizes.add(Integer.parseInt(s.strip()));
            } catch (NumberFormatException e) {
                throw new CliException("--sizes expects whole numbers separated by commas, got '" + s + "'");
            }
        }
        FeatureNetwork loaded = StyleRunCommand.loadModel(args, progress);
        StyleParameters base = StyleRunCommand.parameters(args, loaded).previewEvery(0);
        StyleTransfer transfer = new StyleTransfer(loaded.model(), loaded.preprocessing());

        progress.report(-1, "warm-up");
        transfer.run(content, style, base.copy().size(sizes.get(0)).iterations(1).optimizer(StyleParameters.Optimizer.ADAM), null, null);

        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-6s %-10s %14s %14s%n", "size", "optimizer",
                "s/iteration", "s/evaluation"));
        for (int size : sizes)
            for (StyleParameters.Optimizer optimizer : StyleParameters.Optimizer.values()) {
                progress.report(-1, size + " px, " + optimizer.name().toLowerCase(Locale.ROOT));
                StyleParameters p = base.copy().size(size).iterations(iterations).optimizer(optimizer);
                StyleResult r;
                try {
                    r = transfer.run(content, style, p, null, null);
                } catch (IllegalArgumentException e) {
                    throw new CliException(e.getMessage(), e);
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("size", size);
                row.put("width", r.image().getWidth());
                row.put("height", r.image().getHeight());
                row.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
                row.put("iterations", r.iterations());
                row.put("evaluations", r.evaluations() - 1); // the start point's evaluation is not in the timed loop
                row.put("secondsPerIteration", r.secondsPerIteration());
                row.put("secondsPerEvaluation", r.seconds() / Math.max(1, r.evaluations() - 1));
                rows.add(row);
                text.append(String.format(Locale.ROOT, "%-6d %-10s %14.3f %14.3f%n", size, row.get("optimizer"),
                        r.secondsPerIteration(), (double) row.get("secondsPerEvaluation")));
            }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("results", rows);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("model", loaded.model().source().toString());
        json.put("anchor", ANCHOR);
        return CliResult.of(json, text.append("reference: ").append(ANCHOR).toString());
    }

    /** The option's file, else the sample under sample-data/style of the checkout (-Dconvbench.repo or the working directory). */
    private static Path sampleOr(CliArgs args, String option, String sample) throws CliException {
        if (args.has(option))
            return args.existingPath(option);
        String repo = System.getProperty("convbench.repo", ".");
        Path p = Path.of(repo, "sample-data", "style", sample);
        if (!Files.isRegularFile(p))
            throw new CliException(p + ": no such sample image; pass --" + option + " <image>");
        return p;
    }
}
