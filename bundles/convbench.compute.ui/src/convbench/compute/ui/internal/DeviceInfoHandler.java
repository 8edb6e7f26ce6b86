package convbench.compute.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.compute.DeviceInfo;
import convbench.compute.ui.ComputeUi;

/** Compute > Device Information: the menu twin of {@code ./convbench compute info}. */
public final class DeviceInfoHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        Job job = Job.create("Reading the compute device", monitor -> {
            DeviceInfo d = ComputeUi.service().device(); // the first call starts ND4J: seconds, so not on the UI thread
            shell.getDisplay().asyncExec(() -> MessageDialog.openInformation(shell.isDisposed() ? null : shell,
                    "Compute Device", ComputeView.describe(d)));
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return null;
    }
}
