package convbench.core.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** The few operations ConvBench needs on either kind of DL4J network (single input, single output). */
public final class Networks {
    public static final String MULTI_LAYER = "MultiLayerNetwork";
    public static final String GRAPH = "ComputationGraph";

    private Networks() {
    }

    public static String type(Model net) {
        if (net instanceof MultiLayerNetwork)
            return MULTI_LAYER;
        if (net instanceof ComputationGraph)
            return GRAPH;
        throw new IllegalArgumentException("unsupported network type " + net.getClass().getName());
    }

    /** Inference (dropout off, batch norm uses its running statistics). */
    public static INDArray output(Model net, INDArray features) {
        if (net instanceof MultiLayerNetwork m)
            return m.output(features, false);
        ComputationGraph g = graph(net);
        return g.outputSingle(false, features);
    }

    public static void fit(Model net, DataSet batch) {
        if (net instanceof MultiLayerNetwork m)
            m.fit(batch);
        else
            graph(net).fit(batch);
    }

    /** Loss of a batch without training (regularisation included as in training). */
    public static double score(Model net, DataSet batch) {
        if (net instanceof MultiLayerNetwork m)
            return m.score(batch, false);
        return graph(net).score(batch, false);
    }

    public static void setLearningRate(Model net, double lr) {
        if (net instanceof MultiLayerNetwork m)
            m.setLearningRate(lr);
        else
            graph(net).setLearningRate(lr);
    }

    public static int epochCount(Model net) {
        if (net instanceof MultiLayerNetwork m)
            return m.getLayerWiseConfigurations().getEpochCount();
        return graph(net).getConfiguration().getEpochCount();
    }

    /** Adam's bias correction and epoch-based schedules read these counters; resuming must restore them. */
    public static void setEpochCount(Model net, int epochs) {
        if (net instanceof MultiLayerNetwork m)
            m.getLayerWiseConfigurations().setEpochCount(epochs);
        else
            graph(net).getConfiguration().setEpochCount(epochs);
    }

    public static int iterationCount(Model net) {
        if (net instanceof MultiLayerNetwork m)
            return m.getLayerWiseConfigurations().getIterationCount();
        return graph(net).getConfiguration().getIterationCount();
    }

    private static ComputationGraph graph(Model net) {
        if (net instanceof ComputationGraph g) {
            if (g.getNumInputArrays() != 1 || g.getNumOutputArrays() != 1)
                throw new IllegalArgumentException("graph with " + g.getNumInputArrays() + " inputs and "
                        + g.getNumOutputArrays() + " outputs: ConvBench handles one input and one output");
            return g;
        }
        throw new IllegalArgumentException("unsupported network type " + net.getClass().getName());
    }
}
