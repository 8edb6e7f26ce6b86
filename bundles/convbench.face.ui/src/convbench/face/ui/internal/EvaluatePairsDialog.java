package convbench.face.ui.internal;

import convbench.face.train.ChipAugmenter;
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

/** Face > Evaluate Pairs...: the folder-per-identity set, the head (blank: the dlib embeddings alone), chips per photo. */
final class EvaluatePairsDialog extends TitleAreaDialog {
    private Text dataField;
    private Text modelField;
    private Spinner chipsField;
    private Path data;
    private Path model;
    private int chips;

    EvaluatePairsDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(EvaluatePairsHandler.TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Evaluate verification on labelled pairs");
        setMessage("Every pair of faces from two different photos of the folder is scored; same person or not comes from"
                + " the sub-folder names.");
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        dataField = FaceUi.pathRow(c, "Dataset folder:", EvaluatePairsHandler.TITLE + ": dataset folder", null);
        modelField = FaceUi.pathRow(c, "Siamese head (.zip):", EvaluatePairsHandler.TITLE + ": Siamese head", new String[] { "*.zip", "*" });
        Label hint = new Label(c, SWT.NONE);
        hint.setText("Leave the head blank to score the dlib embeddings as they are (squared L2).");
        hint.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        new Label(c, SWT.NONE).setText("Chips per photo:");
        chipsField = new Spinner(c, SWT.BORDER);
        chipsField.setValues(1, 1, ChipAugmenter.MAX, 0, 1, 10);
        chipsField.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false, 2, 1));
        dataField.addListener(SWT.Modify, e -> validate());
        modelField.addListener(SWT.Modify, e -> validate());
        dataField.setFocus();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setText("&Evaluate");
        validate();
    }

    private void validate() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok == null || dataField == null)
            return;
        String d = dataField.getText().strip(), m = modelField.getText().strip();
        String problem = d.isEmpty() ? "" : !Files.isDirectory(Path.of(d)) ? d + " is not a folder."
                : !m.isEmpty() && !Files.isRegularFile(Path.of(m)) ? m + " does not exist." : null;
        setErrorMessage(problem == null || problem.isEmpty() ? null : problem);
        ok.setEnabled(problem == null);
    }

    @Override
    protected void okPressed() {
        data = Path.of(dataField.getText().strip()).toAbsolutePath();
        String m = modelField.getText().strip();
        model = m.isEmpty() ? null : Path.of(m).toAbsolutePath();
        chips = chipsField.getSelection();
        super.okPressed();
    }

    Path data() {
        return data;
    }

    Path model() {
        return model;
    }

    int chips() {
        return chips;
    }
}
