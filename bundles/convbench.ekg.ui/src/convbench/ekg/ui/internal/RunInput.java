package convbench.ekg.ui.internal;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

/** The input of a training or evaluation editor: a name only, never saved with the workbench state. */
class RunInput implements IEditorInput {
    private final String name, tooltip;

    RunInput(String name, String tooltip) {
        this.name = name;
        this.tooltip = tooltip;
    }

    @Override
    public boolean exists() {
        return false;
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return null; // the editor's own icon
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return tooltip;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }
}
