package convbench.compute.selftest;

import java.util.List;
import java.util.function.BiConsumer;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;

/** The self-test as a device job; the menu action and the CLI both submit it. */
public final class SelfTestJob implements ComputeJob<List<SelfTest.NetResult>> {
    private final BiConsumer<Double, String> progress;

    public SelfTestJob(BiConsumer<Double, String> progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return "Compute self-test (1D, 2D, 3D convnets)";
    }

    @Override
    public long memoryBytes() {
        return SelfTest.MEMORY_BYTES;
    }

    @Override
    public List<SelfTest.NetResult> run(JobContext context) {
        return SelfTest.run(new JobContext() {
            @Override
            public void progress(double fraction, String message) {
                context.progress(fraction, message);
                progress.accept(fraction, message);
            }

            @Override
            public boolean isCancelled() {
                return context.isCancelled();
            }

            @Override
            public void metric(String name, long step, double value) {
                context.metric(name, step, value);
            }
        });
    }
}
