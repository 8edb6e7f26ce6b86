package convbench.compute.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import convbench.compute.ComputeJob;
import convbench.compute.ComputeListener;
import convbench.compute.JobContext;
import convbench.compute.JobHandle;
import convbench.compute.JobRefusedException;
import convbench.compute.JobState;
import convbench.compute.Lane;
import convbench.compute.Metric;

class JobQueueTest {
    private static final long GIB = 1L << 30;
    private final JobQueue queue = new JobQueue(2, 8 * GIB, 4 * GIB, body -> body.call());

    @AfterEach
    void stop() {
        queue.shutdown();
    }

    /** A job that records its start, then waits for the gate (so the test controls overlap). */
    private record GatedJob(String name, Lane lane, int threads, long memoryBytes, List<String> log,
            CountDownLatch gate, AtomicInteger concurrent, AtomicInteger peak) implements ComputeJob<String> {
        @Override
        public String run(JobContext context) throws Exception {
            int now = concurrent.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            log.add(name);
            try {
                while (!gate.await(5, TimeUnit.MILLISECONDS))
                    context.checkCancelled();
                context.metric("loss", 1, 0.5);
                return name + " done";
            } finally {
                concurrent.decrementAndGet();
            }
        }
    }

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger concurrent = new AtomicInteger(), peak = new AtomicInteger();

    private GatedJob job(String name, Lane lane, int threads, long bytes, CountDownLatch gate) {
        return new GatedJob(name, lane, threads, bytes, log, gate, concurrent, peak);
    }

    @Test
    void deviceJobsRunOneAtATimeInSubmissionOrder() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        List<JobHandle<String>> handles = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e"))
            handles.add(queue.submit(job(name, Lane.DEVICE, 1, GIB, open)));
        for (JobHandle<String> h : handles)
            assertEquals(h.name() + " done", h.result().get(10, TimeUnit.SECONDS));
        assertEquals(List.of("a", "b", "c", "d", "e"), log);
        assertEquals(1, peak.get(), "device jobs overlapped");
    }

    @Test
    void cpuJobsShareTheCoresButNeverExceedThem() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<JobHandle<String>> handles = new ArrayList<>();
        for (String name : List.of("a", "b", "c"))
            handles.add(queue.submit(job(name, Lane.CPU, 1, GIB / 4, gate)));
        waitFor(() -> log.size() == 2);
        Thread.sleep(50);
        assertEquals(java.util.Set.of("a", "b"), java.util.Set.copyOf(log), "only two slots: the third must wait");
        assertEquals(JobState.QUEUED, handles.get(2).state());
        gate.countDown();
        for (JobHandle<String> h : handles)
            h.result().get(10, TimeUnit.SECONDS);
        assertEquals(2, peak.get());
    }

    @Test
    void aWideCpuJobBlocksLaterOnesToKeepTheOrder() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        JobHandle<String> a = queue.submit(job("a", Lane.CPU, 1, 1, gate));
        JobHandle<String> wide = queue.submit(job("wide", Lane.CPU, 2, 1, gate));
        JobHandle<String> c = queue.submit(job("c", Lane.CPU, 1, 1, gate));
        waitFor(() -> log.size() == 1);
        Thread.sleep(50);
        assertEquals(JobState.QUEUED, wide.state());
        assertEquals(JobState.QUEUED, c.state(), "c would fit a free slot but must not overtake 'wide'");
        gate.countDown();
        for (JobHandle<String> h : List.of(a, wide, c))
            h.result().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("a", "wide", "c"), log);
    }

    @Test
    void cancellingAQueuedJobRemovesItAndARunningJobStopsAtItsNextCheck() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        JobHandle<String> running = queue.submit(job("running", Lane.DEVICE, 1, 1, gate));
        JobHandle<String> queued = queue.submit(job("queued", Lane.DEVICE, 1, 1, gate));
        waitFor(() -> log.contains("running")); // the body has started, not just the state
        queued.cancel();
        assertEquals(JobState.CANCELLED, queued.state());
        running.cancel();
        assertThrows(CancellationException.class, () -> running.result().get(10, TimeUnit.SECONDS));
        assertEquals(JobState.CANCELLED, running.state());
        assertEquals(List.of("running"), log, "the cancelled queued job must never start");
        JobHandle<String> after = queue.submit(job("after", Lane.DEVICE, 1, 1, new CountDownLatch(0)));
        assertEquals("after done", after.result().get(10, TimeUnit.SECONDS), "the device lane is free again");
    }

    @Test
    void aJobLargerThanItsLaneIsRefusedWithTheSizesInTheMessage() {
        JobRefusedException e = assertThrows(JobRefusedException.class,
                () -> queue.submit(job("huge volume", Lane.DEVICE, 1, 9 * GIB, new CountDownLatch(0))));
        assertTrue(e.getMessage().contains("huge volume"), e.getMessage());
        assertTrue(e.getMessage().contains("9.0 GiB") && e.getMessage().contains("8.0 GiB"), e.getMessage());
        assertTrue(queue.jobs().isEmpty(), "a refused job never enters the queue");
    }

    @Test
    void cpuJobsWaitWhileTheirMemoryWouldNotFit() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        JobHandle<String> big = queue.submit(job("big", Lane.CPU, 1, 3 * GIB, gate));
        JobHandle<String> second = queue.submit(job("second", Lane.CPU, 1, 2 * GIB, gate));
        waitFor(() -> big.state() == JobState.RUNNING);
        Thread.sleep(50);
        assertEquals(JobState.QUEUED, second.state(), "3 + 2 GiB exceed the 4 GiB CPU lane");
        gate.countDown();
        second.result().get(10, TimeUnit.SECONDS);
    }

    @Test
    void failuresAndMetricsReachListeners() throws Exception {
        List<Metric> metrics = Collections.synchronizedList(new ArrayList<>());
        List<JobState> states = Collections.synchronizedList(new ArrayList<>());
        queue.addListener(new ComputeListener() {
            @Override
            public void jobChanged(JobHandle<?> job) {
                states.add(job.state());
            }

            @Override
            public void metric(JobHandle<?> job, Metric metric) {
                metrics.add(metric);
            }
        });
        queue.submit(job("ok", Lane.DEVICE, 1, 1, new CountDownLatch(0))).result().get(10, TimeUnit.SECONDS);
        JobHandle<Object> failing = queue.submit(new ComputeJob<>() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public long memoryBytes() {
                return 1;
            }

            @Override
            public Object run(JobContext context) {
                throw new IllegalArgumentException("record 999.dat is truncated at byte 12");
            }
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> failing.result().get(10, TimeUnit.SECONDS));
        assertEquals("record 999.dat is truncated at byte 12", e.getCause().getMessage());
        assertEquals(JobState.FAILED, failing.state());
        assertEquals("record 999.dat is truncated at byte 12", failing.message());
        assertEquals(List.of(new Metric("loss", 1, 0.5)), metrics);
        waitFor(() -> states.contains(JobState.FAILED));
        assertTrue(states.containsAll(List.of(JobState.QUEUED, JobState.RUNNING, JobState.DONE)), states.toString());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end)
                throw new AssertionError("condition not reached within 10 s");
            Thread.sleep(2);
        }
    }
}
