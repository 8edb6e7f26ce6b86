package convbench.compute.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import convbench.compute.ComputeJob;
import convbench.compute.ComputeListener;
import convbench.compute.ComputeService;
import convbench.compute.DeviceInfo;
import convbench.compute.JobHandle;
import convbench.compute.Lane;
import convbench.dl4j.Nd4jContext;

/** The compute service: a {@link JobQueue} whose device lane runs with ND4J's class loader. */
@Component(service = ComputeService.class)
public final class ComputeServiceImpl implements ComputeService {
    private volatile DeviceInfo device;
    private volatile JobQueue queue;

    @Activate
    void activate() {
        // until ND4J has started (slow, so not here) the device lane is sized like the CPU: physical RAM
        long ram = Memory.physical();
        queue = new JobQueue(Runtime.getRuntime().availableProcessors(), ram, ram, body -> Nd4jContext.call(body::call));
    }

    @Deactivate
    void deactivate() {
        queue.shutdown();
    }

    @Override
    public DeviceInfo device() {
        DeviceInfo d = device;
        if (d == null) {
            synchronized (this) {
                if (device == null) {
                    try {
                        device = Nd4jContext.call(DeviceProbe::probe);
                    } catch (Exception e) {
                        throw new IllegalStateException("ND4J could not start: " + e.getMessage(), e);
                    }
                    queue.setDeviceCapacity(device.memoryBytes());
                }
                d = device;
            }
        }
        return d;
    }

    /** Device jobs first start ND4J (seconds), so callers on a UI thread submit from a background job. */
    @Override
    public <T> JobHandle<T> submit(ComputeJob<T> job) {
        if (job.lane() == Lane.DEVICE)
            device(); // size the device lane before the job's estimate is checked against it
        return queue.submit(job);
    }

    @Override
    public List<JobHandle<?>> jobs() {
        return queue.jobs();
    }

    @Override
    public void addListener(ComputeListener listener) {
        queue.addListener(listener);
    }

    @Override
    public void removeListener(ComputeListener listener) {
        queue.removeListener(listener);
    }
}
