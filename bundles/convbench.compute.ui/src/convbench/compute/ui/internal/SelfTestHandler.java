package convbench.compute.ui.internal;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.compute.selftest.SelfTest;
import convbench.compute.selftest.SelfTestJob;
import convbench.compute.ui.ComputeUi;

/** Compute > Run Self-Test: the menu twin of {@code ./convbench compute selftest}. */
public final class SelfTestHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        ComputeUi.schedule(new SelfTestJob((fraction, message) -> { }), (List<SelfTest.NetResult> nets) -> {
            StringBuilder text = new StringBuilder();
            for (SelfTest.NetResult n : nets)
                text.append(String.format("%s:  %.1f examples/s,  accuracy %.3f%n", n.name(), n.examplesPerSecond(),
                        n.accuracy()));
            MessageDialog.openInformation(shell == null || shell.isDisposed() ? null : shell, "Compute Self-Test",
                    text.toString());
        });
        return null;
    }
}
