package convbench.units.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;
import java.util.function.IntFunction;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.core.data.Example;
import convbench.core.data.ExampleSource;
import convbench.core.units.UnitExplorer;
import convbench.core.units.UnitPatch;
import convbench.core.units.UnitReport;
import convbench.units.ui.UnitExplorerInput;

/**
 * One exploration on the device lane: the scan (progress per example read, also to {@code progress} for the view's
 * own bar; cancel between batches), then the tiles.
 */
record ExploreJob(UnitExplorerInput input, IntFunction<String> names, String layer, int unit, int k, DoubleConsumer progress)
        implements ComputeJob<Explored> {
    static final int BATCH = 32;

    @Override
    public String name() {
        return "Explore unit " + unit + " of " + layer + " (" + input.title() + ")";
    }

    @Override
    public Lane lane() {
        return Lane.DEVICE;
    }

    @Override
    public long memoryBytes() {
        long example = 4;
        for (int s : input.data().featureShape())
            example *= s;
        // a batch's activations through the stack: a few dozen times the input batch, plus ND4J's workspaces
        return (128L << 20) + 64L * BATCH * example;
    }

    @Override
    public Explored run(JobContext context) {
        ExampleSource data = input.data();
        int size = data.size();
        AtomicInteger read = new AtomicInteger();
        ExampleSource counted = new ExampleSource() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Example get(int index) {
                int n = read.incrementAndGet();
                if (n % 8 == 0 && n <= size) {
                    context.progress(0.95 * n / size, "scanned " + n + " of " + size + " examples");
                    progress.accept((double) n / size);
                }
                return data.get(index);
            }

            @Override
            public int[] featureShape() {
                return data.featureShape();
            }
        };
        context.progress(0, "scanning " + size + " examples");
        long t0 = System.nanoTime();
        UnitReport r = input.probe() != null
                ? UnitExplorer.explore(input.probe(), counted, layer, unit, k, BATCH, context::isCancelled)
                : UnitExplorer.explore(input.model(), counted, layer, unit, k, BATCH, context::isCancelled);
        double seconds = (System.nanoTime() - t0) / 1e9;
        context.progress(0.97, "preparing " + r.top().size() + " patches");
        boolean volume = r.inputShape().length == 4;
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        List<Explored.Tile> tiles = new ArrayList<>();
        for (UnitPatch p : r.top()) {
            float[] patch = floats(p.patch());
            float[] whole = volume ? null : floats(data.get(p.example()).features());
            for (float[] values : new float[][] { patch, whole == null ? patch : whole })
                for (float v : values) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            int[] shape = ExampleSource.toInt(p.patch().shape());
            tiles.add(new Explored.Tile(p.example(), names.apply(p.example()), p.activation(), p.position(), p.start(),
                    p.end(), shape, patch, whole));
        }
        return new Explored(r.layer(), r.unit(), r.scanned(), r.inputShape(), tiles, lo, hi, seconds);
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
