package convbench.core.importer;

import convbench.dl4j.Nd4jContext;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One decoded weight of a TF.js manifest: its name (e.g. {@code conv1/kernel}), TensorFlow shape and row-major
 * float values. {@code storedAs} says how the shard held it (e.g. {@code float32}, {@code uint8 quantised}).
 */
public record NamedWeight(String name, long[] shape, float[] values, String storedAs) {

    /** The values as a float32 array of {@link #shape()} in TensorFlow's (row-major) layout. */
    public INDArray toINDArray() {
        return Nd4jContext.call(() -> Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT));
    }

    /** The last part of the name: {@code kernel}, {@code bias}, {@code gamma}, ... */
    public String parameter() {
        String n = name.endsWith(":0") ? name.substring(0, name.length() - 2) : name;
        return n.substring(n.lastIndexOf('/') + 1);
    }

    public int size() {
        return values.length;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " (" + storedAs + ")";
    }
}
