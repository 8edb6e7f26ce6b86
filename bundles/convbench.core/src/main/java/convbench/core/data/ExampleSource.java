package convbench.core.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Random access to examples that need not fit in memory: a source loads (or generates) example {@code i} when asked,
 * e.g. beat i of a set of records, patch i sampled from volumes (seeded by i, so it is the same patch every time),
 * image i of a folder. Iterators pull batches from it in any order; nothing is cached here.
 */
public interface ExampleSource {
    int size();

    Example get(int index);

    /** The class of example {@code i} (for balanced sampling and class weights); override when it is cheap to know. */
    default int label(int index) {
        INDArray label = get(index).label();
        if (label == null)
            throw new IllegalStateException("example " + index + " has no label");
        if (label.rank() != 1)
            throw new IllegalStateException("example " + index + " has a per-position label " + java.util.Arrays.toString(label.shape())
                    + ": it has no single class");
        return label.argMax(0).getInt(0);
    }

    /** The shape of one example's features (channels first, no batch axis). */
    default int[] featureShape() {
        return toInt(get(0).features().shape());
    }

    /**
     * Examples {@code indices[from..to)} as one batch, features {@code [N, ...shape]} and labels {@code [N, ...]} (null
     * when unlabelled). By default the examples are stacked ({@link Batches#batch}); a source whose examples are cheap
     * to compute into a Java array overrides it to create one ND4J array per batch instead of one per example (every
     * off-heap array is freed only when the garbage collector gets to it).
     */
    default DataSet batch(int[] indices, int from, int to) {
        return Batches.batch(this, indices, from, to);
    }

    /** A view of some of this source's examples, in the given order. */
    default ExampleSource subset(int[] indices) {
        ExampleSource parent = this;
        int[] idx = indices.clone();
        return new ExampleSource() {
            @Override
            public int size() {
                return idx.length;
            }

            @Override
            public Example get(int index) {
                return parent.get(idx[index]);
            }

            @Override
            public int label(int index) {
                return parent.label(idx[index]);
            }

            @Override
            public DataSet batch(int[] indices, int from, int to) {
                int[] mapped = new int[to - from];
                for (int i = from; i < to; i++)
                    mapped[i - from] = idx[indices[i]];
                return parent.batch(mapped, 0, mapped.length);
            }

            @Override
            public int[] featureShape() {
                return parent.featureShape();
            }
        };
    }

    static int[] toInt(long[] shape) {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++)
            s[i] = Math.toIntExact(shape[i]);
        return s;
    }
}
