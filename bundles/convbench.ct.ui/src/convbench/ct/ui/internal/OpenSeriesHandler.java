package convbench.ct.ui.internal;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

/** CT > Open Series...: choose a folder (or a DICOMDIR's folder), scan it, load one series into the viewer. */
public final class OpenSeriesHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        DirectoryDialog d = new DirectoryDialog(window.getShell());
        d.setText("Open CT Series");
        d.setMessage("Choose a folder with DICOM images (subfolders are scanned too)");
        String start = CtUi.sampleFolder();
        if (start != null)
            d.setFilterPath(start);
        String folder = d.open();
        if (folder != null)
            CtUi.openSeries(window, Path.of(folder));
        return null;
    }
}
