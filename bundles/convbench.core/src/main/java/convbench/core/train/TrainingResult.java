package convbench.core.train;

import convbench.core.model.ModelFile;
import convbench.core.model.ModelMetadata;
import convbench.core.spec.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.api.Model;

/**
 * A finished run: the trained network (the best epoch's weights when early stopping restored them), the per-epoch
 * history, the best epoch and why training stopped ("completed" or "early-stopped").
 */
public record TrainingResult(Model network, ModelSpec spec, TrainingConfig config, List<EpochMetrics> history,
        int bestEpoch, double bestMetric, String stopReason) {
    public EpochMetrics last() {
        return history.get(history.size() - 1);
    }

    /**
     * Writes a model file with metadata: spec, training config, seed, class names, data fingerprint and the best (or
     * last) epoch's metrics.
     */
    public void save(Path file, List<String> classNames, String dataFingerprint) throws IOException {
        EpochMetrics m = bestEpoch > 0 ? history.get(bestEpoch - 1) : last();
        ModelMetadata meta = ModelMetadata.forSpec(spec).seed(config.seed()).training(config.toJsonTree())
                .classNames(classNames == null ? List.of() : classNames).dataFingerprint(dataFingerprint)
                .metric("epoch", m.epoch()).metric("trainLoss", m.trainLoss()).metric("valLoss", m.valLoss())
                .metric("valAccuracy", m.valAccuracy()).metric("valMacroF1", m.valMacroF1()).metric("valDice", m.valDice())
                .metric("stopReason", stopReason);
        ModelFile.save(file, network, meta);
    }
}
