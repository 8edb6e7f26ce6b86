package convbench.compute;

import java.util.concurrent.CancellationException;

/** Handed to a running job: progress, cancellation and live metrics. */
public interface JobContext {
    /** @param fraction 0..1 */
    void progress(double fraction, String message);

    boolean isCancelled();

    /** Throws {@link CancellationException} once the job was cancelled; call it between iterations. */
    default void checkCancelled() {
        if (isCancelled())
            throw new CancellationException("cancelled");
    }

    /** Publishes a live metric (e.g. loss per iteration) to every {@link ComputeListener}. */
    void metric(String name, long step, double value);
}
