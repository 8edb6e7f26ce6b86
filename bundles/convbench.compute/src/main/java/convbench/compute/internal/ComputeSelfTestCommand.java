package convbench.compute.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.compute.ComputeService;
import convbench.compute.DeviceInfo;
import convbench.compute.selftest.SelfTest;
import convbench.compute.selftest.SelfTestJob;

/** {@code ./convbench compute selftest}: trains a 1D, 2D and 3D convnet through the service; examples/s each. */
@Component(service = CliCommand.class)
public final class ComputeSelfTestCommand implements CliCommand {
    @Reference
    private ComputeService compute;

    @Override
    public String area() {
        return "compute";
    }

    @Override
    public String action() {
        return "selftest";
    }

    @Override
    public String summary() {
        return "train a small 1D, 2D and 3D convnet through the compute service and print examples/s";
    }

    @Override
    public String usage() {
        return "compute selftest [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        DeviceInfo d = compute.device();
        List<SelfTest.NetResult> nets = compute.submit(new SelfTestJob(progress::report)).result().get();
        StringBuilder text = new StringBuilder(String.format("%s on %s (%d cores)%n", d.backend(), d.device(), d.cores()));
        for (SelfTest.NetResult n : nets)
            text.append(String.format("%-7s %9.1f examples/s  accuracy %.3f%n", n.name(), n.examplesPerSecond(),
                    n.accuracy()));
        return CliResult.of(new SelfTest.Result(d.backend(), d.device(), nets), text.toString().stripTrailing());
    }
}
