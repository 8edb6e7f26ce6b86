package convbench.core.model;

import java.nio.file.Path;
import java.util.Arrays;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A network read from a model file, with its metadata and the file it came from (named in errors). */
public record LoadedModel(Path file, Model network, ModelMetadata metadata) {
    /** The input shape without the batch axis, channels first. */
    public int[] inputShape() {
        return metadata.inputShape();
    }

    /**
     * Checks that examples of this shape (channels first, no batch axis) fit the model.
     *
     * @throws ModelShapeException naming the file and both shapes
     */
    public void checkInput(int[] exampleShape) {
        int[] expected = inputShape();
        if (!Arrays.equals(expected, exampleShape))
            throw new ModelShapeException(file + ": the model expects input " + describe(expected)
                    + " but the data is " + describe(exampleShape));
    }

    /** Checks a batch (batch axis first). */
    public void checkBatch(INDArray batch) {
        long[] s = batch.shape();
        int[] example = new int[s.length - 1];
        for (int i = 1; i < s.length; i++)
            example[i - 1] = (int) s[i];
        checkInput(example);
    }

    public INDArray output(INDArray batch) {
        checkBatch(batch);
        return Networks.output(network, batch);
    }

    static String describe(int[] shape) {
        String axes = switch (shape.length) {
            case 1 -> "features";
            case 2 -> "channels, width";
            case 3 -> "channels, height, width";
            case 4 -> "channels, depth, height, width";
            default -> shape.length + " axes";
        };
        return Arrays.toString(shape) + " (" + axes + ")";
    }
}
