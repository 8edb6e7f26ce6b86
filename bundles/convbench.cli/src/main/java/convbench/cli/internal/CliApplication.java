package convbench.cli.internal;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import convbench.cli.api.CliCommand;

/**
 * The headless Equinox application behind {@code ./convbench <area> <action>}: finds the command among the
 * {@link CliCommand} services and runs it. Its value is the process's exit status.
 */
public final class CliApplication implements IApplication {
    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        BundleContext bundles = FrameworkUtil.getBundle(CliApplication.class).getBundleContext();
        ServiceTracker<CliCommand, CliCommand> tracker = new ServiceTracker<>(bundles, CliCommand.class, null);
        tracker.open();
        PrintStream stdout = System.out;
        try {
            return new CliDispatcher(() -> commands(tracker), stdout, System.err).run(List.of(args == null ? new String[0] : args));
        } finally {
            tracker.close();
            System.setOut(stdout);
        }
    }

    private static List<CliCommand> commands(ServiceTracker<CliCommand, CliCommand> tracker) {
        CliCommand[] found = tracker.getServices(new CliCommand[0]);
        return found == null ? List.of() : Arrays.asList(found);
    }

    @Override
    public void stop() {
        // a command runs to its end; nothing to interrupt
    }
}
