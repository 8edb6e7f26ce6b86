package convbench.ct.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;

import convbench.compute.ui.ResultEditor;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.Planes.Plane;
import convbench.ct.api.Volume;

/**
 * The three-plane CT viewer: axial, coronal and sagittal canvases with a linked crosshair, and an info panel (geometry,
 * loader notes, the value under the mouse, window and overlay opacity). State lives on the UI thread; slices are
 * rendered on one background thread per viewer. Drop a folder or volume file on it to open that.
 */
public final class CtViewerEditor extends ResultEditor {
    public static final String ID = "convbench.ct.ui.viewer";

    private CtVolumeInput in;
    private final int[] cursor = new int[3];
    private double center = 40, width = 400;
    private int opacity = 50;
    private Overlay overlay;
    private ExecutorService renderer;
    private final List<PlaneCanvas> planes = new ArrayList<>();
    private Text info;
    private Label readout;
    private Label opacityLabel;
    private org.eclipse.swt.widgets.List detections;
    private final List<int[]> detectionVoxels = new ArrayList<>();

    public CtViewerEditor() {
        super(CtVolumeInput.class, "");
    }

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        super.init(site, input);
        CtVolumeInput c = (CtVolumeInput) input;
        in = c;
        Volume v = c.volume();
        cursor[0] = v.nx() / 2;
        cursor[1] = v.ny() / 2;
        cursor[2] = v.nz() / 2;
        double[] r = c.range();
        if (!"HU".equals(c.unit())) { // no Hounsfield scale: start with the full range
            center = (r[0] + r[1]) / 2;
            width = Math.max(1, r[1] - r[0]);
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        renderer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "convbench-ct-render " + in.name());
            t.setDaemon(true);
            return t;
        });
        GridLayoutFactory.fillDefaults().numColumns(2).equalWidth(true).spacing(2, 2).applyTo(parent);
        for (Plane p : new Plane[] { Plane.AXIAL, Plane.CORONAL, Plane.SAGITTAL }) {
            PlaneCanvas c = new PlaneCanvas(parent, this, p);
            GridDataFactory.fillDefaults().grab(true, true).hint(100, 100).applyTo(c.canvas);
            planes.add(c);
            acceptDrops(c.canvas);
        }
        Composite side = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).hint(100, 100).applyTo(side);
        GridLayoutFactory.fillDefaults().numColumns(3).margins(6, 4).applyTo(side);
        info = new Text(side, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).span(3, 1).hint(100, 60).applyTo(info);
        acceptDrops(info);
        readout = new Label(side, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).hint(100, SWT.DEFAULT).applyTo(readout);
        new Label(side, SWT.NONE).setText("Overlay opacity");
        Scale scale = new Scale(side, SWT.HORIZONTAL);
        scale.setMinimum(0);
        scale.setMaximum(100);
        scale.setIncrement(5);
        scale.setPageIncrement(10);
        scale.setSelection(opacity);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(scale);
        opacityLabel = new Label(side, SWT.NONE);
        opacityLabel.setText(opacity + " %   ");
        scale.addListener(SWT.Selection, e -> {
            opacity = scale.getSelection();
            opacityLabel.setText(opacity + " %");
            if (overlay != null)
                renderAll();
        });
        detections = new org.eclipse.swt.widgets.List(side, SWT.SINGLE | SWT.BORDER | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).hint(100, 70).applyTo(detections);
        detections.setItems("Detections: CT > Run Analysis");
        detections.setToolTipText("Lesion candidates of the last analysis; select one to move the crosshair to it");
        detections.addListener(SWT.Selection, e -> {
            int i = detections.getSelectionIndex();
            if (i >= 0 && i < detectionVoxels.size())
                setCursor(detectionVoxels.get(i));
        });
        showReadout(null);
        updateInfo();
        renderAll();
    }

    /**
     * Shows an analysis' candidates (label and voxel of the volume each), highest score first, and moves the crosshair
     * to the first.
     */
    void setDetections(List<String> labels, List<int[]> voxels) {
        detectionVoxels.clear();
        detectionVoxels.addAll(voxels);
        detections.setItems(labels.isEmpty() ? new String[] { "No lesion candidates (p >= 0.5 nowhere)" } : labels.toArray(new String[0]));
        if (!voxels.isEmpty()) {
            detections.select(0);
            setCursor(voxels.get(0));
        }
    }

    private void acceptDrops(Control c) {
        DropTarget t = new DropTarget(c, DND.DROP_COPY | DND.DROP_LINK | DND.DROP_DEFAULT);
        t.setTransfer(new Transfer[] { FileTransfer.getInstance() });
        t.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent e) {
                if (e.detail == DND.DROP_DEFAULT)
                    e.detail = (e.operations & DND.DROP_COPY) != 0 ? DND.DROP_COPY : DND.DROP_LINK;
            }

            @Override
            public void drop(DropTargetEvent e) {
                if (e.data instanceof String[] files && files.length > 0)
                    for (String f : files)
                        if (Files.exists(Path.of(f)))
                            CtUi.open(getSite().getWorkbenchWindow(), Path.of(f));
            }
        });
    }

    Volume volume() {
        return in.volume();
    }

    /** The DICOM load behind the volume, or null for NIfTI / InVesalius volumes. */
    LoadedSeries series() {
        return in.series();
    }

    Overlay overlay() {
        return overlay;
    }

    /** The crosshair voxel (live array: read-only for callers). */
    int[] cursor() {
        return cursor;
    }

    double windowCenter() {
        return center;
    }

    double windowWidth() {
        return width;
    }

    ExecutorService renderer() {
        return renderer;
    }

    PlaneCanvas.Request request(Plane p) {
        return new PlaneCanvas.Request(in.volume(), overlay, cursor[p.fixedAxis()], center, width, opacity);
    }

    void setWindow(double c, double w) {
        center = c;
        width = Math.max(1, w);
        renderAll();
    }

    void setOverlay(Overlay o) {
        overlay = o;
        updateInfo();
        renderAll();
        ExportLabelsHandler.overlayChanged();
    }

    /** Moves the crosshair; planes whose slice changed re-render, the others only move their lines. */
    void setCursor(int[] ijk) {
        Volume v = in.volume();
        int[] dims = v.dims();
        for (PlaneCanvas p : planes) {
            int a = p.plane.fixedAxis(), value = Math.max(0, Math.min(dims[a] - 1, ijk[a]));
            boolean changed = value != cursor[a];
            cursor[a] = value;
            if (changed)
                p.render();
        }
        for (PlaneCanvas p : planes)
            p.redraw();
        showReadout(cursor.clone());
    }

    void scroll(Plane p, int delta) {
        int[] c = cursor.clone();
        c[p.fixedAxis()] += delta;
        setCursor(c);
    }

    private void renderAll() {
        for (PlaneCanvas p : planes)
            p.render();
    }

    /** Value, voxel index and patient position under the mouse (or at the crosshair); null clears it. */
    void showReadout(int[] ijk) {
        if (readout == null || readout.isDisposed())
            return;
        if (ijk == null) {
            readout.setText("Move the mouse over a plane: " + in.unit() + ", voxel and patient position appear here."
                    + "\nLeft: crosshair  Right-drag: window  Wheel: slices  Ctrl+wheel: zoom  Shift/middle-drag: pan");
            return;
        }
        Volume v = in.volume();
        double[] w = v.world(ijk[0], ijk[1], ijk[2]);
        String over = "";
        if (overlay != null) {
            float o = overlay.volume().get(ijk[0], ijk[1], ijk[2]);
            over = overlay.probability() ? String.format(Locale.ROOT, "   overlay p = %.3f", o)
                    : String.format(Locale.ROOT, "   label %d", Math.round(o));
        }
        readout.setText(String.format(Locale.ROOT, "%s %.0f%s\nvoxel (%d, %d, %d)   patient (%.1f, %.1f, %.1f) mm LPS", in.unit(),
                v.get(ijk[0], ijk[1], ijk[2]), over, ijk[0], ijk[1], ijk[2], w[0], w[1], w[2]));
        readout.getParent().layout(true);
    }

    private void updateInfo() {
        Volume v = in.volume();
        double[] s = v.spacing();
        StringBuilder b = new StringBuilder();
        LoadedSeries ls = in.series();
        b.append(in.name()).append('\n');
        if (ls != null)
            b.append(String.format(Locale.ROOT, "Series %d %s, %s, %d images used\n", ls.series().seriesNumber(),
                    ls.series().description().isEmpty() ? "(no description)" : "'" + ls.series().description() + "'",
                    ls.series().modality(), ls.slicesUsed()));
        b.append("Source: ").append(in.source()).append('\n');
        b.append(String.format(Locale.ROOT, "Size: %d x %d x %d voxels\nSpacing: %.4g x %.4g x %.4g mm\n", v.nx(), v.ny(), v.nz(), s[0],
                s[1], s[2]));
        if (ls != null) {
            double[] a = ls.acquiredSpacing();
            b.append(String.format(Locale.ROOT, "Slice distance (acquired): %.4g mm%s\n", a[2],
                    ls.variableSpacing() ? " - VARIABLE, resampled to a uniform grid" : ", uniform"));
            b.append(String.format(Locale.ROOT, "Gantry tilt: %.2f deg%s\n", ls.tiltDegrees(),
                    ls.deTilted() ? " - de-tilted (sheared onto an orthogonal grid)" : ls.tilted() ? " - kept sheared" : ""));
        } else {
            b.append("Slice distance: ").append(String.format(Locale.ROOT, "%.4g mm", s[2])).append('\n');
        }
        b.append(String.format(Locale.ROOT, "%s range: %.0f .. %.0f\n", in.unit(), in.range()[0], in.range()[1]));
        if (overlay != null)
            b.append("Overlay: ").append(overlay.file().getFileName()).append(" (").append(overlay.note()).append(")\n");
        for (String n : in.notes())
            b.append("! ").append(n).append('\n');
        info.setText(b.toString());
    }

    @Override
    public void setFocus() {
        if (!planes.isEmpty())
            planes.get(0).canvas.setFocus();
    }

    @Override
    public void dispose() {
        if (renderer != null)
            renderer.shutdownNow();
        super.dispose();
        ExportLabelsHandler.overlayChanged();
    }

    /** The viewer in the active part of the workbench window, or null. */
    static CtViewerEditor active(IWorkbenchWindow window) {
        if (window == null)
            return null;
        IWorkbenchPage page = window.getActivePage();
        IEditorPart e = page == null ? null : page.getActiveEditor();
        return e instanceof CtViewerEditor v ? v : null;
    }

    static CtViewerEditor active() {
        return PlatformUI.isWorkbenchRunning() ? active(PlatformUI.getWorkbench().getActiveWorkbenchWindow()) : null;
    }
}
