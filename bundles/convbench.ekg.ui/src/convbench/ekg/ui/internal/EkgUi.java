package convbench.ekg.ui.internal;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.ekg.ui.EcgEditor;

/** What the EKG handlers share: the active record editor, the log, and error dialogs from any thread. */
final class EkgUi {
    static final String PLUGIN = "convbench.ekg.ui";
    static final ILog LOG = ILog.of(EkgUi.class);

    private EkgUi() {
    }

    static EcgEditor activeEditor(ExecutionEvent event) throws ExecutionException {
        IEditorPart part = HandlerUtil.getActiveEditor(event);
        if (part instanceof EcgEditor editor)
            return editor;
        throw new ExecutionException("No ECG record is open: use EKG > Open Record... first");
    }

    /** The current beat classifier, or a message saying how to get one. */
    static ClassifierState.Current currentModel() throws ExecutionException {
        ClassifierState.Current c = ClassifierState.current();
        if (c == null)
            throw new ExecutionException("No beat classifier yet: use EKG > Train Classifier... or EKG > Open Classifier Model... first");
        return c;
    }

    /** Shows an error dialog on the UI thread and writes it to the Error Log. */
    static void error(Shell shell, String title, String message, Throwable cause) {
        LOG.log(Status.error(message, cause));
        Display display = shell != null && !shell.isDisposed() ? shell.getDisplay() : Display.getDefault();
        display.asyncExec(() -> MessageDialog.openError(shell == null || shell.isDisposed() ? null : shell, title, message));
    }

    /** The message of a failure, never empty: readers' messages already name the file and the place. */
    static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    }
}
