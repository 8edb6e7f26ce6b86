package convbench.compute.selftest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling3DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import convbench.compute.JobContext;

/**
 * The compute self-test: trains a small 1D, 2D and 3D convnet on a task with a known answer (is there a bright
 * blob somewhere in the noise?) and measures training throughput and held-out accuracy. Throughput counts the
 * epochs after the first, which pays for native warm-up.
 */
public final class SelfTest {
    public record NetResult(String name, double examplesPerSecond, double accuracy, int examples, int epochs,
            double seconds) {
    }

    public record Result(String backend, String device, List<NetResult> nets) {
    }

    private static final int BATCH = 32;

    /** The three nets: name, spatial shape, training examples, epochs. */
    enum Net {
        CONV1D("conv1d", new int[] { 256 }, 1024, 4),
        CONV2D("conv2d", new int[] { 32, 32 }, 768, 4),
        CONV3D("conv3d", new int[] { 16, 16, 16 }, 384, 4);

        final String label;
        final int[] shape;
        final int examples;
        final int epochs;

        Net(String label, int[] shape, int examples, int epochs) {
            this.label = label;
            this.shape = shape;
            this.examples = examples;
            this.epochs = epochs;
        }
    }

    private SelfTest() {
    }

    /** Rough peak memory of the self-test: tiny nets, a few MB of data; ND4J workspaces dominate. */
    public static final long MEMORY_BYTES = 512L << 20;

    public static List<NetResult> run(JobContext ctx) {
        List<NetResult> results = new ArrayList<>();
        Net[] nets = Net.values();
        for (int i = 0; i < nets.length; i++) {
            final int index = i;
            results.add(train(nets[i], ctx, (f, msg) -> ctx.progress((index + f) / nets.length, msg)));
        }
        return results;
    }

    interface Progress {
        void report(double fraction, String message);
    }

    static NetResult train(Net net, JobContext ctx, Progress progress) {
        Random random = new Random(42);
        INDArray[] train = blobs(net.shape, net.examples, random);
        INDArray[] test = blobs(net.shape, 256, random);
        MultiLayerNetwork model = new MultiLayerNetwork(config(net));
        model.init();
        long timedStart = 0;
        int timedExamples = 0;
        long iteration = 0;
        for (int epoch = 0; epoch < net.epochs; epoch++) {
            if (epoch == 1)
                timedStart = System.nanoTime();
            for (int from = 0; from < net.examples; from += BATCH) {
                ctx.checkCancelled();
                int to = Math.min(net.examples, from + BATCH);
                model.fit(rows(train[0], from, to), rows(train[1], from, to));
                ctx.metric(net.label + " loss", ++iteration, model.score());
                if (epoch >= 1)
                    timedExamples += to - from;
            }
            progress.report((epoch + 1.0) / net.epochs,
                    String.format("%s epoch %d/%d loss %.4f", net.label, epoch + 1, net.epochs, model.score()));
        }
        double seconds = (System.nanoTime() - timedStart) / 1e9;
        INDArray predicted = model.output(test[0]).argMax(1);
        INDArray truth = test[1].argMax(1);
        double accuracy = predicted.eq(truth).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber()
                .doubleValue();
        return new NetResult(net.label, timedExamples / seconds, accuracy, net.examples, net.epochs, seconds);
    }

    /** Rows [from, to) of an array of any rank: DataSet.merge and its iterators reject rank-5 (3D) arrays in M2.1. */
    static INDArray rows(INDArray a, int from, int to) {
        INDArrayIndex[] index = new INDArrayIndex[a.rank()];
        Arrays.fill(index, NDArrayIndex.all());
        index[0] = NDArrayIndex.interval(from, to);
        return a.get(index);
    }

    /** Noise, plus (for class 1) a bright blob of edge 3 at a random place: features [n,1,shape...], one-hot labels. */
    static INDArray[] blobs(int[] shape, int n, Random random) {
        int size = 1;
        for (int s : shape)
            size *= s;
        float[] data = new float[n * size];
        float[] labels = new float[n * 2];
        int[] position = new int[shape.length];
        for (int i = 0; i < n; i++) {
            int y = random.nextInt(2);
            labels[i * 2 + y] = 1;
            for (int v = 0; v < size; v++)
                data[i * size + v] = (float) random.nextGaussian() * 0.5f;
            if (y == 1) {
                for (int d = 0; d < shape.length; d++)
                    position[d] = random.nextInt(shape[d] - 3);
                addBlob(data, i * size, shape, position, 0, 0);
            }
        }
        long[] featureShape = new long[shape.length + 2];
        featureShape[0] = n;
        featureShape[1] = 1;
        for (int d = 0; d < shape.length; d++)
            featureShape[d + 2] = shape[d];
        return new INDArray[] { Nd4j.create(data, featureShape, 'c'), Nd4j.create(labels, new long[] { n, 2 }, 'c') };
    }

    private static void addBlob(float[] data, int offset, int[] shape, int[] position, int dim, int linear) {
        if (dim == shape.length) {
            data[offset + linear] += 2f;
            return;
        }
        for (int k = 0; k < 3; k++)
            addBlob(data, offset, shape, position, dim + 1, linear * shape[dim] + position[dim] + k);
    }

    static MultiLayerConfiguration config(Net net) {
        ListBuilder list = new NeuralNetConfiguration.Builder().seed(42).updater(new Adam(3e-3))
                .weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Same).list();
        switch (net) {
            case CONV1D -> list.layer(new Convolution1DLayer.Builder().kernelSize(5).nOut(8).activation(Activation.RELU).build())
                    .layer(new Subsampling1DLayer.Builder(PoolingType.MAX).kernelSize(2).stride(2).build())
                    .layer(new Convolution1DLayer.Builder().kernelSize(5).nOut(16).activation(Activation.RELU).build())
                    .setInputType(InputType.recurrent(1, net.shape[0], RNNFormat.NCW));
            case CONV2D -> list.layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build())
                    .setInputType(InputType.convolutional(net.shape[0], net.shape[1], 1));
            case CONV3D -> list.layer(new Convolution3D.Builder().kernelSize(3, 3, 3).nOut(8).activation(Activation.RELU).build())
                    .layer(new Subsampling3DLayer.Builder(PoolingType.MAX).kernelSize(2, 2, 2).stride(2, 2, 2).build())
                    .layer(new Convolution3D.Builder().kernelSize(3, 3, 3).nOut(16).activation(Activation.RELU).build())
                    .setInputType(InputType.convolutional3D(Convolution3D.DataFormat.NCDHW, net.shape[0], net.shape[1],
                            net.shape[2], 1));
        }
        return list.layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX)
                        .build())
                .build();
    }
}
