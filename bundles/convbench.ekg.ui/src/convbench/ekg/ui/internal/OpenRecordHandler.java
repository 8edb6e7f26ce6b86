package convbench.ekg.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.ekg.EcgReaders;
import convbench.ekg.EcgRecord;
import convbench.ekg.ui.EcgEditor;
import convbench.ekg.ui.EcgRecordInput;

/**
 * EKG > Open Record...: a WFDB header, an EDF/EDF+, a CSV or a DICOM ECG waveform file, read in a background job,
 * shown on ECG paper.
 */
public final class OpenRecordHandler extends AbstractHandler {
    static final String DIALOG_TITLE = "Open ECG Record";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText(DIALOG_TITLE);
        dialog.setFilterExtensions(new String[] { "*.hea;*.edf;*.EDF;*.csv;*.dat;*.dcm", "*.hea", "*.edf;*.EDF", "*.csv",
                "*.dcm", "*" });
        dialog.setFilterNames(new String[] { "ECG records (WFDB, EDF, CSV, DICOM)", "WFDB headers (*.hea)", "EDF / EDF+ (*.edf)",
                "CSV (*.csv)", "DICOM ECG waveforms (*.dcm)", "All files" });
        String samples = System.getProperty("convbench.sampleData");
        if (samples != null && Files.isDirectory(Path.of(samples, "ekg")))
            dialog.setFilterPath(Path.of(samples, "ekg").toString());
        String chosen = dialog.open();
        if (chosen != null)
            open(Path.of(chosen), page, shell);
        return null;
    }

    /** Reads the record off the UI thread, then opens (or brings forward) its editor. */
    static void open(Path file, IWorkbenchPage page, Shell shell) {
        Job job = new Job("Reading " + file.getFileName()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask("Reading " + file, IProgressMonitor.UNKNOWN);
                EcgRecordInput input;
                try {
                    EcgRecord record = EcgReaders.open(file);
                    input = new EcgRecordInput(record);
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    EkgUi.error(shell, "Cannot Open ECG Record", "Could not read " + file.getFileName() + ":\n\n"
                            + EkgUi.message(e), e);
                    return Status.OK_STATUS; // already shown: no second dialog from the job framework
                } finally {
                    monitor.done();
                }
                if (monitor.isCanceled())
                    return Status.CANCEL_STATUS;
                shell.getDisplay().asyncExec(() -> {
                    try {
                        page.openEditor(input, EcgEditor.ID);
                        EkgUi.LOG.info("Opened ECG record " + input.record().name() + " from " + file);
                    } catch (PartInitException e) {
                        EkgUi.error(shell, "Cannot Open ECG Record", EkgUi.message(e), e);
                    }
                });
                return Status.OK_STATUS;
            }
        };
        job.setUser(true);
        job.schedule();
    }
}
