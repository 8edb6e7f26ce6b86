package convbench.compute.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import convbench.compute.ComputeJob;
import convbench.compute.ComputeListener;
import convbench.compute.JobHandle;
import convbench.compute.JobRefusedException;
import convbench.compute.Lane;
import convbench.compute.Metric;

/**
 * The compute service's queue, free of ND4J so it can be tested alone. Jobs start in submission order within each
 * lane (no overtaking): the device lane runs one job at a time; the CPU lane runs jobs while their thread slots and
 * memory estimates fit. A job whose estimate exceeds its lane's capacity is refused at submission.
 */
public final class JobQueue {
    /** Wraps device-lane work, e.g. to give it ND4J's class loader. */
    public interface DeviceWrapper {
        Object call(java.util.concurrent.Callable<Object> body) throws Exception;
    }

    private static final int HISTORY = 50;

    private final int cpuSlots;
    private volatile long deviceCapacity;
    private final long cpuCapacity;
    private final DeviceWrapper deviceWrapper;
    private final ExecutorService threads;
    private final AtomicLong ids = new AtomicLong();
    private final List<ComputeListener> listeners = new CopyOnWriteArrayList<>();

    private final Object lock = new Object();
    private final ArrayDeque<QueuedJob<?>> waiting = new ArrayDeque<>();
    private final List<QueuedJob<?>> running = new ArrayList<>();
    private final ArrayDeque<QueuedJob<?>> finished = new ArrayDeque<>();

    public JobQueue(int cpuSlots, long deviceCapacity, long cpuCapacity, DeviceWrapper deviceWrapper) {
        this.cpuSlots = Math.max(1, cpuSlots);
        this.deviceCapacity = deviceCapacity;
        this.cpuCapacity = cpuCapacity;
        this.deviceWrapper = deviceWrapper;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "convbench-compute-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public <T> JobHandle<T> submit(ComputeJob<T> job) {
        long capacity = capacity(job.lane());
        if (job.memoryBytes() > capacity)
            throw new JobRefusedException(String.format(
                    "'%s' needs an estimated %s but the %s lane offers %s: use a smaller batch, patch or image size",
                    job.name(), Memory.human(job.memoryBytes()), job.lane().name().toLowerCase(),
                    Memory.human(capacity)));
        QueuedJob<T> q = new QueuedJob<>(ids.incrementAndGet(), job, Math.min(Math.max(1, job.threads()), cpuSlots),
                this);
        synchronized (lock) {
            waiting.add(q);
        }
        fireChanged(q);
        dispatch();
        return q;
    }

    public List<JobHandle<?>> jobs() {
        synchronized (lock) {
            List<JobHandle<?>> all = new ArrayList<>(finished);
            all.addAll(running);
            all.addAll(waiting);
            all.sort((a, b) -> Long.compare(a.id(), b.id()));
            return all;
        }
    }

    public void addListener(ComputeListener l) {
        listeners.add(l);
    }

    public void removeListener(ComputeListener l) {
        listeners.remove(l);
    }

    public void shutdown() {
        synchronized (lock) {
            for (QueuedJob<?> q : new ArrayList<>(waiting))
                q.cancel();
            for (QueuedJob<?> q : running)
                q.cancel();
        }
        threads.shutdown();
    }

    /** The device lane's size is known only once ND4J has started and named its device. */
    public void setDeviceCapacity(long bytes) {
        deviceCapacity = bytes;
        dispatch();
    }

    long capacity(Lane lane) {
        return lane == Lane.DEVICE ? deviceCapacity : cpuCapacity;
    }

    /** Called by a queued job that was cancelled before it started. */
    void withdraw(QueuedJob<?> q) {
        boolean removed;
        synchronized (lock) {
            removed = waiting.remove(q);
            if (removed)
                remember(q);
        }
        if (removed) {
            q.finishCancelled();
            fireChanged(q);
            dispatch();
        }
    }

    private void dispatch() {
        List<QueuedJob<?>> toStart = new ArrayList<>();
        synchronized (lock) {
            boolean deviceBusy = running.stream().anyMatch(r -> r.lane() == Lane.DEVICE);
            int cpuUsed = running.stream().filter(r -> r.lane() == Lane.CPU).mapToInt(QueuedJob::slots).sum();
            long cpuMemory = running.stream().filter(r -> r.lane() == Lane.CPU).mapToLong(QueuedJob::memoryBytes).sum();
            boolean deviceHeadSeen = false, cpuHeadBlocked = false;
            for (Iterator<QueuedJob<?>> it = waiting.iterator(); it.hasNext();) {
                QueuedJob<?> q = it.next();
                if (q.lane() == Lane.DEVICE) {
                    // only the oldest waiting device job may start, and only when the device is free
                    if (!deviceHeadSeen && !deviceBusy) {
                        it.remove();
                        running.add(q);
                        toStart.add(q);
                        deviceBusy = true;
                    }
                    deviceHeadSeen = true;
                } else if (!cpuHeadBlocked) {
                    if (cpuUsed + q.slots() <= cpuSlots && cpuMemory + q.memoryBytes() <= cpuCapacity) {
                        it.remove();
                        running.add(q);
                        toStart.add(q);
                        cpuUsed += q.slots();
                        cpuMemory += q.memoryBytes();
                    } else {
                        cpuHeadBlocked = true; // keep submission order: later CPU jobs wait behind this one
                    }
                }
            }
        }
        for (QueuedJob<?> q : toStart)
            threads.execute(() -> execute(q));
    }

    private void execute(QueuedJob<?> q) {
        q.markRunning();
        fireChanged(q);
        try {
            Object value = q.lane() == Lane.DEVICE ? deviceWrapper.call(q::runBody) : q.runBody();
            q.complete(value);
        } catch (Throwable t) {
            q.fail(t);
        }
        synchronized (lock) {
            running.remove(q);
            remember(q);
        }
        fireChanged(q);
        dispatch();
    }

    private void remember(QueuedJob<?> q) {
        finished.add(q);
        while (finished.size() > HISTORY)
            finished.removeFirst();
    }

    void fireChanged(QueuedJob<?> q) {
        for (ComputeListener l : listeners)
            l.jobChanged(q);
    }

    void fireMetric(QueuedJob<?> q, Metric m) {
        for (ComputeListener l : listeners)
            l.metric(q, m);
    }

    /** For tests and the Compute view: the state counts at a glance. */
    public String summary() {
        synchronized (lock) {
            return waiting.size() + " queued, " + running.size() + " running";
        }
    }
}
