package convbench.style;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Adam and L-BFGS on an ill-conditioned quadratic f(x) = 1/2 sum_i d_i (x_i - 1)^2 with known minimum 0 at x = 1. */
class OptimizersTest {
    private static final INDArray D = Nd4j.createFromArray(1.0, 10.0, 100.0, 3.0, 0.5, 30.0).reshape(1, 1, 2, 3);

    private static StyleObjective.Evaluation quadratic(INDArray x) {
        INDArray r = x.sub(1);
        double f = 0.5 * r.mul(r).mul(D).sumNumber().doubleValue();
        return new StyleObjective.Evaluation(new StyleObjective.Losses(0, 0, Map.of(), 0, f), r.mul(D));
    }

    private static double run(PixelOptimizer o, int iterations) {
        o.start(Nd4j.zeros(DataType.DOUBLE, 1, 1, 2, 3));
        for (int i = 0; i < iterations; i++)
            o.step();
        return o.current().losses().total();
    }

    @Test
    void lbfgsConvergesSuperlinearlyWithFewEvaluations() {
        // from f = 72: unit steps (no Wolfe search) reach 1e-8 in 40 iterations, 44 evaluations (a NumPy copy of the
        // same algorithm gives 1.04e-8); plain gradient descent would need thousands at condition number 200
        Lbfgs lbfgs = new Lbfgs(OptimizersTest::quadratic, 5, 1);
        double f = run(lbfgs, 40);
        assertTrue(f < 1.1e-8, "f = " + f);
        assertTrue(lbfgs.evaluations() <= 45, lbfgs.evaluations() + " evaluations");
    }

    @Test
    void adamConvergesAndRespectsTheBox() {
        Function<INDArray, StyleObjective.Evaluation> f = OptimizersTest::quadratic;
        double free = run(new Adam(f, 0.05, null, null), 600);
        assertTrue(free < 1e-4, "f = " + free);
        // with every value capped at 0.5 the best is x = 0.5: f = 1/8 * sum(d)
        Adam boxed = new Adam(f, 0.05, new double[] {-1, -1, -1}, new double[] {0.5, 0.5, 0.5});
        double capped = run(boxed, 600);
        assertTrue(boxed.x().maxNumber().doubleValue() <= 0.5, "clipped");
        assertTrue(Math.abs(capped - D.sumNumber().doubleValue() / 8) < 1e-3, "f = " + capped);
    }
}
