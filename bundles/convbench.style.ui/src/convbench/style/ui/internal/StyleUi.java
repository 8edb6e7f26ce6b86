package convbench.style.ui.internal;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** What the Style handlers and views share: the log and error dialogs from any thread. */
final class StyleUi {
    static final String PLUGIN = "convbench.style.ui";
    static final ILog LOG = ILog.of(StyleUi.class);

    private StyleUi() {
    }

    /** Shows an error dialog on the UI thread and writes it to the Error Log. */
    static void error(Shell shell, String title, String message, Throwable cause) {
        LOG.log(Status.error(title + ": " + message, cause));
        Display display = shell != null && !shell.isDisposed() ? shell.getDisplay() : Display.getDefault();
        display.asyncExec(() -> MessageDialog.openError(shell == null || shell.isDisposed() ? null : shell, title, message));
    }

    /** The message of a failure, never empty: the readers' messages already name the file. */
    static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    }
}
