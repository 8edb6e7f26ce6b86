package convbench.face.ui.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

/** Face > Train Siamese...: the dialog, then a training editor that runs the training as a compute job. */
public final class TrainSiameseHandler extends AbstractHandler {
    private static final AtomicInteger RUNS = new AtomicInteger();

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        TrainSiameseDialog dialog = new TrainSiameseDialog(HandlerUtil.getActiveShellChecked(event));
        if (dialog.open() != Window.OK)
            return null;
        String run = "run " + RUNS.incrementAndGet();
        IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
        try {
            SiameseTrainingEditor editor = (SiameseTrainingEditor) page.openEditor(
                    new SiameseTrainingEditor.Input(dialog.request().data().getFileName() + " (" + run + ")"), SiameseTrainingEditor.ID);
            editor.start(dialog.request(), run);
        } catch (PartInitException e) {
            throw new ExecutionException("Cannot open the Siamese training editor", e);
        }
        return null;
    }
}
