package convbench.bench;

import java.util.Arrays;

/**
 * The one timing protocol of both sides: warm-up steps (not timed) until {@code warmupSeconds} have passed and at
 * least {@code warmupSteps} ran, then {@code runs} timed runs of the same number of steps (chosen from the warm-up
 * so that a run lasts about {@code runSeconds}); the result is the median run's examples per second.
 */
public record Timing(int warmupSteps, double warmupSeconds, int runs, double runSeconds) {
    /** What one timed measurement found. */
    public record Result(double examplesPerSecond, double[] runRates, int stepsPerRun) {
    }

    public static Timing standard() {
        return new Timing(3, 2.0, 5, 2.0);
    }

    /** A short protocol for checks that only need the plumbing to work. */
    public static Timing quick() {
        return new Timing(1, 0.0, 1, 0.0);
    }

    public Result measure(int batch, Step step) throws Exception {
        long start = System.nanoTime();
        int warm = 0;
        while (warm < warmupSteps || seconds(start) < warmupSeconds) {
            step.run();
            warm++;
        }
        double perStep = seconds(start) / warm;
        int steps = Math.max(1, (int) Math.ceil(runSeconds / perStep));
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            for (int s = 0; s < steps; s++)
                step.run();
            rates[r] = (double) steps * batch / seconds(t);
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
        return new Result(median, rates, steps);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** One training or inference step that blocks until its results are computed. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }
}
