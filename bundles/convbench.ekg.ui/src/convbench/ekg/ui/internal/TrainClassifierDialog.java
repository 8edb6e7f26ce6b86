package convbench.ekg.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import convbench.ekg.classify.BeatClassifier;
import convbench.ekg.classify.ClassifierJobs;
import convbench.ekg.classify.Protocol;

/**
 * EKG > Train Classifier...: the database folder, the records, the protocol, epochs, a cap on the training beats and
 * the model file. The values are checked here, so a mistake shows in the dialog rather than as a failed job.
 */
final class TrainClassifierDialog extends TitleAreaDialog {
    private Text db, records, epochs, maxBeats, out;
    private Combo protocol;
    private ClassifierJobs.TrainRequest request;

    TrainClassifierDialog(Shell parent) {
        super(parent);
    }

    ClassifierJobs.TrainRequest request() {
        return request;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Train Beat Classifier");
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("1D convnet beat classifier (AAMI N, S, V, F, Q) on MIT-BIH");
        setMessage("intra-patient: all beats shuffled, 80 % train / 20 % test;  inter-patient: train DS1, test DS2 (de Chazal 2004)");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        GridDataFactory.fillDefaults().grab(true, true).indent(8, 8).applyTo(c);
        BeatClassifier.Settings d = BeatClassifier.Settings.defaults();

        db = field(c, "&Database folder:", ClassifierState.database().toString());
        browse(c, "Bro&wse...", () -> {
            DirectoryDialog dd = new DirectoryDialog(getShell());
            dd.setText("MIT-BIH Database Folder");
            dd.setFilterPath(db.getText());
            return dd.open();
        }, db);
        records = field(c, "&Records:", "");
        records.setMessage("all records with .atr annotations (inter: DS1 and DS2)");
        new Label(c, SWT.NONE);
        label(c, "&Protocol:");
        protocol = new Combo(c, SWT.READ_ONLY);
        protocol.setItems("inter (train DS1, test DS2)", "intra (80/20 of all beats)");
        protocol.select(0);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(protocol);
        epochs = field(c, "&Epochs:", Integer.toString(d.epochs()));
        new Label(c, SWT.NONE);
        maxBeats = field(c, "&Max training beats:", "0");
        maxBeats.setToolTipText("0: every training beat; otherwise the minority classes are kept and N beats dropped");
        new Label(c, SWT.NONE);
        out = field(c, "Model &file:", defaultModel(Protocol.INTER).toString());
        browse(c, "Brow&se...", () -> {
            FileDialog fd = new FileDialog(getShell(), SWT.SAVE);
            fd.setText("Save Beat Classifier As");
            fd.setFilterExtensions(new String[] { "*.zip" });
            fd.setOverwrite(true);
            fd.setFileName(out.getText());
            return fd.open();
        }, out);
        protocol.addListener(SWT.Selection, e -> {
            // follow the protocol while the file is still a default name
            for (Protocol p : Protocol.values())
                if (out.getText().equals(defaultModel(p).toString()))
                    out.setText(defaultModel(selected()).toString());
        });
        return area;
    }

    private Protocol selected() {
        return protocol.getSelectionIndex() == 1 ? Protocol.INTRA : Protocol.INTER;
    }

    private static Path defaultModel(Protocol p) {
        return ClassifierState.modelFolder().resolve("ekg-beats-" + p.id() + ".zip");
    }

    private static void label(Composite c, String text) {
        new Label(c, SWT.NONE).setText(text);
    }

    private static Text field(Composite c, String label, String value) {
        label(c, label);
        Text t = new Text(c, SWT.BORDER);
        t.setText(value);
        GridDataFactory.fillDefaults().grab(true, false).hint(460, SWT.DEFAULT).applyTo(t);
        return t;
    }

    private static void browse(Composite c, String label, java.util.function.Supplier<String> chooser, Text target) {
        Button b = new Button(c, SWT.PUSH);
        b.setText(label);
        b.addListener(SWT.Selection, e -> {
            String chosen = chooser.get();
            if (chosen != null)
                target.setText(chosen);
        });
    }

    @Override
    protected void okPressed() {
        Path folder = Path.of(db.getText().trim());
        if (!Files.isDirectory(folder)) {
            setErrorMessage("Database folder: " + folder + " is not a folder");
            return;
        }
        List<String> recs = Arrays.stream(records.getText().split("[,\\s]+")).filter(r -> !r.isEmpty()).toList();
        for (String r : recs)
            if (!Files.isRegularFile(folder.resolve(r + ".hea")) || !Files.isRegularFile(folder.resolve(r + ".atr"))) {
                setErrorMessage("Records: " + r + " has no " + r + ".hea with " + r + ".atr in " + folder);
                return;
            }
        int e = number(epochs, "Epochs", 1), cap = number(maxBeats, "Max training beats", 0);
        if (e < 0 || cap < 0)
            return;
        String file = out.getText().trim();
        if (file.isEmpty()) {
            setErrorMessage("Model file: give a file name");
            return;
        }
        Path model = Path.of(file.endsWith(".zip") ? file : file + ".zip").toAbsolutePath();
        BeatClassifier.Settings s = BeatClassifier.Settings.defaults().withEpochs(e).withMaxTrainBeats(cap);
        request = new ClassifierJobs.TrainRequest(folder, selected(), recs.isEmpty() ? null : recs, s, model);
        super.okPressed();
    }

    /** The field's whole number >= min, or -1 after showing the error. */
    private int number(Text t, String name, int min) {
        try {
            int v = Integer.parseInt(t.getText().trim());
            if (v >= min)
                return v;
        } catch (NumberFormatException ignored) {
            // the message below says what is expected
        }
        setErrorMessage(name + ": a whole number >= " + min + " expected, not '" + t.getText().trim() + "'");
        return -1;
    }
}
