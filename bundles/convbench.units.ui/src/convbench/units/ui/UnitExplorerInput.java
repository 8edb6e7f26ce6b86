package convbench.units.ui;

import java.util.Objects;

import org.deeplearning4j.nn.api.Model;

import convbench.core.data.ExampleSource;

/**
 * What to explore: a trained DL4J network (MultiLayerNetwork or ComputationGraph) and examples shaped like its
 * input (channels first, no batch axis). The caller keeps owning both; the view only reads them, on the compute
 * service's device lane.
 *
 * @param title shown in the view (e.g. "beat classifier on 100.hea")
 */
public record UnitExplorerInput(String title, Model model, ExampleSource data) {
    public UnitExplorerInput {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
    }
}
