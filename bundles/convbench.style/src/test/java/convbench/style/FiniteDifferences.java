package convbench.style;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Central finite differences of J at random pixels of an NHWC image, against the analytic gradient. */
final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /** @return the worst relative error |analytic - numeric| / max(|analytic|, |numeric|, floor) over {@code count} pixels */
    static double worstRelativeError(StyleObjective objective, INDArray g, int count, double h, double floor, Random r) {
        INDArray analytic = objective.evaluate(g).gradient();
        long[] shape = g.shape();
        double worst = 0;
        for (int n = 0; n < count; n++) {
            long[] at = {0, r.nextInt((int) shape[1]), r.nextInt((int) shape[2]), r.nextInt((int) shape[3])};
            INDArray plus = g.dup(), minus = g.dup();
            plus.putScalar(at, g.getDouble(at) + h);
            minus.putScalar(at, g.getDouble(at) - h);
            double numeric = (objective.losses(plus).total() - objective.losses(minus).total()) / (2 * h);
            double a = analytic.getDouble(at);
            worst = Math.max(worst, Math.abs(a - numeric) / Math.max(floor, Math.max(Math.abs(a), Math.abs(numeric))));
        }
        return worst;
    }
}
