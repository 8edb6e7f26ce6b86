package convbench.style;

import java.awt.image.BufferedImage;

/** Follows a style-transfer run: one call per iteration, on the thread that runs it. */
@FunctionalInterface
public interface StyleListener {
    /**
     * @param iteration   0 for the starting image, then 1..iterations
     * @param evaluations forward and backward passes so far
     * @param losses      every loss term at the current image (per style layer: unweighted J_style[l])
     * @param seconds     wall time since the optimisation started (targets and start image excluded)
     * @param preview     the current image every {@link StyleParameters#previewEvery()} iterations and at the end,
     *                    otherwise null
     */
    void iteration(int iteration, int evaluations, StyleObjective.Losses losses, double seconds, BufferedImage preview);

    StyleListener NONE = (iteration, evaluations, losses, seconds, preview) -> { };
}
