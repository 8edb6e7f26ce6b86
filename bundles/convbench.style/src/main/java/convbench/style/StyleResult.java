package convbench.style;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What a run produced.
 *
 * @param image             G as 8-bit RGB (colour-preserved when asked)
 * @param initial           the loss terms at the starting image
 * @param last              the loss terms at the final image
 * @param history           the loss terms after each iteration, index 0 the start
 * @param iterations        iterations done (fewer than asked when cancelled, or when L-BFGS converged early)
 * @param evaluations       forward and backward passes
 * @param seconds           optimisation wall time
 * @param cancelled         true when the run was cancelled; {@code image} is then the last iterate
 */
public record StyleResult(BufferedImage image, StyleObjective.Losses initial, StyleObjective.Losses last,
        List<StyleObjective.Losses> history, int iterations, int evaluations, double seconds, boolean cancelled) {

    public double secondsPerIteration() {
        return iterations == 0 ? 0 : seconds / iterations;
    }
}
