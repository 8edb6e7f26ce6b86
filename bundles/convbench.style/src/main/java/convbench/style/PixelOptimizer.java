package convbench.style;

import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient-based minimisation of J over the pixels of G: {@link #start} evaluates the first point, each
 * {@link #step} moves to a better one and returns the evaluation there.
 */
public abstract class PixelOptimizer {
    protected final Function<INDArray, StyleObjective.Evaluation> objective;
    protected INDArray x;
    protected StyleObjective.Evaluation current;
    private int evaluations;

    protected PixelOptimizer(Function<INDArray, StyleObjective.Evaluation> objective) {
        this.objective = objective;
    }

    /** Starts at {@code x0} (copied) and returns J there. */
    public StyleObjective.Evaluation start(INDArray x0) {
        x = x0.dup();
        current = evaluate(x);
        return current;
    }

    /** One iteration; returns the evaluation at the new point. */
    public abstract StyleObjective.Evaluation step();

    /** True when further steps cannot lower J (the run then stops early). */
    public boolean converged() {
        return false;
    }

    /** The current point (not a copy). */
    public INDArray x() {
        return x;
    }

    public StyleObjective.Evaluation current() {
        return current;
    }

    /** Forward and backward passes so far (L-BFGS' line search may take several per iteration). */
    public int evaluations() {
        return evaluations;
    }

    protected StyleObjective.Evaluation evaluate(INDArray at) {
        evaluations++;
        StyleObjective.Evaluation e = objective.apply(at);
        if (!Double.isFinite(e.losses().total()))
            throw new ArithmeticException("the loss is " + e.losses().total() + " after " + evaluations
                    + " evaluations: lower the learning rate or the loss weights");
        return e;
    }

    protected static double dot(INDArray a, INDArray b) {
        return a.reshape(-1).mul(b.reshape(-1)).sumNumber().doubleValue();
    }
}
