package convbench.style;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Limited-memory BFGS (Nocedal and Wright, algorithm 7.4/7.5): the search direction from the two-loop recursion
 * over the last m curvature pairs with H0 = (s'y / y'y) I, then a backtracking line search with the Armijo
 * condition (quadratic interpolation of the step, at most {@value #MAX_TRIALS} trials). Pairs with s'y <= 0 are
 * skipped, which keeps the implied Hessian positive definite without the strong Wolfe conditions.
 */
public final class Lbfgs extends PixelOptimizer {
    private static final double C1 = 1e-4;
    private static final int MAX_TRIALS = 12;
    private final int history;
    private final double firstStep;
    private final Deque<INDArray[]> pairs = new ArrayDeque<>(); // {s, y}, newest first
    private final Deque<Double> rhos = new ArrayDeque<>();
    private int failures;

    /**
     * @param history   m, the number of curvature pairs kept
     * @param firstStep without curvature information the first step moves the largest-gradient pixel by this much
     */
    public Lbfgs(Function<INDArray, StyleObjective.Evaluation> objective, int history, double firstStep) {
        super(objective);
        this.history = history;
        this.firstStep = firstStep;
    }

    @Override
    public StyleObjective.Evaluation step() {
        INDArray g = current.gradient();
        INDArray d = direction(g);
        double gd = dot(g, d);
        if (!(gd < 0)) { // not a descent direction (numerical trouble): restart from steepest descent
            pairs.clear();
            rhos.clear();
            d = direction(g);
            gd = dot(g, d);
        }
        double f = current.losses().total();
        double t = 1;
        StyleObjective.Evaluation next = null;
        INDArray xNext = null;
        for (int trial = 0; trial < MAX_TRIALS; trial++) {
            xNext = x.add(d.mul(t));
            next = evaluate(xNext);
            double fNext = next.losses().total();
            if (fNext <= f + C1 * t * gd)
                break;
            // minimum of the quadratic through f, f'(0) = gd and fNext, kept within [0.1 t, 0.5 t]
            double tq = -gd * t * t / (2 * (fNext - f - gd * t));
            t = Double.isFinite(tq) ? Math.min(0.5 * t, Math.max(0.1 * t, tq)) : 0.5 * t;
            if (trial == MAX_TRIALS - 1 && fNext > f) { // no decrease at all: keep the point, forget the curvature
                pairs.clear();
                rhos.clear();
                failures++;
                return current;
            }
        }
        INDArray s = xNext.sub(x);
        INDArray y = next.gradient().sub(g);
        double sy = dot(s, y);
        if (sy > 1e-10 * Math.sqrt(dot(y, y) * dot(s, s))) {
            pairs.addFirst(new INDArray[] {s, y});
            rhos.addFirst(1 / sy);
            if (pairs.size() > history) {
                pairs.removeLast();
                rhos.removeLast();
            }
        }
        x = xNext;
        current = next;
        failures = 0;
        return current;
    }

    /** True after two line searches in a row found no decrease, even along steepest descent: J is at a minimum as far as its float precision can tell. */
    @Override
    public boolean converged() {
        return failures >= 2;
    }

    /** -H g by the two-loop recursion; scaled steepest descent while there are no pairs. */
    private INDArray direction(INDArray g) {
        if (pairs.isEmpty()) {
            double max = g.amaxNumber().doubleValue();
            return g.mul(max > 0 ? -firstStep / max : 0);
        }
        int k = pairs.size();
        double[] alpha = new double[k];
        INDArray q = g.dup();
        Iterator<Double> rho = rhos.iterator();
        int i = 0;
        for (INDArray[] p : pairs) { // newest to oldest
            double r = rho.next();
            alpha[i] = r * dot(p[0], q);
            q.subi(p[1].mul(alpha[i]));
            i++;
        }
        INDArray[] newest = pairs.peekFirst();
        double gamma = dot(newest[0], newest[1]) / dot(newest[1], newest[1]);
        INDArray r = q.muli(gamma);
        Iterator<INDArray[]> oldestFirst = pairs.descendingIterator();
        Iterator<Double> rhoOldestFirst = rhos.descendingIterator();
        for (int j = k - 1; j >= 0; j--) {
            INDArray[] p = oldestFirst.next();
            double beta = rhoOldestFirst.next() * dot(p[1], r);
            r.addi(p[0].mul(alpha[j] - beta));
        }
        return r.negi();
    }
}
