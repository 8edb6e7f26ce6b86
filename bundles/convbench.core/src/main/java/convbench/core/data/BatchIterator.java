package convbench.core.data;

import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A {@link DataSetIterator} that pulls batches from an {@link ExampleSource} in a given order (e.g. one epoch of
 * {@link Sampling#shuffled}): only one batch is in memory at a time, so data larger than memory works, and rank-5
 * (3D) batches work because they are stacked by {@link Batches} (or built by {@link ExampleSource#batch}).
 */
public final class BatchIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient ExampleSource source;
    private final int[] order;
    private final int batchSize;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    public BatchIterator(ExampleSource source, int[] order, int batchSize) {
        if (batchSize < 1)
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        this.source = source;
        this.order = order.clone();
        this.batchSize = batchSize;
    }

    /** All examples of the source in their own order. */
    public static BatchIterator sequential(ExampleSource source, int batchSize) {
        return new BatchIterator(source, Sampling.identity(source.size()), batchSize);
    }

    /** The number of batches in one pass. */
    public int batches() {
        return (order.length + batchSize - 1) / batchSize;
    }

    /** The position (in the order) of the first example of the next batch. */
    public int cursor() {
        return cursor;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext())
            throw new NoSuchElementException("no more batches");
        int to = Math.min(order.length, cursor + num);
        DataSet ds = source.batch(order, cursor, to);
        cursor = to;
        if (preProcessor != null)
            preProcessor.preProcess(ds);
        return ds;
    }

    @Override
    public int inputColumns() {
        return (int) source.get(order[0]).features().length();
    }

    @Override
    public int totalOutcomes() {
        var label = source.get(order[0]).label();
        return label == null ? 0 : (int) label.size(0);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
