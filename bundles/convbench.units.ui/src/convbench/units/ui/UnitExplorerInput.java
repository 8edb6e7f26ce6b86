package convbench.units.ui;

import java.util.Objects;

import org.deeplearning4j.nn.api.Model;

import convbench.core.data.ExampleSource;
import convbench.core.units.SameDiffProbe;

/**
 * What to explore: a trained network and examples shaped like its input (channels first, no batch axis). The
 * network is either a DL4J one (MultiLayerNetwork or ComputationGraph, {@code model}) or a SameDiff graph seen
 * through a {@link SameDiffProbe} ({@code probe}); exactly one of the two is set. The caller keeps owning the
 * network and the data; the view only reads them, on the compute service's device lane.
 *
 * @param title shown in the view (e.g. "beat classifier on 100.hea")
 */
public record UnitExplorerInput(String title, Model model, SameDiffProbe probe, ExampleSource data) {
    public UnitExplorerInput {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(data, "data");
        if ((model == null) == (probe == null))
            throw new IllegalArgumentException("a Unit Explorer input takes a DL4J model or a SameDiff probe, one of the two");
    }

    public UnitExplorerInput(String title, Model model, ExampleSource data) {
        this(title, Objects.requireNonNull(model, "model"), null, data);
    }

    public UnitExplorerInput(String title, SameDiffProbe probe, ExampleSource data) {
        this(title, null, Objects.requireNonNull(probe, "probe"), data);
    }
}
