package convbench.face.ui.internal;

import convbench.compute.ui.ResultEditor;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;

/** The labelled photo of Identify, scaled to fit, under the per-face lines (identity, distance, box). */
public final class IdentifiedFacesEditor extends ResultEditor {
    static final String ID = "convbench.face.ui.identifiedEditor";
    private Image image;
    private Canvas canvas;

    public IdentifiedFacesEditor() {
        super(IdentifiedFaces.class, "Faces: ");
    }

    @Override
    public void createPartControl(Composite parent) {
        IdentifiedFaces faces = (IdentifiedFaces) getEditorInput();
        parent.setLayout(new GridLayout(1, false));
        Text text = new Text(parent, SWT.READ_ONLY | SWT.MULTI | SWT.WRAP);
        text.setText(faces.summary() + "\n" + (faces.lines().isEmpty() ? "no face found" : String.join("\n", faces.lines())));
        text.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        image = new Image(parent.getDisplay(), faces.labelled());
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas.addPaintListener(e -> {
            Rectangle area = canvas.getClientArea();
            Rectangle src = image.getBounds();
            // whole photo visible: shrink (never enlarge) to the area, centred
            double s = Math.min(1, Math.min(area.width / (double) src.width, area.height / (double) src.height));
            int w = (int) Math.round(src.width * s), h = (int) Math.round(src.height * s);
            if (w <= 0 || h <= 0)
                return;
            e.gc.setInterpolation(SWT.HIGH);
            e.gc.drawImage(image, 0, 0, src.width, src.height, (area.width - w) / 2, (area.height - h) / 2, w, h);
        });
        canvas.addListener(SWT.Resize, e -> canvas.redraw());
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    @Override
    public void dispose() {
        if (image != null)
            image.dispose();
        super.dispose();
    }
}
