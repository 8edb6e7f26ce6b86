package convbench.ekg.ui.internal;

import convbench.compute.ui.ResultEditor;

/** The input of a training or evaluation editor: a name only, never saved with the workbench state. */
class RunInput implements ResultEditor.Result {
    private final String name, tooltip;

    RunInput(String name, String tooltip) {
        this.name = name;
        this.tooltip = tooltip;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getToolTipText() {
        return tooltip;
    }
}
