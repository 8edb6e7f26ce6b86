package convbench.ct.internal;

import convbench.cli.api.CliProgress;
import convbench.compute.ComputeJob;
import convbench.compute.ComputeService;
import convbench.compute.JobContext;
import convbench.compute.JobHandle;
import convbench.dl4j.Nd4jContext;
import java.util.concurrent.ExecutionException;

/** Runs a ct job on the compute service when it is there, otherwise in the calling thread (tests, plain JVM). */
final class CtJobs {
    private CtJobs() {
    }

    /** A job context in the calling thread: progress to the CLI, cancelled by interruption. */
    static JobContext context(CliProgress progress) {
        return new JobContext() {
            @Override
            public void progress(double fraction, String message) {
                progress.report(fraction, message);
            }

            @Override
            public boolean isCancelled() {
                return Thread.currentThread().isInterrupted();
            }

            @Override
            public void metric(String name, long step, double value) {
            }
        };
    }

    static <T> T run(ComputeService service, ComputeJob<T> job, CliProgress progress) throws Exception {
        if (service == null)
            return Nd4jContext.call(() -> job.run(context(progress)));
        JobHandle<T> h = service.submit(job);
        try {
            return h.result().get();
        } catch (InterruptedException e) {
            h.cancel();
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }
}
