package convbench.face.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** An identity (typed or picked from the database) and an image file: the input of Enrol Person and Verify. */
final class PersonImageDialog extends Dialog {
    static final String[] IMAGE_FILTERS = { "*.jpg;*.jpeg;*.png;*.JPG;*.JPEG;*.PNG;*.bmp;*.gif", "*" };
    static final String[] IMAGE_FILTER_NAMES = { "Images (JPEG, PNG, BMP, GIF)", "All files" };

    private final String title;
    private final String intro;
    private final Path database;
    private final Collection<String> identities;
    private Combo identityField;
    private Text imageField;
    private String identity;
    private Path image;

    PersonImageDialog(Shell parent, String title, String intro, Path database, Collection<String> identities) {
        super(parent);
        this.title = title;
        this.intro = intro;
        this.database = database;
        this.identities = identities;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(title);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Label text = new Label(c, SWT.WRAP);
        text.setText(intro);
        text.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        new Label(c, SWT.NONE).setText("Database:");
        Label db = new Label(c, SWT.NONE);
        db.setText(database + (Files.exists(database) ? "" : "  (new)"));
        db.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        // identity first: it has the focus, and Tab then Return takes a typed image path straight to OK
        new Label(c, SWT.NONE).setText("Identity:");
        identityField = new Combo(c, SWT.DROP_DOWN);
        identityField.setItems(identities.toArray(String[]::new));
        identityField.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        new Label(c, SWT.NONE).setText("Image:");
        imageField = new Text(c, SWT.BORDER | SWT.SINGLE);
        GridData wide = new GridData(SWT.FILL, SWT.CENTER, true, false);
        wide.widthHint = 420;
        imageField.setLayoutData(wide);
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("Browse...");
        browse.addListener(SWT.Selection, e -> {
            FileDialog fd = new FileDialog(getShell(), SWT.OPEN);
            fd.setText(title + ": Image");
            fd.setFilterExtensions(IMAGE_FILTERS);
            fd.setFilterNames(IMAGE_FILTER_NAMES);
            String chosen = fd.open();
            if (chosen != null)
                imageField.setText(chosen);
        });
        identityField.addListener(SWT.Modify, e -> validate());
        imageField.addListener(SWT.Modify, e -> validate());
        c.setTabList(new Control[] { identityField, imageField, browse });
        identityField.setFocus();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    private void validate() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null && identityField != null)
            ok.setEnabled(!identityField.getText().isBlank() && !imageField.getText().isBlank());
    }

    @Override
    protected void okPressed() {
        identity = identityField.getText().strip();
        image = Path.of(imageField.getText().strip());
        super.okPressed();
    }

    String identity() {
        return identity;
    }

    Path image() {
        return image;
    }
}
