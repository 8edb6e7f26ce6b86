package convbench.ekg.ui.internal;

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

import convbench.compute.ComputeService;
import convbench.compute.ui.ComputeUi;
import convbench.core.train.TrainingCallbacks;
import convbench.ekg.classify.ClassifierJobs;

/**
 * EKG > Train Classifier...: the dialog, a training editor with the live chart, and the run (read, train, test,
 * write the model file atomically) as one job on the compute device; the new model becomes the current one.
 * Headless twin: {@code ekg train}.
 */
public final class TrainClassifierHandler extends AbstractHandler {
    private static int runs;

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        TrainClassifierDialog dialog = new TrainClassifierDialog(shell);
        if (dialog.open() != Window.OK)
            return null;
        ClassifierJobs.TrainRequest r = dialog.request();
        ClassifierState.setDatabase(r.db());
        IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
        TrainingEditor view;
        int run = ++runs;
        try {
            view = (TrainingEditor) page.openEditor(new RunInput("Training " + run + " (" + r.protocol().id() + ")",
                    "Beat classifier training " + run + " \u2192 " + r.out()), TrainingEditor.ID);
        } catch (PartInitException e) {
            throw new ExecutionException("Cannot open the training editor", e);
        }
        ClassifierJobs.Train work = new ClassifierJobs.Train(r, TrainingCallbacks.NONE, true);
        ComputeService service = ComputeUi.service();
        view.start(service, r, work.name());
        EkgUi.LOG.info("Training the EKG beat classifier: " + r);
        Job job = ComputeUi.schedule(work, t -> {
            EkgUi.LOG.info(String.format("Trained EKG beat classifier %s: %s", t.model(),
                    TrainingEditor.summary(t.request().protocol(), t.test(), t.data().test().size())));
            ClassifierState.setCurrent(t.model(), t.saved());
            view.finished(t);
        });
        view.setJob(job);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent e) {
                IStatus s = e.getResult();
                if (s.isOK())
                    return;
                String why = s.getSeverity() == IStatus.CANCEL ? "Cancelled: no model written" : "Failed: " + s.getMessage();
                EkgUi.LOG.info("EKG classifier training stopped: " + why);
                shell.getDisplay().asyncExec(() -> view.stopped(why));
            }
        });
        return null;
    }
}
