package convbench.style;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a style-transfer run is determined by. J(G) = alpha * J_content + beta * sum_l lambda[l] J_style[l]
 * + tvWeight * TV(G). Mutable with chained setters (the dialog and the CLI fill it field by field); the run copies
 * what it reads.
 */
public final class StyleParameters {
    /** The optimiser on the pixels of G. */
    public enum Optimizer { LBFGS, ADAM }

    /** How G starts: the content image plus Gaussian noise, or noise around mid-grey (Gatys et al.). */
    public enum Init { CONTENT, NOISE }

    private String contentLayer;
    private Map<String, Double> styleWeights;
    private double alpha = 1;
    private double beta = defaultBeta(true);
    private double tvWeight = 0;
    private boolean smoothing = true;
    private double temperature = 0.5;
    private int iterations = 200;
    private int size = 256;
    private Optimizer optimizer = Optimizer.LBFGS;
    private double learningRate = 4;
    private int lbfgsHistory = 10;
    private Init init = Init.CONTENT;
    private double noise = 8;
    private long seed = 42;
    private boolean preserveColors;
    private int previewEvery = 10;

    /** Defaults for the preset's network: its usual layers, smoothing for ResNet only. */
    public static StyleParameters defaults(FeaturePreset preset) {
        StyleParameters p = new StyleParameters();
        p.contentLayer = preset.contentLayer();
        p.styleWeights = preset.styleWeights();
        p.smoothing = preset == FeaturePreset.RESNET50;
        p.beta = defaultBeta(p.smoothing);
        return p;
    }

    /**
     * beta for alpha = 1 that lets style dominate from the start, measured on ResNet50 (tubingen x starry night,
     * 256 px): without smoothing J_style is about 0.15 and J_content about 5e4 at the start, with smoothing (values
     * near 1) about 1e-3 and 1e3.
     */
    public static double defaultBeta(boolean smoothing) {
        return smoothing ? 1e8 : 1e7;
    }

