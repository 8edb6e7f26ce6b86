package convbench.style;

import convbench.core.importer.ImagePreprocessing;
import convbench.core.importer.ImportedModel;
import convbench.dl4j.Nd4jContext;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Neural style transfer (Gatys et al.): gradient descent on the pixels of G to minimise
 * J(G) = alpha J_content(C, G) + beta J_style(S, G) (+ total variation), see {@link StyleObjective}. Headless: the
 * workbench dialog and {@code ./convbench style run} both call {@link #run}. One run at a time per instance.
 */
public final class StyleTransfer {
    private final ComputationGraph graph;
    private final String source;
    private final PixelSpace pixels;

    /** @param preprocessing what the network was trained with: caffe for Keras ResNet50 and VGG16/19 */
    public StyleTransfer(ImportedModel model, ImagePreprocessing preprocessing) {
        this(model.graph(), model.source().toString(), preprocessing);
    }

    public StyleTransfer(ComputationGraph graph, String source, ImagePreprocessing preprocessing) {
        this.graph = graph;
        this.source = source;
        this.pixels = new PixelSpace(preprocessing);
    }

    /**
     * Runs the optimisation. Cancelling (the supplier turning true) stops after the current iteration and returns
     * the image so far with {@link StyleResult#cancelled()} set.
     *
     * @throws IllegalArgumentException a layer the model lacks or cannot differentiate, or a bad parameter
     * @throws ArithmeticException      the loss became NaN or infinite
     */
    public StyleResult run(BufferedImage content, BufferedImage style, StyleParameters parameters, StyleListener listener,
            BooleanSupplier cancelled) {
        StyleParameters p = parameters.copy();
        p.validate();
        return nd4j(() -> optimise(content, style, p, listener == null ? StyleListener.NONE : listener,
                cancelled == null ? () -> false : cancelled));
    }

    private StyleResult optimise(BufferedImage content, BufferedImage style, StyleParameters p, StyleListener listener,
            BooleanSupplier cancelled) {
        int[] hw = StyleImages.fitted(content, p.size());
        int h = hw[0], w = hw[1];
        float[] contentRgb = StyleImages.rgb(content, w, h);
        float[] styleRgb = StyleImages.coverRgb(style, w, h);
        StyleObjective objective = new StyleObjective(graph, source, p, h, w, DataType.FLOAT);
        objective.setTargets(pixels.toNetwork(contentRgb, h, w, DataType.FLOAT), pixels.toNetwork(styleRgb, h, w, DataType.FLOAT));

        PixelOptimizer optimizer = switch (p.optimizer()) {
            case ADAM -> new Adam(objective::evaluate, p.learningRate(), pixels.lowerBounds(), pixels.upperBounds());
            case LBFGS -> new Lbfgs(objective::evaluate, p.lbfgsHistory(), 8);
        };
        StyleObjective.Evaluation first = optimizer.start(pixels.toNetwork(initial(contentRgb, p), h, w, DataType.FLOAT));
        List<StyleObjective.Losses> history = new ArrayList<>();
        history.add(first.losses());
        listener.iteration(0, optimizer.evaluations(), first.losses(), 0,
                p.previewEvery() > 0 ? image(optimizer.x(), contentRgb, p, h, w) : null);

        long loopStart = System.nanoTime();
        int done = 0;
        boolean stopped = false;
        while (done < p.iterations()) {
            if (cancelled.getAsBoolean()) {
                stopped = true;
                break;
            }
            if (optimizer.converged())
                break;
            StyleObjective.Evaluation e = optimizer.step();
            done++;
            history.add(e.losses());
            boolean preview = p.previewEvery() > 0 && (done % p.previewEvery() == 0 || done == p.iterations());
            listener.iteration(done, optimizer.evaluations(), e.losses(), (System.nanoTime() - loopStart) / 1e9,
                    preview ? image(optimizer.x(), contentRgb, p, h, w) : null);
        }
        double seconds = (System.nanoTime() - loopStart) / 1e9;
        // L-BFGS ends on the point its line search accepted; its losses are the ones of that point
        StyleObjective.Losses last = optimizer.current().losses();
        return new StyleResult(image(optimizer.x(), contentRgb, p, h, w), first.losses(), last, List.copyOf(history),
                done, optimizer.evaluations(), seconds, stopped);
    }

    /** The starting image in RGB: the content plus Gaussian noise, or uniform white noise. */
    private static float[] initial(float[] contentRgb, StyleParameters p) {
        Random random = new Random(p.seed());
        float[] x = new float[contentRgb.length];
        for (int i = 0; i < x.length; i++)
            x[i] = p.init() == StyleParameters.Init.CONTENT
                    ? (float) Math.max(0, Math.min(255, contentRgb[i] + p.noise() * random.nextGaussian()))
                    : 255 * random.nextFloat();
        return x;
    }

    private BufferedImage image(INDArray x, float[] contentRgb, StyleParameters p, int h, int w) {
        float[] rgb = pixels.toRgb(x);
        return StyleImages.toImage(p.preserveColors() ? StyleImages.preserveColors(rgb, contentRgb) : rgb, w, h);
    }

    /** Runs ND4J work with the class loader that sees its backend (OSGi), unwrapping checked exceptions. */
    static <T> T nd4j(Callable<T> body) {
        try {
            return Nd4jContext.call(body::call);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
