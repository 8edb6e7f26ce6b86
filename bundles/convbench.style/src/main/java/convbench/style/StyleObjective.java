package convbench.style;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The seed's cost J(G) as one differentiable SameDiff graph on the pixels of G (NHWC, preprocessed as the network
 * expects):
 * <ul>
 * <li>J_content = 1/2 * ||a[l](C) - a[l](G)||^2 on the content layer l;</li>
 * <li>Gram matrix G[l]_kk' = sum_i sum_j a[l]_ijk a[l]_ijk';
 * J_style[l] = 1/(2 nH nW nC)^2 * sum_kk' (G[l](S)_kk' - G[l](G)_kk')^2; J_style = sum_l lambda[l] J_style[l];</li>
 * <li>TV(G) = sum (G[i+1,j] - G[i,j])^2 + (G[i,j+1] - G[i,j])^2 over pixels and channels;</li>
 * <li>J = alpha J_content + beta J_style + tvWeight TV.</li>
 * </ul>
 * With smoothing, every activation a[l] is first replaced by n * softmax(a[l] / T[l]) taken over all n = nH nW nC
 * values of the layer (Wang et al., CVPR 2021, "softmax3d"). The softmax raises the entropy of peaky activations
 * only where a / T is of order 1 (exp compresses there); Wang et al.'s T = 1 suits torchvision's ResNet, whose
 * activations are of that order, while Keras' caffe-preprocessed ResNet50 reaches values in the hundreds, where
 * T = 1 makes the softmax nearly one-hot. Hence T[l] = T * max(a[l](C)), measured once on the content image. The
 * factor n keeps the values' mean at 1 (it rescales each layer's loss by a constant, i.e. re-weights lambda[l]).
 * <p>
 * The targets (a[l](C) and G[l](S)) are placeholders filled by {@link #setTargets}. Not thread-safe; call through
 * {@code convbench.dl4j.Nd4jContext} inside OSGi.
 */
public final class StyleObjective {
    /** Every loss term at one image: J_content, J_style (weighted sum), each unweighted J_style[l], TV and J. */
    public record Losses(double content, double style, Map<String, Double> styleLayers, double tv, double total) {
    }

    /** J and its parts at an image, with dJ/dG (same shape as G). */
    public record Evaluation(Losses losses, INDArray gradient) {
    }

    private static final String IMAGE = "image";
    private final SameDiff sd = SameDiff.create();
    private final String contentLayer;
    private final List<String> styleLayers;
    private final long[] imageShape;
    private final DataType dtype;
    private final List<String> lossOutputs = new ArrayList<>();
    private final List<String> layers;
    private final Map<String, String> rawFeatures = new LinkedHashMap<>();
    private final boolean smoothing;
    private final double temperature;
    private final Map<String, INDArray> targets = new HashMap<>();

    /**
     * @param graph        the feature network (DL4J, NHWC input), e.g. {@code ImportedModel.graph()}
     * @param source       names the model in error messages
     * @param height/width the size of G in pixels (the targets must have it too)
     */
    public StyleObjective(ComputationGraph graph, String source, StyleParameters p, int height, int width, DataType dtype) {
        p.validate();
        this.contentLayer = p.contentLayer();
        this.styleLayers = List.copyOf(p.styleWeights().keySet());
        this.imageShape = new long[] {1, height, width, 3};
        this.dtype = dtype;
        Set<String> layerSet = new LinkedHashSet<>(styleLayers);
        layerSet.add(contentLayer);
        this.layers = List.copyOf(layerSet);
        this.smoothing = p.smoothing();
        this.temperature = p.temperature();
        Map<String, long[]> shapes = activationShapes(graph, layerSet, height, width, source);

        SDVariable image = sd.var(IMAGE, Nd4j.zeros(dtype, imageShape));
        Map<String, SDVariable> features = FeatureGraph.append(sd, image, graph, layers, dtype, source);
        Map<String, SDVariable> transformed = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            String layer = layers.get(i);
            SDVariable a = features.get(layer);
            rawFeatures.put(layer, a.name());
            transformed.put(layer, smoothing ? smooth(a, shapes.get(layer), sd.placeHolder("invT/" + i, dtype)) : a);
        }

        SDVariable content = transformed.get(contentLayer);
        sd.identity("feat/content", content);
        SDVariable contentTarget = sd.placeHolder("target/content", dtype, shapes.get(contentLayer));
        SDVariable jContent = sumInDouble(sd.math().squaredDifference(content, contentTarget)).mul("loss/content", 0.5);

        SDVariable jStyle = null;
        for (int i = 0; i < styleLayers.size(); i++) {
            String layer = styleLayers.get(i);
            long[] s = shapes.get(layer);
            long nH = s[1], nW = s[2], nC = s[3];
            SDVariable gram = gram(transformed.get(layer), nH * nW, nC, "gram/" + i);
            SDVariable target = sd.placeHolder("target/gram/" + i, dtype, nC, nC);
            double norm = 2.0 * nH * nW * nC;
            SDVariable jLayer = sumInDouble(sd.math().squaredDifference(gram, target)).div("loss/style/" + i, norm * norm);
            SDVariable weighted = jLayer.mul(p.styleWeights().get(layer));
            jStyle = jStyle == null ? weighted : jStyle.add(weighted);
        }
        jStyle = sd.identity("loss/style", jStyle);

        SDVariable tv = totalVariation(image, height, width);
        sd.identity("loss/total", jContent.mul(p.alpha()).add(jStyle.mul(p.beta())).add(tv.mul(p.tvWeight())));
        sd.setLossVariables("loss/total");
        lossOutputs.add("loss/content");
        lossOutputs.add("loss/style");
        for (int i = 0; i < styleLayers.size(); i++)
            lossOutputs.add("loss/style/" + i);
        lossOutputs.add("loss/tv");
        lossOutputs.add("loss/total");
    }

    /**
     * The sum in double precision: float32 sums over 10^5..10^6 terms carry errors larger than the decrease L-BFGS'
     * line search must see late in the optimisation, which then stalls. The gradient flows back in dtype.
     */
    private static SDVariable sumInDouble(SDVariable x) {
        return x.castTo(DataType.DOUBLE).sum();
    }

    /** Each layer's NHWC output shape for a height x width input, from DL4J's shape inference. */
    private static Map<String, long[]> activationShapes(ComputationGraph graph, Set<String> layers, int height, int width,
            String source) {
        Map<String, InputType> types;
        try {
            types = graph.getConfiguration().getLayerActivationTypes(InputType.convolutional(height, width, 3, CNN2DFormat.NHWC));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": a " + width + "x" + height + " image does not fit the network: " + e.getMessage(), e);
        }
        Map<String, long[]> shapes = new HashMap<>();
        for (String layer : layers) {
            InputType t = types.get(layer);
            if (!(t instanceof InputType.InputTypeConvolutional c))
                throw new IllegalArgumentException(source + ": layer '" + layer + "' "
                        + (t == null ? "is not in the model" : "has no spatial output (" + t + "); pick a convolutional layer"));
            if (c.getHeight() < 1 || c.getWidth() < 1)
                throw new IllegalArgumentException(source + ": layer '" + layer + "' has no pixels left for a " + width + "x" + height + " image");
            shapes.put(layer, new long[] {1, c.getHeight(), c.getWidth(), c.getChannels()});
        }
        return shapes;
    }

    /** n * softmax(a / T[l]) over all n values of the layer (Wang et al.'s softmax3d, rescaled to mean 1). */
    private SDVariable smooth(SDVariable a, long[] shape, SDVariable inverseTemperature) {
        long n = shape[1] * shape[2] * shape[3];
        SDVariable flat = sd.reshape(a.mul(inverseTemperature), 1, n);
        return sd.reshape(sd.nn().softmax(flat, 1), shape).mul((double) n);
    }

    /** G_kk' = sum over positions of a_k a_k': F^T F with F the activations as (positions x channels). */
    private SDVariable gram(SDVariable a, long positions, long channels, String name) {
        SDVariable f = sd.reshape(a, positions, channels);
        return sd.mmul(f, f, true, false, false).rename(name);
    }

    private SDVariable totalVariation(SDVariable x, int height, int width) {
        SDVariable down = sd.stridedSlice(x, new long[] {0, 1, 0, 0}, new long[] {1, height, width, 3}, 1, 1, 1, 1);
        SDVariable up = sd.stridedSlice(x, new long[] {0, 0, 0, 0}, new long[] {1, height - 1, width, 3}, 1, 1, 1, 1);
        SDVariable right = sd.stridedSlice(x, new long[] {0, 0, 1, 0}, new long[] {1, height, width, 3}, 1, 1, 1, 1);
        SDVariable left = sd.stridedSlice(x, new long[] {0, 0, 0, 0}, new long[] {1, height, width - 1, 3}, 1, 1, 1, 1);
        return sumInDouble(sd.math().squaredDifference(down, up)).add(sumInDouble(sd.math().squaredDifference(right, left))).rename("loss/tv");
    }

    /** Computes a[content](C) and G[l](S) for every style layer; both images NHWC of G's size, preprocessed. */
    public void setTargets(INDArray contentImage, INDArray styleImage) {
        checkShape(contentImage, "content image");
        checkShape(styleImage, "style image");
        targets.clear();
        setImage(contentImage);
        if (smoothing) {
            Map<String, INDArray> raw = sd.output(Collections.emptyMap(), rawFeatures.values().toArray(String[]::new));
            for (int i = 0; i < layers.size(); i++) {
                double max = raw.get(rawFeatures.get(layers.get(i))).amaxNumber().doubleValue();
                targets.put("invT/" + i, Nd4j.scalar(dtype, 1 / (temperature * (max > 0 ? max : 1))));
            }
        }
        targets.put("target/content", sd.output(targets, "feat/content").get("feat/content").dup());
        setImage(styleImage);
        String[] grams = new String[styleLayers.size()];
        for (int i = 0; i < grams.length; i++)
            grams[i] = "gram/" + i;
        Map<String, INDArray> out = sd.output(targets, grams);
        for (int i = 0; i < grams.length; i++)
            targets.put("target/" + grams[i], out.get(grams[i]).dup());
    }

    /** The losses at {@code image}, forward only. */
    public Losses losses(INDArray image) {
        requireTargets();
        checkShape(image, "image");
        setImage(image);
        return losses(sd.output(targets, lossOutputs));
    }

    /** The losses and dJ/dG at {@code image}. */
    public Evaluation evaluate(INDArray image) {
        requireTargets();
        checkShape(image, "image");
        setImage(image);
        OutAndGrad r = sd.calculateGradientsAndOutputs(targets, lossOutputs, List.of(IMAGE));
        return new Evaluation(losses(r.getOutputs()), r.getGradients().get(IMAGE).dup());
    }

    /** The (smoothed, if enabled) Gram matrix of a style layer at {@code image}: for tests and the UI. */
    public INDArray gram(INDArray image, String styleLayer) {
        int i = styleLayers.indexOf(styleLayer);
        if (i < 0)
            throw new IllegalArgumentException("'" + styleLayer + "' is not a style layer of this objective: " + styleLayers);
        setImage(image);
        return sd.output(targets, "gram/" + i).get("gram/" + i).dup();
    }

    /** The graph itself (listeners, profiling). */
    SameDiff sameDiff() {
        return sd;
    }

    public List<String> styleLayers() {
        return styleLayers;
    }

    public String contentLayer() {
        return contentLayer;
    }

    public long[] imageShape() {
        return imageShape.clone();
    }

    private Losses losses(Map<String, INDArray> out) {
        Map<String, Double> perLayer = new LinkedHashMap<>();
        for (int i = 0; i < styleLayers.size(); i++)
            perLayer.put(styleLayers.get(i), out.get("loss/style/" + i).getDouble(0));
        return new Losses(out.get("loss/content").getDouble(0), out.get("loss/style").getDouble(0),
                Collections.unmodifiableMap(perLayer), out.get("loss/tv").getDouble(0), out.get("loss/total").getDouble(0));
    }

    private void setImage(INDArray image) {
        INDArray x = image.dataType() == dtype ? image : image.castTo(dtype);
        sd.getVariable(IMAGE).setArray(x);
    }

    private void requireTargets() {
        if (targets.isEmpty())
            throw new IllegalStateException("setTargets(content, style) first");
    }

    private void checkShape(INDArray image, String what) {
        if (!java.util.Arrays.equals(image.shape(), imageShape))
            throw new IllegalArgumentException(what + " has shape " + java.util.Arrays.toString(image.shape())
                    + ", the objective was built for " + java.util.Arrays.toString(imageShape));
    }
}
