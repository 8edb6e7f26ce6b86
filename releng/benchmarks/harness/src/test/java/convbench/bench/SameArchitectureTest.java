package convbench.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import convbench.bench.WorkerProtocol.Measurement;
import convbench.core.spec.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark compares like with like: for every reference net, ConvBench's DL4J network and the TensorFlow graph
 * the worker builds from the same spec have the parameter count the spec implies and the same output shape, and one
 * training step runs on each (the worker checks its loss is finite).
 */
class SameArchitectureTest {
    @Test
    void convBenchAndTensorFlowBuildTheSameReferenceNets() throws Exception {
        List<BenchNet> nets = ReferenceNets.all();
        WorkerProtocol.Response tf = TensorFlowSide.fromSystemProperty(2).run("describe", nets, BenchMain.SEED,
                Timing.quick());
        for (BenchNet net : nets) {
            SpecCost cost = SpecCost.of(net.spec());
            try (ConvBenchSide cb = new ConvBenchSide(net, BenchMain.SEED)) {
                assertEquals(cost.params(), cb.params(), net.name() + ": ConvBench parameters");
                long[] shape = cb.infer();
                assertArrayEquals(new long[] {net.batch(), net.classes()}, shape, net.name() + ": ConvBench output");
                for (String mode : List.of("train", "infer")) {
                    Measurement m = TensorFlowSide.find(tf, net.name(), mode);
                    assertEquals(cost.params(), m.params(), net.name() + " " + mode + ": TensorFlow parameters");
                    assertArrayEquals(shape, m.outputShape(), net.name() + " " + mode + ": TensorFlow output");
                    BenchMain.checkSameArchitecture(net, cost, cb.params(), shape, m);
                }
                assertEquals(true, Double.isFinite(cb.trainStep()), net.name() + ": ConvBench training loss");
            }
        }
    }

    @Test
    void aParameterMismatchStopsTheBenchmark() {
        BenchNet net = ReferenceNets.patch3d();
        SpecCost cost = SpecCost.of(net.spec());
        Measurement tf = new Measurement(net.name(), "train", 1, new double[] {1}, 1, cost.params() - 8,
                new long[] {net.batch(), 2});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BenchMain.checkSameArchitecture(net, cost, cost.params(), new long[] {net.batch(), 2}, tf));
        assertEquals(true, e.getMessage().contains("parameter counts differ"), e.getMessage());
    }

    /**
     * The EKG classifier by hand: input [9, 126] (2 waveform + 7 RR channels); "same" convolutions 16/32/32 with
     * batch norm (4 values per channel); pools 126 -> 63 -> 31 -> 15; dense 64; 5 classes.
     */
    @Test
    void costOfTheEkgClassifierMatchesAHandCount() {
        SpecCost c = SpecCost.of(ReferenceNets.ekg().spec());
        long params = (7 * 9 * 16 + 16) + 4 * 16 + (5 * 16 * 32 + 32) + 4 * 32 + (3 * 32 * 32 + 32) + 4 * 32
                + (15 * 32 * 64 + 64) + (64 * 5 + 5);
        long macs = 126L * 16 * 7 * 9 + 63L * 32 * 5 * 16 + 31L * 32 * 3 * 32 + 15 * 32 * 64 + 64 * 5;
        assertEquals(params, c.params());
        assertEquals(macs, c.forwardMacs());
        assertEquals(6.0 * macs, c.flopsPerExample(true));
    }

    @Test
    void channelsLastMovesTheChannelAxisLast() {
        // two examples of 2 channels x 3 positions: value = 100 n + 10 c + p
        float[] x = new float[12];
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 2; c++)
                for (int p = 0; p < 3; p++)
                    x[n * 6 + c * 3 + p] = 100 * n + 10 * c + p;
        SyntheticData d = new SyntheticData(Shape.of(2, 3), 2, 2, x, new int[] {0, 1});
        assertArrayEquals(new float[] {0, 10, 1, 11, 2, 12, 100, 110, 101, 111, 102, 112}, d.channelsLast());
        assertArrayEquals(new float[] {1, 0, 0, 1}, d.oneHot());
    }
}
