package convbench.face.ui.internal;

import java.util.List;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

/** The editor input of Identify: the labelled photo (boxes, landmarks, names) and one text line per face. */
record IdentifiedFaces(String source, ImageData labelled, List<String> lines, String summary) implements IEditorInput {
    @Override
    public boolean exists() {
        return false; // computed, not a file: not in the recently-opened list
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return null;
    }

    @Override
    public String getName() {
        return source;
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return summary;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }
}
