package convbench.core.importer.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.core.importer.ImageClassifier;
import convbench.core.importer.ImagePreprocessing;
import convbench.core.importer.Images;
import convbench.core.importer.ModelImportException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code model classify --model <model.json|.h5> --image <png/jpg>}: top-5 ImageNet-style classes of one image. */
@Component(service = CliCommand.class)
public final class ModelClassifyCommand implements CliCommand {
    @Override
    public String area() {
        return "model";
    }

    @Override
    public String action() {
        return "classify";
    }

    @Override
    public String summary() {
        return "Classify an image with a pretrained Keras .h5 or TF.js model.json (top 5 classes)";
    }

    @Override
    public String usage() {
        return "model classify --model <TF.js model.json or Keras .h5> --image <png/jpg>"
                + " [--labels <labels.json|.txt> (default: labels.json beside the model or in ../assets)]"
                + " [--preprocess caffe|tf|torch|raw (default caffe: Keras ResNet50/VGG)] [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path modelFile = args.existingPath("model");
        Path imageFile = args.existingPath("image");
        Path labels = args.has("labels") ? args.existingPath("labels") : null;
        ImagePreprocessing preprocessing;
        try {
            preprocessing = ImagePreprocessing.fromId(args.string("preprocess", "caffe"));
        } catch (IllegalArgumentException e) {
            throw new CliException("--preprocess: " + e.getMessage());
        }
        BufferedImage image;
        try {
            image = Images.read(imageFile);
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e);
        }

        progress.report(-1, "importing " + modelFile.getFileName());
        ImageClassifier classifier;
        try {
            classifier = ImageClassifier.open(modelFile, labels, preprocessing);
        } catch (ModelImportException | IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        progress.report(-1, "classifying " + imageFile.getFileName());
        long started = System.nanoTime();
        List<ImageClassifier.Prediction> top = classifier.classify(image, 5);
        double classifySeconds = (System.nanoTime() - started) / 1e9;
        progress.report(1, "done");

        List<Map<String, Object>> top5 = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("%s with %s (%s preprocessing):%n",
                imageFile.getFileName(), modelFile, preprocessing.id()));
        for (int i = 0; i < top.size(); i++) {
            ImageClassifier.Prediction p = top.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", p.label());
            row.put("probability", p.probability());
            row.put("index", p.index());
            top5.add(row);
            text.append(String.format("  %d. %-30s %6.2f %%%n", i + 1, p.label(), 100 * p.probability()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("top5", top5);
        json.put("model", modelFile.toString());
        json.put("image", imageFile.toString());
        json.put("preprocessing", preprocessing.id());
        json.put("importSeconds", classifier.model().importSeconds());
        json.put("classifySeconds", classifySeconds);
        return CliResult.of(json, text.toString());
    }
}
