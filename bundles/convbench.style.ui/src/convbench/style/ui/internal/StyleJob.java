package convbench.style.ui.internal;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.core.importer.ImagePreprocessing;
import convbench.core.importer.Images;
import convbench.style.StyleListener;
import convbench.style.FeatureNetwork;
import convbench.style.StyleParameters;
import convbench.style.StyleResult;
import convbench.style.StyleTransfer;

/** One style-transfer run on the device lane: imports the feature network (ResNet50 when model is null), reads both images, optimises G. */
record StyleJob(Path content, Path style, Path model, StyleParameters parameters, StyleListener listener) implements ComputeJob<StyleJob.Done> {
    /** The result and the model it was made with (for the PNG metadata). */
    record Done(StyleResult result, String model) {
    }

    @Override
    public String name() {
        return "Style transfer of " + content.getFileName() + " in the style of " + style.getFileName();
    }

    @Override
    public Lane lane() {
        return Lane.DEVICE;
    }

    @Override
    public long memoryBytes() {
        // ResNet50's weights (~100 MB as float; VGG16's ~60 MB) plus activations and their gradients: measured
        // roughly 8 kB per output pixel at 256 px, kept with a 2x margin for L-BFGS's history of image-sized vectors
        long pixels = (long) parameters.size() * parameters.size();
        long weights = model == null ? 0 : 2 * model.toFile().length();
        return (256L << 20) + weights + pixels * 16_000L;
    }

    @Override
    public Done run(JobContext context) throws Exception {
        context.progress(0.01, "reading " + content.getFileName() + " and " + style.getFileName());
        BufferedImage c = Images.read(content);
        BufferedImage s = Images.read(style);
        context.checkCancelled();
        context.progress(0.02, "importing " + (model != null ? model.getFileName() : "ResNet50"));
        FeatureNetwork network = FeatureNetwork.load(model, ImagePreprocessing.CAFFE);
        network.checkLayers(parameters);
        context.checkCancelled();
        int n = parameters.iterations();
        StyleResult r = new StyleTransfer(network.model(), network.preprocessing()).run(c, s, parameters,
                (i, evaluations, losses, seconds, preview) -> {
                    context.progress(0.05 + 0.95 * i / n, "iteration " + i + " of " + n);
                    context.metric("content", i, losses.content());
                    context.metric("style", i, losses.style());
                    listener.iteration(i, evaluations, losses, seconds, preview);
                }, context::isCancelled);
        return new Done(r, network.model().source().toString());
    }
}
