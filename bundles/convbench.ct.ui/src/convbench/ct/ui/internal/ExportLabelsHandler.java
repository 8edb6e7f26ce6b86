package convbench.ct.ui.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.compute.ui.ComputeUi;
import convbench.ct.api.DicomSegExport;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.Nifti;
import convbench.ct.api.Volume;

/**
 * CT > Export Labels...: the viewer's overlay as a NIfTI label map on the volume's grid (probabilities are cut at
 * 0.5), or, for a volume loaded from a DICOM series, as a DICOM SEG referring to that series (a .dcm name or the
 * DICOM SEG filter). Enabled only while the active viewer has an overlay. Both writers go through a temporary file.
 */
public final class ExportLabelsHandler extends AbstractHandler {
    // the workbench re-asks handlers on part changes only; overlay changes come through here
    private static final Set<ExportLabelsHandler> LIVE = ConcurrentHashMap.newKeySet();

    public ExportLabelsHandler() {
        LIVE.add(this);
        refresh();
    }

    static void overlayChanged() {
        for (ExportLabelsHandler h : LIVE)
            h.refresh();
    }

    private void refresh() {
        CtViewerEditor v = CtViewerEditor.active();
        setBaseEnabled(v != null && v.overlay() != null);
    }

    @Override
    public void setEnabled(Object evaluationContext) {
        refresh();
    }

    @Override
    public void dispose() {
        LIVE.remove(this);
        super.dispose();
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        CtViewerEditor viewer = CtViewerEditor.active(window);
        if (viewer == null || viewer.overlay() == null)
            return null;
        Overlay o = viewer.overlay();
        LoadedSeries series = viewer.series();
        FileDialog d = new FileDialog(window.getShell(), SWT.SAVE);
        // DICOM SEG refers to the source images: offered only for a volume loaded from a DICOM series
        d.setText(series == null ? "Export Labels as NIfTI" : "Export Labels as NIfTI or DICOM SEG");
        d.setFilterExtensions(series == null ? new String[] { "*.nii.gz", "*.nii" } : new String[] { "*.nii.gz", "*.nii", "*.dcm" });
        d.setFilterNames(series == null ? new String[] { "NIfTI label map (*.nii.gz)", "NIfTI label map (*.nii)" }
                : new String[] { "NIfTI label map (*.nii.gz)", "NIfTI label map (*.nii)", "DICOM SEG (*.dcm)" });
        d.setFilterPath(o.file().getParent() == null ? null : o.file().getParent().toString());
        d.setFileName(viewer.getPartName().replaceAll("[^A-Za-z0-9._-]+", "_") + "_labels.nii.gz");
        d.setOverwrite(true);
        String name = d.open();
        if (name == null)
            return null;
        boolean seg = series != null && (name.toLowerCase(Locale.ROOT).endsWith(".dcm") || d.getFilterIndex() == 2);
        Path out = Path.of(seg ? name.replaceFirst("(?i)\\.nii(\\.gz)?$", "") + (name.toLowerCase(Locale.ROOT).endsWith(".dcm") ? "" : ".dcm")
                : name.endsWith(".nii") || name.endsWith(".nii.gz") ? name : name + ".nii.gz");
        ComputeUi.schedule(CtUi.cpuJob("Exporting labels to " + out.getFileName(), 2 * o.volume().voxelBytes(), 1, ctx -> {
            Volume labels = labels(o);
            ctx.progress(0.3, "writing " + out);
            if (!seg) {
                Nifti.write(labels, out);
                return out.getFileName().toString();
            }
            DicomSegExport.Result r = DicomSegExport.write(CtUi.toolkit(), series, labels, o.file().toString(), Map.of(), out);
            return String.format(Locale.ROOT, "%s (DICOM SEG: %d segment(s), %d frame(s), referring to %d image(s))",
                    out.getFileName(), r.segments(), r.frames(), r.sourceImages());
        }), written -> viewer.getEditorSite().getActionBars().getStatusLineManager().setMessage("Labels written to " + written));
        return null;
    }

    /** Label maps as they are; probabilities become 1 where p >= 0.5. */
    static Volume labels(Overlay o) {
        Volume v = o.volume();
        if (!o.probability() && v.isShort())
            return v.kind() == Volume.Kind.LABEL ? v : relabel(v);
        Volume out = Volume.ofShorts(v.nx(), v.ny(), v.nz(), v.spacing(), v.origin(), v.axes()).kind(Volume.Kind.LABEL);
        for (int k = 0; k < v.nz(); k++) {
            float[] f = v.sliceValues(k);
            short[] s = out.shortSlice(k);
            for (int i = 0; i < f.length; i++)
                s[i] = (short) (o.probability() ? (f[i] >= 0.5f ? 1 : 0) : Math.round(f[i]));
        }
        return out;
    }

    /** The same voxels marked as labels (a view sharing the slices, so the overlay itself is not changed). */
    private static Volume relabel(Volume v) {
        java.util.List<short[]> slices = new java.util.ArrayList<>();
        for (int k = 0; k < v.nz(); k++)
            slices.add(v.shortSlice(k));
        return Volume.wrapShorts(v.nx(), v.ny(), slices, v.spacing(), v.origin(), v.axes(), v.scale(), v.offset())
                .kind(Volume.Kind.LABEL);
    }
}
