package convbench.compute.ui;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import convbench.compute.ComputeJob;
import convbench.compute.ComputeService;
import convbench.compute.JobHandle;
import convbench.compute.JobRefusedException;

/**
 * How UI bundles run work on the compute service: an Eclipse Job (Progress view, status line, cancel button)
 * that submits a {@link ComputeJob}, mirrors its progress and passes a cancel on. Failures come back as an error
 * status, which the workbench shows in a dialog and writes to the Error Log.
 */
public final class ComputeUi {
    private static final String PLUGIN = "convbench.compute.ui";
    private static ServiceTracker<ComputeService, ComputeService> tracker;

    private ComputeUi() {
    }

    /** The compute service; waits up to 10 s for it while the platform starts. */
    public static synchronized ComputeService service() {
        if (tracker == null) {
            Bundle bundle = FrameworkUtil.getBundle(ComputeUi.class);
            tracker = new ServiceTracker<>(bundle.getBundleContext(), ComputeService.class, null);
            tracker.open();
        }
        try {
            ComputeService s = tracker.waitForService(10_000);
            if (s == null)
                throw new IllegalStateException("The ConvBench compute service is not available (bundle convbench.compute not started)");
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the compute service", e);
        }
    }

    /**
     * Runs {@code work} on the compute service from a user-visible Eclipse Job.
     *
     * @param onDone receives the result on the UI thread
     */
    public static <T> Job schedule(ComputeJob<T> work, Consumer<T> onDone) {
        Job job = new Job(work.name()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(work.name(), 1000);
                JobHandle<T> handle;
                try {
                    handle = service().submit(work);
                } catch (JobRefusedException | IllegalStateException e) {
                    return Status.error(e.getMessage(), e);
                }
                int reported = 0;
                while (true) {
                    if (monitor.isCanceled())
                        handle.cancel();
                    try {
                        T value = handle.result().get(100, TimeUnit.MILLISECONDS);
                        monitor.done();
                        Display display = Display.getDefault();
                        display.asyncExec(() -> onDone.accept(value));
                        return Status.OK_STATUS;
                    } catch (TimeoutException e) {
                        int now = (int) (handle.progress() * 1000);
                        if (now > reported) {
                            monitor.worked(now - reported);
                            reported = now;
                        }
                        monitor.subTask(handle.message());
                    } catch (CancellationException e) {
                        return Status.CANCEL_STATUS;
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause() == null ? e : e.getCause();
                        return Status.error(work.name() + " failed: " + (cause.getMessage() != null ? cause.getMessage() : cause), cause);
                    } catch (InterruptedException e) {
                        handle.cancel();
                        Thread.currentThread().interrupt();
                        return Status.CANCEL_STATUS;
                    }
                }
            }
        };
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** Plugin id for statuses. */
    public static String pluginId() {
        return PLUGIN;
    }
}
