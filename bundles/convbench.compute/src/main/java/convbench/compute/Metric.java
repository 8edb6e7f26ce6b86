package convbench.compute;

/** One live value of a running job, e.g. ("loss", iteration 120, 0.31). */
public record Metric(String name, long step, double value) {
}
