package convbench.ekg.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.compute.ui.ComputeUi;
import convbench.ekg.classify.ClassifierJobs;

/**
 * EKG > Evaluate: the current model on its protocol's test beats as a device job, then an evaluation editor with the
 * confusion matrix and the per-class table. Headless twin: {@code ekg eval}.
 */
public final class EvaluateHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        ClassifierState.Current current = EkgUi.currentModel();
        EvaluateDialog dialog = new EvaluateDialog(shell, current);
        if (dialog.open() != Window.OK)
            return null;
        ClassifierState.setDatabase(dialog.database());
        IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
        ComputeUi.schedule(new ClassifierJobs.Evaluate(current.model(), current.file(), dialog.database(), dialog.protocol(), null),
                ev -> {
                    EkgUi.LOG.info("Evaluated EKG beat classifier " + current.file() + ": "
                            + TrainingEditor.summary(ev.protocol(), ev.confusion(), ev.testBeats()));
                    try {
                        page.openEditor(new EvaluationEditor.Input(ev), EvaluationEditor.ID);
                    } catch (PartInitException e) {
                        EkgUi.error(shell, "Cannot Show the Evaluation", EkgUi.message(e), e);
                    }
                });
        return null;
    }
}
