package convbench.compute;

import java.util.concurrent.CompletableFuture;

/** A submitted job as seen from outside: state, progress, result, cancel. */
public interface JobHandle<T> {
    long id();

    String name();

    Lane lane();

    long memoryBytes();

    JobState state();

    /** 0..1 */
    double progress();

    String message();

    /** Cancels a queued job at once, a running job at its next {@link JobContext#checkCancelled()}. */
    void cancel();

    /** Completes with the job's value, or exceptionally with its failure or a CancellationException. */
    CompletableFuture<T> result();
}
