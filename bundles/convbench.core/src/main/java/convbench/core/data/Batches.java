package convbench.core.data;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds batches by stacking examples along a new batch axis. ND4J 1.0.0-M2.1's {@code DataSet.merge} rejects
 * rank-5 (3D volume) features, so batches are stacked here for every rank alike.
 */
public final class Batches {
    private Batches() {
    }

    /** Stacks same-shaped arrays into [N, ...shape] (float). */
    public static INDArray stack(List<INDArray> arrays) {
        if (arrays.isEmpty())
            throw new IllegalArgumentException("nothing to stack");
        INDArray[] a = new INDArray[arrays.size()];
        long[] first = arrays.get(0).shape();
        for (int i = 0; i < a.length; i++) {
            INDArray x = arrays.get(i);
            if (!java.util.Arrays.equals(first, x.shape()))
                throw new IllegalArgumentException("example " + i + " of the batch has shape " + java.util.Arrays.toString(x.shape())
                        + ", the first has " + java.util.Arrays.toString(first));
            a[i] = x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
        }
        return Nd4j.stack(0, a);
    }

    /** The batch of the given examples of a source. */
    public static DataSet batch(ExampleSource source, int[] indices, int from, int to) {
        List<INDArray> features = new ArrayList<>(to - from);
        List<INDArray> labels = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            Example e = source.get(indices[i]);
            features.add(e.features());
            if (e.label() != null)
                labels.add(e.label());
        }
        if (!labels.isEmpty() && labels.size() != features.size())
            throw new IllegalArgumentException("some examples of the batch have labels and some do not");
        return new DataSet(stack(features), labels.isEmpty() ? null : stack(labels));
    }
}
