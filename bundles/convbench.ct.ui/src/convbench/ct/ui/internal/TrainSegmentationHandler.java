package convbench.ct.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.handlers.HandlerUtil;

/** CT > Train Segmentation...: the training dialog (settings, live loss and Dice, cancel). Twin: {@code ct train}. */
public final class TrainSegmentationHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        new TrainSegmentationDialog(HandlerUtil.getActiveWorkbenchWindowChecked(event).getShell()).open();
        return null;
    }
}
