package convbench.ekg.ui.internal;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.compute.ui.ComputeUi;
import convbench.ekg.classify.ClassifierJobs;

/**
 * EKG > Open Classifier Model...: a model file written by Train Classifier or {@code ekg train} is read on the
 * compute device and becomes the current model. Headless twin: {@code ekg model <file>}.
 */
public final class OpenModelHandler extends AbstractHandler {
    static final String DIALOG_TITLE = "Open Beat Classifier Model";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText(DIALOG_TITLE);
        dialog.setFilterExtensions(new String[] { "*.zip", "*" });
        dialog.setFilterNames(new String[] { "ConvBench models (*.zip)", "All files" });
        dialog.setFilterPath(ClassifierState.modelFolder().toString());
        String chosen = dialog.open();
        if (chosen == null)
            return null;
        Path file = Path.of(chosen);
        // a file that is not a beat classifier fails the job with a message naming it (shown by the workbench)
        ComputeUi.schedule(new ClassifierJobs.Load(file), m -> ClassifierState.setCurrent(file, m));
        return null;
    }
}
