package convbench.compute.ui;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IPersistableElement;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;

/**
 * What the plugins' result editors share: they show something computed or loaded by a job (a training run, an
 * evaluation, an identification, a volume, a record), which is not kept with the workbench state and which they
 * never save themselves (their own buttons export files). Subclasses may override {@link #init} to take their
 * input apart, calling this one first.
 */
public abstract class ResultEditor extends EditorPart {
    /** An editor input that is a computed result: not in the recently-opened list, not restored. */
    public interface Result extends IEditorInput {
        @Override
        default boolean exists() {
            return false;
        }

        @Override
        default ImageDescriptor getImageDescriptor() {
            return null;
        }

        @Override
        default IPersistableElement getPersistable() {
            return null;
        }

        @Override
        default <T> T getAdapter(Class<T> adapter) {
            return null;
        }
    }

    private final Class<? extends Result> inputType;
    private final String namePrefix;

    protected ResultEditor(Class<? extends Result> inputType, String namePrefix) {
        this.inputType = inputType;
        this.namePrefix = namePrefix;
    }

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!inputType.isInstance(input))
            throw new PartInitException(getClass().getSimpleName() + " cannot open " + input.getName()
                    + " (not a " + inputType.getSimpleName() + ")");
        setSite(site);
        setInput(input);
        setPartName(namePrefix + input.getName());
        setTitleToolTip(input.getToolTipText());
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
    }

    @Override
    public void doSaveAs() {
    }

    @Override
    public boolean isDirty() {
        return false;
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }
}
