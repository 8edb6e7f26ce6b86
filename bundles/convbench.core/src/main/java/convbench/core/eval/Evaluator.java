package convbench.core.eval;

import convbench.core.data.BatchIterator;
import convbench.core.data.ExampleSource;
import convbench.core.model.Networks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Runs a network over labelled examples and collects an {@link EvaluationReport}: per-example classification
 * (confusion matrix and ROC curves from the output probabilities) or, for per-position outputs, per-voxel confusion
 * and Dice/IoU.
 */
public final class Evaluator {
    private Evaluator() {
    }

    public static EvaluationReport evaluate(Model net, ExampleSource data, int batchSize, List<String> classNames) {
        return evaluate(net, data, batchSize, classNames, () -> false);
    }

    /** @param cancelled checked between batches; evaluation stops with a CancellationException */
    public static EvaluationReport evaluate(Model net, ExampleSource data, int batchSize, List<String> classNames,
            BooleanSupplier cancelled) {
        ConfusionMatrix cm = null;
        SegmentationMetrics seg = null;
        List<double[]> scores = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        BatchIterator it = BatchIterator.sequential(data, batchSize);
        while (it.hasNext()) {
            if (cancelled.getAsBoolean())
                throw new java.util.concurrent.CancellationException("evaluation cancelled");
            DataSet batch = it.next();
            if (batch.getLabels() == null)
                throw new IllegalArgumentException("evaluation needs labelled examples");
            INDArray out = Networks.output(net, batch.getFeatures());
            int k = (int) Math.max(2, out.size(1));
            if (cm == null)
                cm = classNames == null || classNames.isEmpty() ? ConfusionMatrix.ofClasses(k) : new ConfusionMatrix(classNames);
            cm.add(batch.getLabels(), out);
            if (out.rank() > 2) {
                if (seg == null)
                    seg = new SegmentationMetrics(k);
                seg.add(batch.getLabels(), out);
            } else {
                int[] actual = Classes.argMax(batch.getLabels());
                double[][] p = out.castTo(DataType.DOUBLE).toDoubleMatrix();
                for (int i = 0; i < actual.length; i++) {
                    // a single sigmoid unit scores class 1; class 0 gets the complement
                    scores.add(p[i].length == 1 ? new double[] {1 - p[i][0], p[i][0]} : p[i]);
                    labels.add(actual[i]);
                }
            }
        }
        if (cm == null)
            throw new IllegalArgumentException("no examples to evaluate");
        List<Roc> rocs = List.of();
        if (!scores.isEmpty())
            rocs = Roc.oneVsRest(scores.toArray(new double[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
        return new EvaluationReport(cm, rocs, seg);
    }
}
