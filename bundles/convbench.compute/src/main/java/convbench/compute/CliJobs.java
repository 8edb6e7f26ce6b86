package convbench.compute;

import convbench.cli.api.CliProgress;
import convbench.dl4j.Nd4jContext;
import java.util.concurrent.ExecutionException;

/**
 * How a CLI command runs a compute job: on the compute service when it is there (so the CLI and the workbench share
 * one queue and memory check), otherwise in the calling thread with a context that reports to the CLI (unit tests,
 * a plain JVM). Either way the job's own exception comes out, not an ExecutionException around it.
 */
public final class CliJobs {
    private CliJobs() {
    }

    /** @param service the compute service, or null to run {@code job} in this thread */
    public static <T> T run(ComputeService service, ComputeJob<T> job, CliProgress progress) throws Exception {
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

    /** A job context in the calling thread: progress to the CLI, no metrics, cancelled by interruption. */
    public static JobContext context(CliProgress progress) {
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
}
