package convbench.compute.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliProgress;
import convbench.compute.ComputeJob;
import convbench.compute.ComputeListener;
import convbench.compute.ComputeService;
import convbench.compute.DeviceInfo;
import convbench.compute.JobContext;
import convbench.compute.JobHandle;
import convbench.compute.Metric;

/** The compute service as plugins see it: from the OSGi service registry, running ND4J from another bundle. */
class ComputeServiceIntegrationTest {
    private static ServiceTracker<ComputeService, ComputeService> computeTracker;
    private static ServiceTracker<CliCommand, CliCommand> commandTracker;
    private static ComputeService compute;

    @BeforeAll
    static void findService() throws InterruptedException {
        BundleContext ctx = FrameworkUtil.getBundle(ComputeServiceIntegrationTest.class).getBundleContext();
        computeTracker = new ServiceTracker<>(ctx, ComputeService.class, null);
        computeTracker.open();
        commandTracker = new ServiceTracker<>(ctx, CliCommand.class, null);
        commandTracker.open();
        compute = computeTracker.waitForService(30_000);
        assertNotNull(compute, "ComputeService is not registered: is Felix SCR started and convbench.compute resolved?");
    }

    @AfterAll
    static void close() {
        computeTracker.close();
        commandTracker.close();
    }

    /** A spike train detector: class 1 signals carry a sharp periodic spike that class 0 lacks. */
    static final class Conv1dTraining implements ComputeJob<Double> {
        @Override
        public String name() {
            return "integration test: Conv1D spike detector";
        }

        @Override
        public long memoryBytes() {
            return 256L << 20;
        }

        @Override
        public Double run(JobContext context) {
            int n = 512, length = 128;
            Random r = new Random(7);
            float[] x = new float[n * length];
            float[] y = new float[n * 2];
            for (int i = 0; i < n; i++) {
                int label = r.nextInt(2), period = 16 + r.nextInt(8), phase = r.nextInt(period);
                y[i * 2 + label] = 1;
                for (int t = 0; t < length; t++)
                    x[i * length + t] = (float) (Math.sin(0.2 * t + phase) + 0.3 * r.nextGaussian()
                            + (label == 1 && (t + phase) % period == 0 ? 2.5 : 0));
            }
            INDArray features = Nd4j.create(x, new long[] { n, 1, length }, 'c');
            INDArray labels = Nd4j.create(y, new long[] { n, 2 }, 'c');
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-2))
                    .weightInit(WeightInit.RELU).list()
                    .layer(new Convolution1DLayer.Builder().kernelSize(7).nOut(8).activation(Activation.RELU).build())
                    .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.recurrent(1, length, RNNFormat.NCW)).build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            int epochs = 6;
            java.util.List<org.nd4j.linalg.dataset.DataSet> batches = new org.nd4j.linalg.dataset.DataSet(features, labels).batchBy(32);
            for (int e = 0; e < epochs; e++) {
                for (org.nd4j.linalg.dataset.DataSet batch : batches) {
                    context.checkCancelled();
                    net.fit(batch);
                }
                context.metric("loss", e + 1, net.score());
                context.progress((e + 1.0) / epochs, "epoch " + (e + 1));
            }
            INDArray predicted = net.output(features).argMax(1);
            return predicted.eq(labels.argMax(1)).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue();
        }
    }

    @Test
    void trainsAConv1dFromAnotherBundleAndPublishesItsLoss() throws Exception {
        List<Metric> metrics = Collections.synchronizedList(new ArrayList<>());
        ComputeListener listener = new ComputeListener() {
            @Override
            public void metric(JobHandle<?> job, Metric metric) {
                metrics.add(metric);
            }
        };
        compute.addListener(listener);
        try {
            JobHandle<Double> handle = compute.submit(new Conv1dTraining());
            double accuracy = handle.result().get(5, TimeUnit.MINUTES);
            System.out.println("[compute.tests] Conv1D training accuracy " + accuracy + ", losses " + metrics);
            assertTrue(accuracy >= 0.9, "the spike detector should learn: accuracy " + accuracy);
            assertEquals(6, metrics.size());
            assertTrue(metrics.get(5).value() < metrics.get(0).value(), "loss should fall: " + metrics);
            assertTrue(compute.jobs().contains(handle));
        } finally {
            compute.removeListener(listener);
        }
    }

    @Test
    void reportsTheCpuBackendAndItsDevice() {
        DeviceInfo d = compute.device();
        assertEquals("CPU", d.backend());
        assertEquals(Runtime.getRuntime().availableProcessors(), d.cores());
        assertTrue(d.memoryBytes() > 1L << 30, "memory " + d.memoryBytes());
        assertTrue(d.nativeLibrary().contains("jnind4jcpu"), d.nativeLibrary());
    }

    @Test
    void theComputeCommandsAreRegisteredForTheCli() throws Exception {
        CliCommand info = null;
        List<String> names = new ArrayList<>();
        for (CliCommand c : commandTracker.getServices(new CliCommand[0])) {
            names.add(c.area() + " " + c.action());
            if (c.area().equals("compute") && c.action().equals("info"))
                info = c;
        }
        assertTrue(names.containsAll(List.of("compute info", "compute selftest")), names.toString());
        Object json = info.run(CliArgs.parse(List.of("--json"), java.util.Set.of("json")), CliProgress.NONE).json();
        assertEquals("CPU", ((DeviceInfo) json).backend());
    }
}
