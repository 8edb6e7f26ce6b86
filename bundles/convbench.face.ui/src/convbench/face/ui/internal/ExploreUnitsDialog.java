package convbench.face.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/**
 * Face > Explore Units...: the photos whose faces the explorer scans (a folder, searched below too, or one photo) and
 * the unit to explore first (the view offers every convolution and pooling output afterwards).
 */
final class ExploreUnitsDialog extends TitleAreaDialog {
    /** The end of the conv32 stage: a 59 px receptive field, about an eye or a mouth on the 150 px chip. */
    static final String DEFAULT_LAYER = "conv32_3/conv2";
    private Text imagesField, layerField;
    private Spinner unitField;
    private Path images;
    private String layer;
    private int unit;

    ExploreUnitsDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(ExploreUnitsHandler.TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Explore the units of the face recognition net");
        setMessage("Every face of the photos is detected and aligned to a 150x150 chip; the explorer then shows the faces"
                + " that excite a unit of the dlib ResNet most.");
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        imagesField = FaceUi.pathRow(c, "Photos (folder or image):", ExploreUnitsHandler.TITLE + ": photos", null);
        new Label(c, SWT.NONE).setText("&Layer:");
        layerField = new Text(c, SWT.BORDER | SWT.SINGLE);
        layerField.setText(DEFAULT_LAYER);
        layerField.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        new Label(c, SWT.NONE).setText("U&nit:");
        unitField = new Spinner(c, SWT.BORDER);
        unitField.setValues(0, 0, 255, 0, 1, 10);
        unitField.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false, 2, 1));
        imagesField.addListener(SWT.Modify, e -> validate());
        layerField.addListener(SWT.Modify, e -> validate());
        imagesField.setFocus();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setText("&Explore");
        validate();
    }

    private void validate() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok == null || imagesField == null)
            return;
        String d = imagesField.getText().strip();
        String problem = d.isEmpty() ? "" : !Files.exists(Path.of(d)) ? d + " does not exist."
                : layerField.getText().isBlank() ? "Name a convolution or pooling output, e.g. " + DEFAULT_LAYER + "." : null;
        setErrorMessage(problem == null || problem.isEmpty() ? null : problem);
        ok.setEnabled(problem == null);
    }

    @Override
    protected void okPressed() {
        images = Path.of(imagesField.getText().strip()).toAbsolutePath();
        layer = layerField.getText().strip();
        unit = unitField.getSelection();
        super.okPressed();
    }

    Path images() {
        return images;
    }

    String layer() {
        return layer;
    }

    int unit() {
        return unit;
    }
}
