package convbench.core.train;

/** What the trainer reports, and how it learns that it should stop; every method may be left out. */
public interface TrainingCallbacks {
    TrainingCallbacks NONE = new TrainingCallbacks() {
    };

    /** Polled before every batch; when true the trainer throws CancellationException (the last checkpoint stays). */
    default boolean isCancelled() {
        return false;
    }

    default void onIteration(IterationMetrics metrics) {
    }

    default void onEpoch(EpochMetrics metrics) {
    }

    /** @param fraction 0..1 of the whole run */
    default void onProgress(double fraction, String message) {
    }
}
