package convbench.face.train;

import convbench.dl4j.Nd4jContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The SameDiff graph of a {@link SiameseHead}, in double precision (the head is small; doubles keep the finite
 * difference checks exact enough). Placeholders: {@code x} [N, 128] (dlib embeddings); triplet members {@code ia},
 * {@code ip}, {@code in} and pair members {@code i}, {@code j} as one-hot row selectors [T, N] (ND4J 1.0.0-M2.1
 * cannot differentiate a graph that gathers twice), pair targets {@code y}. Both members of a triplet or pair are
 * rows of the one encoding of x: the weights are tied by construction. Outputs: {@code embedding}, {@code loss}
 * (triplet: J = sum of L(A,P,N); binary: mean logistic loss) and {@code yhat}. Trained by Adam on the gradients
 * SameDiff computes.
 */
final class SiameseGraph {
    private static final double NORM_EPS = 1e-12;
    private final SiameseHead head;
    private final SameDiff sd = SameDiff.create();
    private final List<String> params = new ArrayList<>();
    private final Map<String, INDArray[]> adam = new HashMap<>();
    private int step;

    private SiameseGraph(SiameseHead head, double alpha) {
        this.head = head;
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, head.inputDim);
        SDVariable f = x;
        for (int l = 0; l < head.weights.length; l++) {
            SDVariable w = param("W" + l, Nd4j.createFromArray(head.weights[l]));
            SDVariable b = param("b" + l, Nd4j.createFromArray(head.biases[l]).reshape(1, head.biases[l].length));
            f = f.mmul(w).add(b);
            if (l < head.weights.length - 1)
                f = sd.nn().relu(f, 0);
        }
        if (head.normalise) // ||f|| = 1 keeps the margin alpha meaningful and rules out shrinking everything
            f = f.div(sd.math().sqrt(f.mul(f).sum(true, 1).add(NORM_EPS)));
        f = sd.identity("embedding", f);
        if (head.loss == SiameseHead.Loss.TRIPLET) {
            SDVariable a = select("ia", f), p = select("ip", f), n = select("in", f);
            SDVariable dap = sd.identity("dAP", a.sub(p).mul(a.sub(p)).sum(1));
            SDVariable dan = sd.identity("dAN", a.sub(n).mul(a.sub(n)).sum(1));
            SDVariable l = sd.nn().relu(dap.sub(dan).add(alpha), 0); // L = max(d(A,P) - d(A,N) + alpha, 0)
            sd.setLossVariables(l.sum("loss"));
        } else {
            SDVariable fi = select("i", f), fj = select("j", f);
            SDVariable w = param("pairW", Nd4j.createFromArray(head.pairWeights).reshape(head.pairWeights.length, 1));
            SDVariable b = param("pairB", Nd4j.scalar(head.pairBias).reshape(1, 1));
            SDVariable z = sd.math().abs(fi.sub(fj)).mmul(w).add(b).reshape(-1); // sum_k w_k |f_ik - f_jk| + b
            sd.nn().sigmoid("yhat", z);
            SDVariable y = sd.placeHolder("y", DataType.DOUBLE, -1);
            // -y log sigma(z) - (1-y) log(1-sigma(z)) = softplus(z) - y z, without overflow
            sd.setLossVariables(sd.nn().softplus(z).sub(y.mul(z)).mean("loss"));
        }
    }

    /** Rows of f picked by a one-hot [T, N] placeholder. */
    private SDVariable select(String name, SDVariable f) {
        return sd.placeHolder(name, DataType.DOUBLE, -1, -1).mmul(f);
    }

    /** One-hot rows: row k has a 1 in column rows[k]. */
    static INDArray selector(int[] rows, int n) {
        double[][] m = new double[rows.length][n];
        for (int k = 0; k < rows.length; k++)
            m[k][rows[k]] = 1;
        return rows.length == 0 ? Nd4j.zeros(DataType.DOUBLE, 0, n) : Nd4j.createFromArray(m);
    }

    private SDVariable param(String name, INDArray value) {
        params.add(name);
        return sd.var(name, value.castTo(DataType.DOUBLE));
    }

    /** A graph for inference (alpha plays no part there). */
    static SiameseGraph of(SiameseHead head) throws Exception {
        return Nd4jContext.call(() -> new SiameseGraph(head, 0));
    }

    static SiameseGraph forTraining(SiameseHead head, double alpha) throws Exception {
        return Nd4jContext.call(() -> new SiameseGraph(head, alpha));
    }

    static INDArray matrix(float[][] x) {
        double[][] d = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            d[r] = new double[x[r].length];
            for (int c = 0; c < d[r].length; c++)
                d[r][c] = x[r][c];
        }
        return Nd4j.createFromArray(d);
    }

    float[][] encode(float[][] x) throws Exception {
        if (x.length == 0)
            return new float[0][];
        return Nd4jContext.call(() -> {
            INDArray e = sd.output(Map.of("x", matrix(x)), "embedding").get("embedding");
            float[][] out = new float[x.length][];
            for (int r = 0; r < x.length; r++)
                out[r] = e.getRow(r).toFloatVector();
            return out;
        });
    }

    double[] probabilities(float[][] x, int[] i, int[] j) throws Exception {
        if (i.length == 0)
            return new double[0];
        return Nd4jContext.call(() -> sd.output(Map.of("x", matrix(x), "i", selector(i, x.length), "j",
                selector(j, x.length)), "yhat").get("yhat").toDoubleVector());
    }

    /** Placeholders of one triplet batch. */
    static Map<String, INDArray> triplets(float[][] x, List<Triplet> t) {
        int[] a = new int[t.size()], p = new int[t.size()], n = new int[t.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = t.get(k).anchor();
            p[k] = t.get(k).positive();
            n[k] = t.get(k).negative();
        }
        return Map.of("x", matrix(x), "ia", selector(a, x.length), "ip", selector(p, x.length), "in", selector(n, x.length));
    }

    /** Placeholders of one pair batch; same[k] is the target y. */
    static Map<String, INDArray> pairs(float[][] x, int[] i, int[] j, boolean[] same) {
        double[] y = new double[same.length];
        for (int k = 0; k < y.length; k++)
            y[k] = same[k] ? 1 : 0;
        return Map.of("x", matrix(x), "i", selector(i, x.length), "j", selector(j, x.length), "y", Nd4j.createFromArray(y));
    }

    double loss(Map<String, INDArray> placeholders) throws Exception {
        return Nd4jContext.call(() -> sd.output(placeholders, "loss").get("loss").getDouble(0));
    }

    /** dLoss/dparam for every trainable array, by name (W0, b0, ..., pairW, pairB). */
    Map<String, INDArray> gradients(Map<String, INDArray> placeholders) throws Exception {
        return Nd4jContext.call(() -> sd.calculateGradients(placeholders, params));
    }

    List<String> params() {
        return params;
    }

    INDArray param(String name) {
        return sd.getVariable(name).getArr();
    }

    /** One Adam step (Kingma & Ba; beta1 0.9, beta2 0.999, eps 1e-8) on every parameter; returns the loss before it. */
    double step(Map<String, INDArray> placeholders, double learningRate) throws Exception {
        return Nd4jContext.call(() -> {
            double loss = loss(placeholders);
            Map<String, INDArray> g = gradients(placeholders);
            step++;
            double b1 = 0.9, b2 = 0.999, c1 = 1 - Math.pow(b1, step), c2 = 1 - Math.pow(b2, step);
            for (String name : params) {
                INDArray p = param(name), grad = g.get(name);
                if (grad == null) // a parameter the loss does not reach in this batch
                    continue;
                INDArray[] mv = adam.computeIfAbsent(name, k -> new INDArray[] {Nd4j.zerosLike(p), Nd4j.zerosLike(p)});
                mv[0].muli(b1).addi(grad.mul(1 - b1));
                mv[1].muli(b2).addi(grad.mul(grad).muli(1 - b2));
                p.subi(mv[0].div(c1).muli(learningRate).divi(Transforms.sqrt(mv[1].div(c2)).addi(1e-8)));
            }
            return loss;
        });
    }

    /** Writes the trained values back into the head's arrays. */
    void copyInto(SiameseHead h) {
        for (int l = 0; l < h.weights.length; l++) {
            h.weights[l] = param("W" + l).toDoubleMatrix();
            h.biases[l] = param("b" + l).toDoubleVector();
        }
        if (h.pairWeights != null) {
            double[] w = param("pairW").toDoubleVector();
            System.arraycopy(w, 0, h.pairWeights, 0, w.length);
            h.pairBias = param("pairB").getDouble(0);
        }
    }

    SiameseHead head() {
        return head;
    }
}
