package convbench.units.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import convbench.core.units.UnitExplorer;

/**
 * Compute > Explore Units...: what {@code ./convbench units} takes. A ConvBench model file or a TF.js layers
 * model.json, the data (a .npy of examples or a folder of images), and optionally the layer and unit to explore at
 * once.
 */
final class ExploreUnitsDialog extends TitleAreaDialog {
    /** What OK hands to the handler; layer null: choose in the view. */
    record Request(Path model, Path data, String layer, int unit, int k) {
    }

    private Text model, data, layer;
    private Spinner unit, k;
    private Request request;

    ExploreUnitsDialog(Shell parent) {
        super(parent);
    }

    Request request() {
        return request;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Explore Units");
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Unit explorer: what excites a unit most");
        setMessage("Scans the data and shows the k inputs with the highest activation of one unit, as receptive-field patches.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(4, false));
        GridDataFactory.fillDefaults().grab(true, true).indent(8, 8).applyTo(c);
        model = text(c, "&Model (.zip or TF.js model.json):", 2);
        browse(c, "Browse...", false, model, new String[] { "*.zip;*.json", "*.*" });
        data = text(c, "&Data (.npy or image folder):", 1);
        browse(c, "File...", false, data, new String[] { "*.npy", "*.*" });
        browse(c, "Folder...", true, data, null);
        layer = text(c, "&Layer (empty: choose in the view):", 3);
        label(c, "&Unit:");
        unit = new Spinner(c, SWT.BORDER);
        unit.setValues(0, 0, 9999, 0, 1, 10);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(unit);
        label(c, "&k (patches):");
        k = new Spinner(c, SWT.BORDER);
        k.setValues(UnitExplorer.DEFAULT_K, 1, 64, 0, 1, 4);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(k);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "E&xplore", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    private static Label label(Composite c, String text) {
        Label l = new Label(c, SWT.NONE);
        l.setText(text);
        return l;
    }

    private static Text text(Composite c, String label, int span) {
        label(c, label);
        Text t = new Text(c, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).span(span, 1).hint(380, SWT.DEFAULT).applyTo(t);
        return t;
    }

    private Button browse(Composite c, String text, boolean folder, Text target, String[] filter) {
        Button b = new Button(c, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> {
            String chosen;
            if (folder) {
                DirectoryDialog d = new DirectoryDialog(getShell());
                d.setText("Folder of images");
                chosen = d.open();
            } else {
                FileDialog d = new FileDialog(getShell(), SWT.OPEN);
                d.setFilterExtensions(filter);
                chosen = d.open();
            }
            if (chosen != null)
                target.setText(chosen);
        });
        return b;
    }

    @Override
    protected void okPressed() {
        Path m = Path.of(model.getText().strip()), d = Path.of(data.getText().strip());
        if (model.getText().isBlank() || !Files.isRegularFile(m)) {
            setErrorMessage(model.getText().isBlank() ? "Choose a model file." : m + ": no such model file");
            return;
        }
        if (data.getText().isBlank() || !Files.exists(d)) {
            setErrorMessage(data.getText().isBlank() ? "Choose a .npy file or a folder of images." : d + ": no such file or folder");
            return;
        }
        String l = layer.getText().strip();
        request = new Request(m, d, l.isEmpty() ? null : l, unit.getSelection(), k.getSelection());
        super.okPressed();
    }
}
