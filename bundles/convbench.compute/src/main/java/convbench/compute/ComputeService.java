package convbench.compute;

import java.util.List;

/**
 * The one service through which every ConvBench plugin does its numeric work. Jobs wait in one queue: jobs on the
 * compute device (ND4J: the GPU, or all CPU cores when the backend is the CPU) run one at a time; plain CPU jobs
 * run side by side up to the number of cores. Each job's memory estimate is checked before it starts.
 */
public interface ComputeService {
    /** The backend and device ND4J runs on; the first call initialises ND4J (a few seconds). */
    DeviceInfo device();

    /**
     * Queues a job.
     *
     * @throws JobRefusedException when the job's memory estimate exceeds what its lane can ever offer
     */
    <T> JobHandle<T> submit(ComputeJob<T> job);

    /** Queued, running and recently finished jobs, oldest first. */
    List<JobHandle<?>> jobs();

    void addListener(ComputeListener listener);

    void removeListener(ComputeListener listener);
}
