package convbench.compute;

/** Observes the queue and live metrics; called on the job's thread, so UI listeners hop to their own thread. */
public interface ComputeListener {
    default void jobChanged(JobHandle<?> job) {
    }

    default void metric(JobHandle<?> job, Metric metric) {
    }
}
