package convbench.ekg.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.compute.ui.ComputeUi;
import convbench.ekg.EcgRecord;
import convbench.ekg.classify.ClassifierJobs;
import convbench.units.ui.UnitExplorerInput;
import convbench.units.ui.UnitExplorerViews;

/**
 * EKG > Explore Units: the Unit Explorer view on the current beat classifier and the beat windows of the open record
 * (its annotated beats, else the detected ones), cut on the CPU lane; the view then finds the beats that excite a
 * chosen unit most.
 */
public final class ExploreUnitsHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        EcgRecord rec = EkgUi.activeEditor(event).record();
        ClassifierState.Current current = EkgUi.currentModel();
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        Shell shell = window.getShell();
        ComputeUi.schedule(new ClassifierJobs.BeatsOf(rec), beats -> {
            if (beats.size() == 0) {
                EkgUi.error(shell, "Cannot Explore Units", rec.name() + " has no beats to explore", null);
                return;
            }
            String title = current.file().getFileName() + " on the " + beats.size() + " beats of " + rec.name();
            try {
                UnitExplorerViews.open(window, new UnitExplorerInput(title, current.model().model().network(), beats.source()));
                EkgUi.LOG.info("Unit Explorer opened: " + title);
            } catch (IllegalStateException e) {
                EkgUi.error(shell, "Cannot Explore Units", EkgUi.message(e), e);
            }
        });
        return null;
    }
}
