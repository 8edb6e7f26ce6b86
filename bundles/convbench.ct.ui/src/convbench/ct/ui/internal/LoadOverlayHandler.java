package convbench.ct.ui.internal;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

/** CT > Load Overlay...: a label or probability volume (NIfTI, or an InVesalius project's first mask) over the viewer's volume. */
public final class LoadOverlayHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        CtViewerEditor viewer = CtViewerEditor.active(window);
        if (viewer == null) {
            MessageDialog.openInformation(window.getShell(), "Load Overlay", "Open a CT series or volume first: the overlay goes on top of it.");
            return null;
        }
        FileDialog d = new FileDialog(window.getShell(), SWT.OPEN);
        d.setText("Load CT Overlay");
        d.setFilterExtensions(OpenVolumeHandler.EXTENSIONS);
        d.setFilterNames(OpenVolumeHandler.NAMES);
        Path source = ((CtVolumeInput) viewer.getEditorInput()).source();
        Path folder = source.toFile().isDirectory() ? source : source.getParent();
        if (folder != null)
            d.setFilterPath(folder.toString());
        String file = d.open();
        if (file != null)
            CtUi.loadOverlay(viewer, Path.of(file));
        return null;
    }
}
