package convbench.core.train;

/**
 * Metrics of one finished epoch (1-based); NaN where not measured (no validation data, per-position outputs for
 * macro F1, and so on).
 */
public record EpochMetrics(int epoch, double learningRate, double trainLoss, double trainAccuracy, double valLoss,
        double valAccuracy, double valMacroF1, double valDice, double seconds) {
    /** The value of a metric named as in {@link TrainingConfig#METRICS}. */
    public double get(String metric) {
        return switch (metric) {
            case "val_loss" -> valLoss;
            case "val_accuracy" -> valAccuracy;
            case "val_macro_f1" -> valMacroF1;
            case "val_dice" -> valDice;
            case "train_loss" -> trainLoss;
            default -> throw new IllegalArgumentException("unknown metric " + metric);
        };
    }
}
