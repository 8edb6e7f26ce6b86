package convbench.bench;

import convbench.core.spec.ModelSpec;
import convbench.core.spec.SpecShapes;

/**
 * One reference net of the benchmark: its ConvBench model spec (both sides build it), the batch size of every
 * training and inference step, and the number of classes of its output.
 */
public record BenchNet(String name, ModelSpec spec, int batch) {
    public int classes() {
        return SpecShapes.outputShape(spec).channels();
    }
}
