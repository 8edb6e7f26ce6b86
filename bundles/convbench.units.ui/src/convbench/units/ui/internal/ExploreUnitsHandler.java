package convbench.units.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.compute.ui.ComputeUi;
import convbench.units.ui.UnitExplorerInput;

/**
 * Compute > Explore Units...: a model file and data (what {@code ./convbench units} takes), opened as a compute job,
 * then the Unit Explorer view, exploring at once when the dialog named a layer.
 */
public final class ExploreUnitsHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        ExploreUnitsDialog dialog = new ExploreUnitsDialog(window.getShell());
        if (dialog.open() != Window.OK)
            return null;
        ExploreUnitsDialog.Request r = dialog.request();
        ComputeUi.schedule(new OpenJob(r.model(), r.data()), opened -> {
            UnitExplorerInput input = new UnitExplorerInput(opened.title(), opened.model().network(), opened.data());
            UnitsUi.LOG.info("Unit Explorer opened " + opened.title() + ": " + opened.data().size() + " examples");
            UnitExplorerView.show(window, input,
                    new UnitExplorerView.Options(opened.names(), opened::close, r.layer(), r.unit(), r.k()));
        });
        return null;
    }
}
