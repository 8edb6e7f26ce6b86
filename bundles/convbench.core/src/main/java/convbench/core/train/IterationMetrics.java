package convbench.core.train;

/** Loss (and batch accuracy, NaN when not measured) after one parameter update. */
public record IterationMetrics(int epoch, long iteration, int batch, int batchesPerEpoch, double loss, double accuracy) {
}
