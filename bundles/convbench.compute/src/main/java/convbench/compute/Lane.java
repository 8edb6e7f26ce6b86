package convbench.compute;

/** The two queues of the compute service. */
public enum Lane {
    /** ND4J work on the compute device: one job at a time, since each one already uses the whole device. */
    DEVICE,
    /** Plain Java work (parsing, detection, I/O): several at once, bounded by the number of cores. */
    CPU
}
