package convbench.face.ui.internal;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.face.FaceDatabase;
import convbench.face.FaceException;

/**
 * Face > Manage Database: identities with their embedding counts; remove, export, import. Only embeddings are stored
 * (never photos), so these are small JSON reads and writes, done directly rather than as compute jobs.
 */
public final class ManageDatabaseHandler extends AbstractHandler {
    static final String TITLE = "Face Database";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        Path file = FaceUi.databaseFile();
        try {
            new ManageDialog(shell, file, FaceDatabase.loadOrCreate(file)).open();
        } catch (FaceException e) {
            FaceUi.error(shell, TITLE, e.getMessage(), e);
        }
        return null;
    }

    private static final class ManageDialog extends Dialog {
        private final Path file;
        private FaceDatabase db;
        private Table table;
        private Label status;

        ManageDialog(Shell parent, Path file, FaceDatabase db) {
            super(parent);
            this.file = file;
            this.db = db;
        }

        @Override
        protected void configureShell(Shell shell) {
            super.configureShell(shell);
            shell.setText(TITLE);
        }

        @Override
        protected boolean isResizable() {
            return true;
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            Composite area = (Composite) super.createDialogArea(parent);
            area.setLayout(new GridLayout(2, false));
            Label where = new Label(area, SWT.WRAP);
            where.setText("Database: " + file + "\nMetric: squared L2, " + FaceDatabase.METRIC_TEXT + "; default tau "
                    + FaceDatabase.DEFAULT_THRESHOLD);
            where.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
            table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
            table.setHeaderVisible(true);
            TableColumn name = new TableColumn(table, SWT.LEFT);
            name.setText("Identity");
            name.setWidth(260);
            TableColumn count = new TableColumn(table, SWT.RIGHT);
            count.setText("Embeddings");
            count.setWidth(110);
            GridData tableData = new GridData(SWT.FILL, SWT.FILL, true, true);
            tableData.heightHint = 220;
            table.setLayoutData(tableData);
            Composite buttons = new Composite(area, SWT.NONE);
            buttons.setLayout(new GridLayout(1, true));
            buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
            button(buttons, "&Remove", this::remove);
            button(buttons, "&Export...", this::export);
            button(buttons, "&Import...", this::importFile);
            status = new Label(area, SWT.NONE);
            status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
            refresh(null);
            FaceUi.LOG.info("Face database " + file + ": " + listing());
            // the list has the focus with its first row selected: arrow keys pick, Alt+R removes
            if (table.getItemCount() > 0)
                table.setSelection(0);
            table.setFocus();
            return area;
        }

        @Override
        protected void createButtonsForButtonBar(Composite parent) {
            createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
        }

        private static void button(Composite parent, String text, Runnable action) {
            Button b = new Button(parent, SWT.PUSH);
            b.setText(text);
            b.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
            b.addListener(SWT.Selection, e -> action.run());
        }

        private void refresh(String message) {
            table.removeAll();
            for (String id : db.identities()) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(new String[] { id, Integer.toString(db.embeddings(id)) });
            }
            status.setText(message != null ? message : db.size() + " person(s)" + (db.size() == 0 ? ": enrol with Face > Enrol Person..." : ""));
            status.getParent().layout();
        }

        /** "obama (2), biden (1)": identities and embedding counts, for the log. */
        private String listing() {
            StringBuilder b = new StringBuilder(db.size() + " person(s)");
            String sep = ": ";
            for (String id : db.identities()) {
                b.append(sep).append(id).append(" (").append(db.embeddings(id)).append(')');
                sep = ", ";
            }
            return b.toString();
        }

        private void remove() {
            TableItem[] selected = table.getSelection();
            if (selected.length == 0) {
                refresh("Select the identities to remove first.");
                return;
            }
            StringBuilder names = new StringBuilder();
            for (TableItem item : selected)
                names.append(names.isEmpty() ? "" : ", ").append(item.getText(0));
            if (!MessageDialog.openConfirm(getShell(), "Remove Identities", "Remove " + names + " and all their embeddings from " + file + "?"))
                return;
            for (TableItem item : selected)
                db.remove(item.getText(0));
            if (save()) {
                FaceUi.LOG.info("Removed " + names + " from face database " + file + "; now " + listing());
                refresh("Removed " + names + ".");
            }
        }

        private void export() {
            FileDialog fd = new FileDialog(getShell(), SWT.SAVE);
            fd.setText(TITLE + ": Export");
            fd.setFileName("faces-export.db");
            fd.setOverwrite(true);
            String chosen = fd.open();
            if (chosen == null)
                return;
            try {
                db.save(Path.of(chosen)); // the database format is the export format (embeddings only, 0600)
                FaceUi.LOG.info("Exported face database " + file + " to " + chosen);
                refresh("Exported " + db.size() + " person(s) to " + chosen + ".");
            } catch (FaceException e) {
                MessageDialog.openError(getShell(), TITLE, e.getMessage());
            }
        }

        private void importFile() {
            FileDialog fd = new FileDialog(getShell(), SWT.OPEN);
            fd.setText(TITLE + ": Import");
            String chosen = fd.open();
            if (chosen == null)
                return;
            try {
                // into a copy, so a file with a different alignment or a malformed row changes nothing
                FaceDatabase merged = FaceDatabase.loadOrCreate(file);
                int added = merged.importFrom(Path.of(chosen));
                db = merged;
                if (save()) {
                    FaceUi.LOG.info("Imported " + added + " embedding(s) from " + chosen + " into " + file);
                    refresh("Imported " + added + " embedding(s) from " + chosen + ".");
                }
            } catch (FaceException e) {
                MessageDialog.openError(getShell(), TITLE, e.getMessage());
            }
        }

        private boolean save() {
            try {
                db.save(file);
                return true;
            } catch (FaceException e) {
                MessageDialog.openError(getShell(), TITLE, e.getMessage());
                return false;
            }
        }
    }
}