    /**
     * Style layers written {@code layer:weight,...} (as the dialog and {@code --style-layers} take them); a layer
     * without a weight gets 1. IllegalArgumentException naming the part that is not {@code layer:weight}.
     */
    public static Map<String, Double> parseStyleWeights(String spec) {
        Map<String, Double> w = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String s = part.strip();
            if (s.isEmpty())
                continue;
            int colon = s.lastIndexOf(':');
            String name = colon < 0 ? s : s.substring(0, colon).strip();
            try {
                w.put(name, colon < 0 ? 1.0 : Double.parseDouble(s.substring(colon + 1).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("style layers: '" + s + "' is not <layer>:<weight>");
            }
        }
        if (w.isEmpty())
            throw new IllegalArgumentException("style layers: no layers in '" + spec + "'");
        return w;
    }

    public StyleParameters copy() {
        StyleParameters p = new StyleParameters();
        p.contentLayer = contentLayer;
        p.styleWeights = styleWeights == null ? null : new LinkedHashMap<>(styleWeights);
        p.alpha = alpha;
        p.beta = beta;
        p.tvWeight = tvWeight;
        p.smoothing = smoothing;
        p.temperature = temperature;
        p.iterations = iterations;
        p.size = size;
        p.optimizer = optimizer;
        p.learningRate = learningRate;
        p.lbfgsHistory = lbfgsHistory;
        p.init = init;
        p.noise = noise;
        p.seed = seed;
        p.preserveColors = preserveColors;
        p.previewEvery = previewEvery;
        return p;
    }

    /** Throws IllegalArgumentException naming the first bad value. */
    public void validate() {
        if (contentLayer == null || contentLayer.isBlank())
            throw new IllegalArgumentException("no content layer chosen");
        if (styleWeights == null || styleWeights.isEmpty())
            throw new IllegalArgumentException("no style layers chosen");
        for (Map.Entry<String, Double> e : styleWeights.entrySet())
            if (!(e.getValue() >= 0) || e.getValue().isInfinite())
                throw new IllegalArgumentException("style layer " + e.getKey() + ": weight " + e.getValue() + " is not a finite number >= 0");
        positive("alpha", alpha, true);
        positive("beta", beta, true);
        positive("total-variation weight", tvWeight, true);
        positive("temperature", temperature, false);
        positive("learning rate", learningRate, false);
        positive("noise", noise, true);
        if (iterations < 1)
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        if (size < 32 || size > 4096)
            throw new IllegalArgumentException("size must be 32..4096 pixels, got " + size);
        if (lbfgsHistory < 1)
            throw new IllegalArgumentException("L-BFGS history must be at least 1, got " + lbfgsHistory);
    }

    private static void positive(String name, double v, boolean zeroAllowed) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v < 0 || (!zeroAllowed && v == 0))
            throw new IllegalArgumentException(name + " must be a finite number " + (zeroAllowed ? ">= 0" : "> 0") + ", got " + v);
    }

    /** The parameters by name, as they go into the PNG metadata and the CLI's JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("contentLayer", contentLayer);
        m.put("styleLayers", new LinkedHashMap<>(styleWeights));
        m.put("alpha", alpha);
        m.put("beta", beta);
        m.put("tvWeight", tvWeight);
        m.put("smoothing", smoothing);
        m.put("temperature", temperature);
        m.put("iterations", iterations);
        m.put("size", size);
        m.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        if (optimizer == Optimizer.ADAM)
            m.put("learningRate", learningRate);
        else
            m.put("lbfgsHistory", lbfgsHistory);
        m.put("init", init.name().toLowerCase(Locale.ROOT));
        m.put("noise", noise);
        m.put("seed", seed);
        m.put("preserveColors", preserveColors);
        return m;
    }

    public String contentLayer() { return contentLayer; }
    public StyleParameters contentLayer(String v) { contentLayer = v; return this; }
    /** lambda[l] by style layer name, in the order given. */
    public Map<String, Double> styleWeights() { return styleWeights; }
    public StyleParameters styleWeights(Map<String, Double> v) { styleWeights = new LinkedHashMap<>(v); return this; }
    public double alpha() { return alpha; }
    public StyleParameters alpha(double v) { alpha = v; return this; }
    public double beta() { return beta; }
    public StyleParameters beta(double v) { beta = v; return this; }
    public double tvWeight() { return tvWeight; }
    public StyleParameters tvWeight(double v) { tvWeight = v; return this; }
    /** Activation smoothing (Wang et al., CVPR 2021) before the Gram matrices and the content distance. */
    public boolean smoothing() { return smoothing; }
    public StyleParameters smoothing(boolean v) { smoothing = v; return this; }
    /** The softmax temperature T of the smoothing. */
    public double temperature() { return temperature; }
    public StyleParameters temperature(double v) { temperature = v; return this; }
    public int iterations() { return iterations; }
    public StyleParameters iterations(int v) { iterations = v; return this; }
    /** The longer side of G in pixels; the shorter keeps the content image's aspect ratio. */
    public int size() { return size; }
    public StyleParameters size(int v) { size = v; return this; }
    public Optimizer optimizer() { return optimizer; }
    public StyleParameters optimizer(Optimizer v) { optimizer = v; return this; }
    /** Adam's step size, in pixel units (0..255). */
    public double learningRate() { return learningRate; }
    public StyleParameters learningRate(double v) { learningRate = v; return this; }
    public int lbfgsHistory() { return lbfgsHistory; }
    public StyleParameters lbfgsHistory(int v) { lbfgsHistory = v; return this; }
    public Init init() { return init; }
    public StyleParameters init(Init v) { init = v; return this; }
    /** Standard deviation of the initial noise, in pixel units (0..255). */
    public double noise() { return noise; }
    public StyleParameters noise(double v) { noise = v; return this; }
    public long seed() { return seed; }
    public StyleParameters seed(long v) { seed = v; return this; }
    /** Keep the content image's colours: G's luminance with C's chrominance (YIQ), after the optimisation. */
    public boolean preserveColors() { return preserveColors; }
    public StyleParameters preserveColors(boolean v) { preserveColors = v; return this; }
    /** A preview image every this many iterations (0: none). */
    public int previewEvery() { return previewEvery; }
    public StyleParameters previewEvery(int v) { previewEvery = v; return this; }
}
