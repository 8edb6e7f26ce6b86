package convbench.ekg.ui.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.ekg.AamiClass;
import convbench.ekg.Annotation;
import convbench.ekg.BeatScorer;
import convbench.ekg.EcgRecord;
import convbench.ekg.ui.BeatDetection;
import convbench.ekg.ui.EcgEditor;

/**
 * EKG > Export Beats as CSV...: the detected beats (or, before a detection, the reference beats) with time, RR
 * interval and the reference label within the 150 ms match window. Written to a temporary file that is then moved
 * over the target, so a failed export never leaves half a file.
 */
public final class ExportBeatsHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        EcgEditor editor = EkgUi.activeEditor(event);
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        EcgRecord rec = editor.record();
        BeatDetection detection = editor.detection();
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText("Export Beats as CSV");
        dialog.setFilterExtensions(new String[] { "*.csv" });
        dialog.setFileName(rec.name() + (detection != null ? "-detected" : "-reference") + "-beats.csv");
        Path dir = rec.source().toAbsolutePath().getParent();
        dialog.setFilterPath((dir != null && Files.isWritable(dir) ? dir : Path.of(System.getProperty("user.home"))).toString());
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null)
            return null;
        Path target = Path.of(chosen);
        Job job = Job.create("Exporting beats of " + rec.name(), monitor -> {
            try {
                int n = write(target, rec, detection);
                EkgUi.LOG.info("Exported " + n + " beats of " + rec.name() + " to " + target);
                shell.getDisplay().asyncExec(() -> editor.getEditorSite().getActionBars().getStatusLineManager()
                        .setMessage("Exported " + n + " beats to " + target));
            } catch (IOException | RuntimeException e) {
                EkgUi.error(shell, "Export Failed", "Could not write " + target + ":\n\n" + EkgUi.message(e), e);
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return null;
    }

    /** Writes the CSV atomically; returns the number of beats. */
    static int write(Path target, EcgRecord rec, BeatDetection detection) throws IOException {
        List<Annotation> refBeats = rec.annotations().stream().filter(Annotation::isBeat).toList();
        long[] ref = refBeats.stream().mapToLong(Annotation::sample).toArray();
        long[] beats = detection != null ? java.util.Arrays.stream(detection.beats()).asLongStream().toArray() : ref;
        String source = detection != null ? "detected:" + rec.signals().get(detection.lead()).name() : "reference";
        long window = Math.round(BeatScorer.MATCH_WINDOW_SECONDS * rec.fs());
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("record,sample,time_s,rr_ms,source,reference_symbol,aami_class\n");
                for (int i = 0; i < beats.length; i++) {
                    Annotation match = nearest(refBeats, ref, beats[i], window);
                    AamiClass c = match == null ? null : AamiClass.of(match);
                    w.write(String.format(Locale.ROOT, "%s,%d,%.4f,%s,%s,%s,%s%n", rec.name(), beats[i], beats[i] / rec.fs(),
                            i == 0 ? "" : String.format(Locale.ROOT, "%.1f", (beats[i] - beats[i - 1]) * 1000 / rec.fs()),
                            source, match == null ? "" : match.symbol(), c == null ? "" : c.name()));
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return beats.length;
    }

    /** The reference beat nearest to {@code sample} within {@code window} samples, or null. */
    private static Annotation nearest(List<Annotation> refBeats, long[] ref, long sample, long window) {
        int j = EcgPaperCanvas.lowerBound(ref, sample);
        int best = -1;
        for (int k = Math.max(0, j - 1); k <= Math.min(ref.length - 1, j); k++)
            if (Math.abs(ref[k] - sample) <= window && (best < 0 || Math.abs(ref[k] - sample) < Math.abs(ref[best] - sample)))
                best = k;
        return best < 0 ? null : refBeats.get(best);
    }
}
