package convbench.ekg.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import convbench.ekg.classify.Protocol;

/** EKG > Evaluate: where the test records are and which protocol's test set (by default the model's own). */
final class EvaluateDialog extends TitleAreaDialog {
    private final ClassifierState.Current model;
    private Text db;
    private Combo protocol;
    private Path folder;
    private Protocol chosen;

    EvaluateDialog(Shell parent, ClassifierState.Current model) {
        super(parent);
        this.model = model;
    }

    Path database() {
        return folder;
    }

    /** null: the protocol the model was trained with. */
    Protocol protocol() {
        return chosen;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Evaluate Beat Classifier");
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Test " + model.file().getFileName() + " on its protocol's test beats");
        setMessage("intra: the same seeded 20 % of the model's records' beats as in training;  inter: DS2 (paced records excluded)");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        GridDataFactory.fillDefaults().grab(true, true).indent(8, 8).applyTo(c);
        new Label(c, SWT.NONE).setText("&Database folder:");
        db = new Text(c, SWT.BORDER);
        db.setText(ClassifierState.database().toString());
        GridDataFactory.fillDefaults().grab(true, false).hint(460, SWT.DEFAULT).applyTo(db);
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("Bro&wse...");
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog dd = new DirectoryDialog(getShell());
            dd.setText("MIT-BIH Database Folder");
            dd.setFilterPath(db.getText());
            String s = dd.open();
            if (s != null)
                db.setText(s);
        });
        new Label(c, SWT.NONE).setText("&Protocol:");
        protocol = new Combo(c, SWT.READ_ONLY);
        protocol.setItems("as trained (" + model.model().info().protocol() + ")", "intra", "inter");
        protocol.select(0);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(protocol);
        return area;
    }

    @Override
    protected void okPressed() {
        Path f = Path.of(db.getText().trim());
        if (!Files.isDirectory(f)) {
            setErrorMessage("Database folder: " + f + " is not a folder");
            return;
        }
        folder = f;
        chosen = switch (protocol.getSelectionIndex()) {
            case 1 -> Protocol.INTRA;
            case 2 -> Protocol.INTER;
            default -> null;
        };
        super.okPressed();
    }
}
