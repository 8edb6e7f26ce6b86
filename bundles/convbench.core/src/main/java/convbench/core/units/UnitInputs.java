package convbench.core.units;

import convbench.core.data.ExampleSource;
import convbench.core.data.ImageFolderSource;
import convbench.core.data.NpySource;
import convbench.core.importer.ImportedModel;
import convbench.core.importer.ModelImporter;
import convbench.core.model.LoadedModel;
import convbench.core.model.ModelFile;
import convbench.core.model.ModelMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Opens what the unit explorer scans, the same way for the {@code units} command and the workbench's Explore Units
 * dialog: a model file (ConvBench or TF.js) and a data file or folder. Errors name the file and the problem.
 */
public final class UnitInputs {
    private UnitInputs() {
    }

    /**
     * A ConvBench model file (DL4J network with its metadata) or a TF.js layers {@code model.json} (imported; its input
     * shape given channels first, as the explorer's examples are: a channels-last image model's [H, W, C] is [C, H, W]).
     */
    public static LoadedModel loadModel(Path file) throws IOException {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
            return ModelFile.load(file);
        ImportedModel imported = ModelImporter.load(file);
        long[] keras = imported.inputShape();
        if (keras.length == 0 || Arrays.stream(keras).anyMatch(d -> d < 1))
            throw new IOException(file + ": the model leaves its input shape open (" + Arrays.toString(keras)
                    + "); the unit explorer needs a fixed input shape");
        if (imported.channelsLast() && keras.length != 3)
            throw new IOException(file + ": a channels-last model with input " + Arrays.toString(keras)
                    + "; the unit explorer reads channels-last models of images only");
        int[] shape = new int[keras.length];
        for (int i = 0; i < keras.length; i++)
            shape[i] = Math.toIntExact(keras[imported.channelsLast() ? (i + keras.length - 1) % keras.length : i]);
        String name = file.getParent() == null ? file.toString() : file.getParent().getFileName() + "/" + file.getFileName();
        return new LoadedModel(file, imported.graph(), new ModelMetadata(name, shape));
    }

    /**
     * A NumPy {@code .npy} of examples [N, C, ...spatial] or a folder of PNG/JPEG images (2D, read with the model's
     * channel count, values 0..1). Close an {@link NpySource} when done ({@link #close(ExampleSource)}).
     *
     * @param inputShape the model's input shape, channels first
     * @throws IOException or IllegalArgumentException naming the file and the problem
     */
    public static ExampleSource openData(Path data, int[] inputShape) throws IOException {
        if (Files.isDirectory(data)) {
            if (inputShape.length != 3)
                throw new IllegalArgumentException(data + ": a folder of images is 2D data, but the model expects "
                        + Arrays.toString(inputShape) + "; give a .npy of examples instead");
            return ImageFolderSource.open(data, inputShape[0]);
        }
        return NpySource.open(data);
    }

    /** How an example is named in reports: the image's file name, or {@code beats.npy[17]}. */
    public static IntFunction<String> names(ExampleSource source, Path data) {
        return source instanceof ImageFolderSource f ? i -> f.file(i).getFileName().toString()
                : i -> data.getFileName() + "[" + i + "]";
    }

    /** Releases a source opened by {@link #openData} (an open .npy file). */
    public static void close(ExampleSource source) throws IOException {
        if (source instanceof NpySource n)
            n.close();
    }
}
