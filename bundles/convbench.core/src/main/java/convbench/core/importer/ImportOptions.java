package convbench.core.importer;

/**
 * How to import a model.
 *
 * @param logits replace a softmax at the end of an output layer by 'linear', so the graph yields logits (the
 *               classifier then applies softmax itself; parity checks compare logits, not saturated probabilities)
 */
public record ImportOptions(boolean logits) {
    /** The model as it is. */
    public static final ImportOptions DEFAULT = new ImportOptions(false);
    /** Outputs before the final softmax. */
    public static final ImportOptions LOGITS = new ImportOptions(true);
}
