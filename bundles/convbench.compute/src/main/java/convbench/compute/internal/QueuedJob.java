package convbench.compute.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.JobHandle;
import convbench.compute.JobState;
import convbench.compute.Lane;
import convbench.compute.Metric;

/** A job in the {@link JobQueue}: its handle for callers and its context for the running body. */
final class QueuedJob<T> implements JobHandle<T>, JobContext {
    private final long id;
    private final ComputeJob<T> job;
    private final int slots;
    private final JobQueue queue;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private volatile JobState state = JobState.QUEUED;
    private volatile double progress;
    private volatile String message = "queued";
    private volatile boolean cancelled;

    QueuedJob(long id, ComputeJob<T> job, int slots, JobQueue queue) {
        this.id = id;
        this.job = job;
        this.slots = slots;
        this.queue = queue;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String name() {
        return job.name();
    }

    @Override
    public Lane lane() {
        return job.lane();
    }

    @Override
    public long memoryBytes() {
        return job.memoryBytes();
    }

    int slots() {
        return slots;
    }

    @Override
    public JobState state() {
        return state;
    }

    @Override
    public double progress() {
        return progress;
    }

    @Override
    public String message() {
        return message;
    }

    @Override
    public CompletableFuture<T> result() {
        return result;
    }

    @Override
    public void cancel() {
        cancelled = true;
        if (state == JobState.QUEUED)
            queue.withdraw(this);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void progress(double fraction, String text) {
        progress = Math.max(0, Math.min(1, fraction));
        if (text != null)
            message = text;
        queue.fireChanged(this);
    }

    @Override
    public void metric(String name, long step, double value) {
        queue.fireMetric(this, new Metric(name, step, value));
    }

    void markRunning() {
        state = JobState.RUNNING;
        message = "running";
    }

    Object runBody() throws Exception {
        checkCancelled();
        return job.run(this);
    }

    @SuppressWarnings("unchecked")
    void complete(Object value) {
        state = JobState.DONE;
        progress = 1;
        message = "done";
        result.complete((T) value);
    }

    void fail(Throwable failure) {
        if (failure instanceof CancellationException || cancelled) {
            finishCancelled();
            return;
        }
        state = JobState.FAILED;
        message = String.valueOf(failure.getMessage() != null ? failure.getMessage() : failure);
        result.completeExceptionally(failure);
    }

    void finishCancelled() {
        state = JobState.CANCELLED;
        message = "cancelled";
        result.completeExceptionally(new CancellationException(name() + " was cancelled"));
    }

    @Override
    public String toString() {
        return "#" + id + " " + name() + " [" + state + "]";
    }
}
