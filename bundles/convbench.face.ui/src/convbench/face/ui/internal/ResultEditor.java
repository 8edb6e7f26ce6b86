package convbench.face.ui.internal;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IPersistableElement;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;

/**
 * What the Face editors share: they show a result computed in a job (an identification, a training run), which is
 * neither a file nor kept with the workbench state, and which they never save themselves.
 */
abstract class ResultEditor extends EditorPart {
    /** An editor input that is a computed result: not in the recently-opened list, not restored. */
    interface Result extends IEditorInput {
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

    ResultEditor(Class<? extends Result> inputType, String namePrefix) {
        this.inputType = inputType;
        this.namePrefix = namePrefix;
    }

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!inputType.isInstance(input))
            throw new PartInitException("not a " + inputType.getSimpleName() + ": " + input);
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
