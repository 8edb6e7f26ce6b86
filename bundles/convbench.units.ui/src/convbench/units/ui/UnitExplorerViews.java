package convbench.units.ui;

import java.util.function.IntFunction;

import org.eclipse.ui.IWorkbenchWindow;

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
     * As above, the patches captioned by {@code names} (example index to e.g. its file) instead of "example i", and
     * unit {@code unit} of {@code layer} explored at once (k = {@code k}).
     */
    public static void explore(IWorkbenchWindow window, UnitExplorerInput input, IntFunction<String> names, String layer,
            int unit, int k) {
        UnitExplorerView.show(window, input, names, layer, unit, k);
    }
}
