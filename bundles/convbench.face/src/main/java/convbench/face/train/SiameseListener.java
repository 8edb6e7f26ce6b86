package convbench.face.train;

import java.util.List;

/** What {@link SiameseTrainer} reports while it trains (for a live chart and the triplet view), and how it is stopped. */
public interface SiameseListener {
    SiameseListener NONE = new SiameseListener() {
    };

    /**
     * After one update.
     *
     * @param loss the batch's J (triplet: sum of L over its triplets; binary: mean logistic loss)
     * @param active triplets with L > 0 (binary: pairs misclassified at y = 0.5), as a fraction of the batch's
     * @param triplets the triplets chosen in this batch (empty for the binary head), indices into {@code batch}
     * @param batch the rows of the training set in this batch
     */
    record Iteration(int epoch, long iteration, int batchesPerEpoch, double loss, double active, List<Triplet> triplets,
            int[] batch) {
    }

    /** After each epoch: mean batch loss and, when a held-out set was given, its verification. */
    record Epoch(int epoch, double meanLoss, PairEvaluation.Verification heldOut) {
    }

    /** Polled before every batch; when true the trainer throws CancellationException. */
    default boolean isCancelled() {
        return false;
    }

    /** Once, before the first batch: the training rows (which {@link Iteration#batch()} indexes) and the held-out ones. */
    default void onStart(EmbeddingSet train, EmbeddingSet heldOut) {
    }

    default void onIteration(Iteration it) {
    }

    default void onEpoch(Epoch e) {
    }
}
