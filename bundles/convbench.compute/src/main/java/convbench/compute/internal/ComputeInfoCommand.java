package convbench.compute.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.compute.ComputeService;
import convbench.compute.DeviceInfo;

/** {@code ./convbench compute info}: the backend and device ND4J runs on. */
@Component(service = CliCommand.class)
public final class ComputeInfoCommand implements CliCommand {
    @Reference
    private ComputeService compute;

    @Override
    public String area() {
        return "compute";
    }

    @Override
    public String action() {
        return "info";
    }

    @Override
    public String summary() {
        return "backend, device, cores and memory of the compute service";
    }

    @Override
    public String usage() {
        return "compute info [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) {
        DeviceInfo d = compute.device();
        String text = String.format("backend  %s%ndevice   %s%ncores    %d%nmemory   %s%ncuda     %s%nnative   %s%s",
                d.backend(), d.device(), d.cores(), Memory.human(d.memoryBytes()),
                d.cudaVersion() == null ? "-" : d.cudaVersion(), d.nativeLibrary(),
                d.note() == null ? "" : "\nnote     " + d.note());
        return CliResult.of(d, text);
    }
}
