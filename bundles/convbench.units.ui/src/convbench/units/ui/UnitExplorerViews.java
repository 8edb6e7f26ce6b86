package convbench.units.ui;

import org.eclipse.ui.IWorkbenchWindow;

import convbench.core.units.UnitExplorer;
import convbench.units.ui.internal.UnitExplorerView;

/** How plugins open the Unit Explorer on their current model and data (e.g. from their own "Explore Units" item). */
public final class UnitExplorerViews {
    private UnitExplorerViews() {
    }

    /**
     * Shows the Unit Explorer view on this model and data (UI thread). The view lists the model's convolution,
     * pooling and dense layers; the user picks a layer, a unit and k and presses Explore.
     *
     * @throws IllegalStateException when the view cannot be opened (the message says why)
     */
    public static void open(IWorkbenchWindow window, UnitExplorerInput input) {
        UnitExplorerView.show(window, input, null);
    }

    /**
     * Shows the Unit Explorer view on this model and data with a layer and unit chosen, and explores it at once
     * (the user may then pick another).
     *
     * @throws IllegalStateException when the view cannot be opened (the message says why)
     */
    public static void open(IWorkbenchWindow window, UnitExplorerInput input, String layer, int unit) {
        UnitExplorerView.show(window, input, new UnitExplorerView.Options(null, null, layer, unit, UnitExplorer.DEFAULT_K));
    }
}
