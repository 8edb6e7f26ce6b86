package convbench.ct.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

/** CT > Window Presets > ...: the usual CT windows (width / level in HU). */
public final class WindowPresetHandler extends AbstractHandler {
    /** Parameter value -> {level, width}. */
    static double[] preset(String name) {
        return switch (name) {
            case "soft" -> new double[] { 40, 400 };
            case "lung" -> new double[] { -600, 1500 };
            case "bone" -> new double[] { 400, 1800 };
            case "brain" -> new double[] { 40, 80 };
            default -> null;
        };
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        String name = event.getParameter("convbench.ct.ui.preset");
        double[] p = name == null ? null : preset(name);
        if (p == null)
            throw new ExecutionException("unknown window preset '" + name + "' (soft, lung, bone, brain)");
        CtViewerEditor viewer = CtViewerEditor.active(window);
        if (viewer == null)
            MessageDialog.openInformation(window.getShell(), "Window Presets", "Open a CT series or volume first.");
        else
            viewer.setWindow(p[0], p[1]);
        return null;
    }
}
