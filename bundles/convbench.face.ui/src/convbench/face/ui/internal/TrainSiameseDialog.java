package convbench.face.ui.internal;

import convbench.face.train.ChipAugmenter;
import convbench.face.train.FaceFeatures;
import convbench.face.train.Mining;
import convbench.face.train.SiameseHead;
import convbench.face.train.SiameseTrainer;
import convbench.face.train.SiameseTraining;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/**
 * Face > Train Siamese...: a folder-per-identity set (LFW layout), how triplets are chosen (or the binary head), the
 * input, epochs, margin and chips per photo. The values become the same request {@code face train} builds.
 */
final class TrainSiameseDialog extends TitleAreaDialog {
    static final String TITLE = "Train Siamese";
    /** Combo items, in the order of {@link #MODES}. */
    private static final String[] MODE_NAMES = { "Triplet loss, batch-hard triplets", "Triplet loss, semi-hard triplets",
            "Triplet loss, random triplets (baseline)", "Binary classification of pairs (tied encoder)" };
    private static final String[] MODES = { "batch-hard", "semi-hard", "random", "binary" };
    private static final String[] INPUT_NAMES = { "Head on the frozen dlib embeddings (128-d)",
            "Head on the dlib ResNet's mid-level features (128 channels)", "Encoder from scratch on 32x32 grey chips" };
    private static final String[] INPUTS = { FaceFeatures.DLIB, FaceFeatures.MIDDLE, FaceFeatures.PIXELS };

    private Text dataField;
    private Combo modeField;
    private Combo inputField;
    private Spinner epochsField;
    private Text marginField;
    private Spinner chipsField;
    private SiameseTraining.Request request;

    TrainSiameseDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Train a Siamese network");
        setMessage("One sub-folder of photos per person (as LFW). Some people with two photos or more are held out:"
                + " the ROC AUC is measured on them only.");
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        dataField = FaceUi.pathRow(c, "Dataset folder:", TITLE + ": dataset folder (one sub-folder per person)", null);
        modeField = combo(c, "Training:", MODE_NAMES);
        inputField = combo(c, "Input:", INPUT_NAMES);
        epochsField = spinner(c, "Epochs:", 1, 1000, 30);
        new Label(c, SWT.NONE).setText("Margin alpha:");
        marginField = new Text(c, SWT.BORDER | SWT.SINGLE);
        marginField.setText("0.2");
        marginField.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        chipsField = spinner(c, "Chips per photo:", 1, ChipAugmenter.MAX, 8);
        dataField.addListener(SWT.Modify, e -> validate());
        marginField.addListener(SWT.Modify, e -> validate());
        c.setTabList(new Control[] { dataField, modeField, inputField, epochsField, marginField, chipsField });
        dataField.setFocus();
        return area;
    }

    private static Combo combo(Composite c, String label, String[] items) {
        new Label(c, SWT.NONE).setText(label);
        Combo combo = new Combo(c, SWT.READ_ONLY);
        combo.setItems(items);
        combo.select(0);
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        return combo;
    }

    private static Spinner spinner(Composite c, String label, int min, int max, int value) {
        new Label(c, SWT.NONE).setText(label);
        Spinner s = new Spinner(c, SWT.BORDER);
        s.setValues(value, min, max, 0, 1, 10);
        s.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false, 2, 1));
        return s;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setText("&Train");
        validate();
    }

    /** The problem with the fields as they are, or null. */
    private String problem() {
        String data = dataField.getText().strip();
        if (data.isEmpty())
            return "Give the dataset folder.";
        if (!Files.isDirectory(Path.of(data)))
            return data + " is not a folder.";
        try {
            double alpha = Double.parseDouble(marginField.getText().strip());
            if (!(alpha >= 0))
                return "The margin alpha must not be negative.";
        } catch (NumberFormatException e) {
            return "The margin alpha '" + marginField.getText() + "' is not a number.";
        }
        return null;
    }

    private void validate() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok == null || dataField == null)
            return;
        String p = problem();
        setErrorMessage(dataField.getText().isBlank() ? null : p);
        ok.setEnabled(p == null);
    }

    @Override
    protected void okPressed() {
        String mode = MODES[modeField.getSelectionIndex()];
        boolean binary = mode.equals("binary");
        SiameseTrainer.Config d = SiameseTrainer.Config.defaults(binary ? SiameseHead.Loss.BINARY : SiameseHead.Loss.TRIPLET,
                binary ? Mining.BATCH_HARD : Mining.fromId(mode), 1);
        String input = INPUTS[inputField.getSelectionIndex()];
        // away from the final embeddings the head has more to learn: one hidden layer more, as face train gives it
        int[] layers = input.equals(FaceFeatures.DLIB) ? d.layers() : new int[] { 128, 64 };
        SiameseTrainer.Config c = new SiameseTrainer.Config(d.loss(), d.mining(), layers, d.normalise(),
                Double.parseDouble(marginField.getText().strip()), d.learningRate(), epochsField.getSelection(),
                d.identitiesPerBatch(), d.chipsPerIdentity(), d.seed());
        request = new SiameseTraining.Request(Path.of(dataField.getText().strip()).toAbsolutePath(), input, null,
                chipsField.getSelection(), 0.4, c);
        super.okPressed();
    }

    SiameseTraining.Request request() {
        return request;
    }
}
