package convbench.ct.ui.internal;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

/** CT > Open Volume...: a NIfTI volume or an InVesalius project. */
public final class OpenVolumeHandler extends AbstractHandler {
    static final String[] EXTENSIONS = { "*.nii;*.nii.gz;*.inv3", "*.nii;*.nii.gz", "*.inv3", "*" };
    static final String[] NAMES = { "Volumes (NIfTI, InVesalius)", "NIfTI (*.nii, *.nii.gz)", "InVesalius project (*.inv3)",
            "All files" };

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        FileDialog d = new FileDialog(window.getShell(), SWT.OPEN);
        d.setText("Open CT Volume");
        d.setFilterExtensions(EXTENSIONS);
        d.setFilterNames(NAMES);
        String start = CtUi.sampleFolder();
        if (start != null)
            d.setFilterPath(start);
        String file = d.open();
        if (file != null)
            CtUi.openVolume(window, Path.of(file));
        return null;
    }
}
