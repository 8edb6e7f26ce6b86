package convbench.compute;

/** A unit of numeric work submitted to the {@link ComputeService}. */
public interface ComputeJob<T> {
    String name();

    /** Where the job runs; ND4J/DL4J work belongs on {@link Lane#DEVICE}. */
    default Lane lane() {
        return Lane.DEVICE;
    }

    /** CPU-lane slots the job occupies (ignored on the device lane, which runs one job at a time). */
    default int threads() {
        return 1;
    }

    /** Estimated peak memory in bytes (device memory for GPU jobs, RAM otherwise). */
    long memoryBytes();

    /** Does the work; reports progress and metrics through the context and stops early when it is cancelled. */
    T run(JobContext context) throws Exception;
}
