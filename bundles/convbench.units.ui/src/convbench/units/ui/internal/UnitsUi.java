package convbench.units.ui.internal;

import org.eclipse.core.runtime.ILog;

/** The bundle's log (the GUI tests read the product log). */
final class UnitsUi {
    static final ILog LOG = ILog.of(UnitsUi.class);

    private UnitsUi() {
    }
}
