package convbench.style.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.compute.ui.ComputeUi;

/** Style > New Style Transfer...: the dialog, then a run editor and the run as a job on the compute device. */
public final class NewStyleTransferHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        StyleDialog dialog = new StyleDialog(shell);
        if (dialog.open() != Window.OK)
            return null;
        StyleDialog.Request r = dialog.request();
        IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
        StyleRunEditor view;
        try {
            // an editor: the run gets the large editor area, and each run its own tab
            view = (StyleRunEditor) page.openEditor(new StyleRunEditor.Input(r), StyleRunEditor.ID);
        } catch (PartInitException e) {
            throw new ExecutionException("Cannot open the style transfer editor", e);
        }
        view.start(r);
        StyleUi.LOG.info("Style transfer of " + r.content() + " in the style of " + r.style() + ": " + r.parameters().toMap());
        Job job = ComputeUi.schedule(new StyleJob(r.content(), r.style(), r.model(), r.parameters(), view.listener()), view::finished);
        view.attach(job);
        // failures are shown by the workbench (error status, naming the file); the editor says what happened too
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent e) {
                IStatus s = e.getResult();
                if (s.isOK())
                    return;
                // the cause's own message names the file; the status repeats the job's name before it
                Throwable cause = s.getException();
                String why = s.getSeverity() == IStatus.CANCEL ? "Cancelled"
                        : "Failed: " + (cause != null && cause.getMessage() != null ? cause.getMessage() : s.getMessage());
                StyleUi.LOG.info("Style transfer stopped: " + why);
                shell.getDisplay().asyncExec(() -> view.stopped(why));
            }
        });
        return null;
    }
}
