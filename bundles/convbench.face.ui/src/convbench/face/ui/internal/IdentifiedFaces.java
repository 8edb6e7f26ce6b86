package convbench.face.ui.internal;

import convbench.compute.ui.ResultEditor;

import java.util.List;

import org.eclipse.swt.graphics.ImageData;

/** The editor input of Identify: the labelled photo (boxes, landmarks, names) and one text line per face. */
record IdentifiedFaces(String source, ImageData labelled, List<String> lines, String summary) implements ResultEditor.Result {
    @Override
    public String getName() {
        return source;
    }

    @Override
    public String getToolTipText() {
        return summary;
    }
}
