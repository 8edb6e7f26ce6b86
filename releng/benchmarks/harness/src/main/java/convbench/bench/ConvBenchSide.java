package convbench.bench;

import convbench.core.spec.NetworkBuilder;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A reference net as ConvBench builds it ({@link NetworkBuilder}: the DL4J network every plugin trains), with Adam
 * at 1e-3 as on the TensorFlow side, and one training or inference step on the fixed batch.
 */
final class ConvBenchSide implements AutoCloseable {
    private final Model net;
    private final INDArray features, labels;

    ConvBenchSide(BenchNet n, long seed) {
        net = NetworkBuilder.build(n.spec(), new Adam(1e-3));
        SyntheticData d = SyntheticData.of(n, seed);
        features = Nd4j.create(d.features(), d.example().batchShape(d.batch()), 'c');
        labels = Nd4j.create(d.oneHot(), new long[] {d.batch(), d.classes()}, 'c');
        if (features.dataType() != DataType.FLOAT)
            throw new IllegalStateException("the benchmark batch must be float32");
    }

    long params() {
        return net.numParams();
    }

    /** Forward, backward, Adam update; returns the loss (the score DL4J computes during fit). */
    double trainStep() {
        if (net instanceof MultiLayerNetwork m) {
            m.fit(features, labels);
            return m.score();
        }
        ComputationGraph g = (ComputationGraph) net;
        g.fit(new INDArray[] {features}, new INDArray[] {labels});
        return g.score();
    }

    /** Class probabilities of the batch (inference mode: running batch-norm statistics, no dropout); their shape. */
    long[] infer() {
        INDArray out = net instanceof MultiLayerNetwork m ? m.output(features, false)
                : ((ComputationGraph) net).outputSingle(false, features);
        return out.shape();
    }

    @Override
    public void close() {
        features.close();
        labels.close();
    }
}
