package convbench.style;

import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba) on the pixels, beta1 0.9, beta2 0.999, eps 1e-8; after each step the pixels are clipped to
 * the valid box (values a PNG can hold), per channel of the network's input space.
 */
public final class Adam extends PixelOptimizer {
    private static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;
    private final double learningRate;
    private final INDArray lower;
    private final INDArray upper;
    private INDArray m;
    private INDArray v;
    private int t;

    /** @param lower/upper per channel bounds of the last axis, or null for no clipping */
    public Adam(Function<INDArray, StyleObjective.Evaluation> objective, double learningRate, double[] lower, double[] upper) {
        super(objective);
        this.learningRate = learningRate;
        this.lower = lower == null ? null : Nd4j.createFromArray(lower);
        this.upper = upper == null ? null : Nd4j.createFromArray(upper);
    }

    @Override
    public StyleObjective.Evaluation step() {
        INDArray g = current.gradient();
        if (m == null) {
            m = g.mul(0);
            v = g.mul(0);
        }
        t++;
        m.muli(BETA1).addi(g.mul(1 - BETA1));
        v.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
        double stepSize = learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
        x.subi(m.div(Transforms.sqrt(v, true).addi(EPS)).muli(stepSize));
        if (lower != null) {
            INDArray lo = broadcast(lower.castTo(x.dataType()), x), hi = broadcast(upper.castTo(x.dataType()), x);
            x.assign(Transforms.min(Transforms.max(x, lo, true), hi, false));
        }
        current = evaluate(x);
        return current;
    }

    private static INDArray broadcast(INDArray perChannel, INDArray like) {
        return perChannel.reshape(1, 1, 1, perChannel.length()).broadcast(like.shape());
    }
}
