package convbench.units.ui.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;

import convbench.compute.ui.ComputeUi;
import convbench.core.units.UnitExplorer;
import convbench.units.ui.UnitExplorerInput;

/**
 * The Unit Explorer: a layer (the model's convolution, pooling and dense layers), a unit and k; Explore scans the
 * data on the compute service (progress in the Progress and Compute views, Explore turns into Cancel meanwhile) and
 * shows the k inputs that excite the unit most as their receptive-field patches, best first.
 */
public final class UnitExplorerView extends ViewPart {
    public static final String ID = "convbench.units.ui.view";

    /**
     * How the view was opened beyond the input: example names, what to release when the input is replaced, and an
     * exploration to start at once (layer null: none).
     */
    record Options(IntFunction<String> names, Runnable release, String layer, int unit, int k) {
    }

    private Label title, status;
    private ProgressBar bar;
    private Combo layer;
    private Spinner unit, k;
    private Button explore;
    private PatchGrid grid;
    private UnitExplorerInput input;
    private IntFunction<String> names = i -> "example " + i;
    private Runnable release;
    private List<LayerChoice> layers = List.of();
    private Job running;

    /** Shows the view on {@code input} (UI thread), the examples captioned by {@code names}, and explores the unit. */
    public static void show(IWorkbenchWindow window, UnitExplorerInput input, IntFunction<String> names, String layer, int unit,
            int k) {
        show(window, input, new Options(names, null, layer, unit, k));
    }

    /** Shows the view on {@code input} (UI thread); with options naming a layer, explores it at once. */
    public static void show(IWorkbenchWindow window, UnitExplorerInput input, Options options) {
        IWorkbenchPage page = window.getActivePage();
        UnitExplorerView view;
        try {
            view = (UnitExplorerView) page.showView(ID);
        } catch (PartInitException e) {
            throw new IllegalStateException("cannot open the Unit Explorer view: " + e.getMessage(), e);
        }
        // the patches need the whole window (the view has its own progress bar and Cancel); double-click restores
        IWorkbenchPartReference ref = page.findViewReference(ID);
        if (ref != null && page.getPartState(ref) != IWorkbenchPage.STATE_MAXIMIZED)
            page.setPartState(ref, IWorkbenchPage.STATE_MAXIMIZED);
        view.setInput(input, options);
    }

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(8, 6).spacing(8, 6).applyTo(parent);
        Composite tools = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(8).spacing(6, 0).applyTo(tools);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(tools);
        title = new Label(tools, SWT.NONE);
        title.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
        title.setText("No model");
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.CENTER).indent(0, 0).applyTo(title);
        new Label(tools, SWT.NONE).setText("  &Layer:");
        layer = new Combo(tools, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().hint(260, SWT.DEFAULT).applyTo(layer);
        layer.addListener(SWT.Selection, e -> unitRange());
        new Label(tools, SWT.NONE).setText("&Unit:");
        unit = new Spinner(tools, SWT.BORDER);
        unit.setValues(0, 0, 9999, 0, 1, 10);
        new Label(tools, SWT.NONE).setText("&k:");
        k = new Spinner(tools, SWT.BORDER);
        k.setValues(UnitExplorer.DEFAULT_K, 1, 64, 0, 1, 4);
        explore = new Button(tools, SWT.PUSH);
        explore.setText("E&xplore"); // not Alt+E: that opens the EKG menu
        GridDataFactory.fillDefaults().hint(90, SWT.DEFAULT).applyTo(explore);
        explore.addListener(SWT.Selection, e -> {
            if (running != null)
                running.cancel();
            else
                explore();
        });
        Composite row = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(row);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
        status = new Label(row, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(status);
        bar = new ProgressBar(row, SWT.HORIZONTAL);
        bar.setMaximum(1000);
        GridDataFactory.fillDefaults().hint(180, SWT.DEFAULT).align(SWT.END, SWT.CENTER).applyTo(bar);
        grid = new PatchGrid(parent);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(grid.control());
        enable();
    }

    void setInput(UnitExplorerInput in, Options options) {
        if (running != null)
            running.cancel();
        releaseInput();
        input = in;
        names = options != null && options.names() != null ? options.names() : i -> "example " + i;
        release = options == null ? null : options.release();
        layers = in.probe() != null ? LayerChoice.of(in.probe()) : LayerChoice.of(in.model());
        title.setText(in.title());
        layer.setItems(layers.stream().map(LayerChoice::label).toArray(String[]::new));
        // the deepest convolution by default: the most telling features with a receptive field to show
        int pick = layers.size() - 1;
        for (int i = 0; i < layers.size(); i++)
            if (layers.get(i).convolution())
                pick = i;
        if (options != null && options.layer() != null)
            for (int i = 0; i < layers.size(); i++)
                if (layers.get(i).name().equals(options.layer()))
                    pick = i;
        if (pick >= 0)
            layer.select(pick);
        unitRange();
        if (options != null && options.layer() != null) {
            unit.setSelection(options.unit());
            k.setSelection(options.k());
        }
        status.setText(in.data().size() + " examples");
        grid.message("Choose a layer and a unit, then Explore.");
        title.getParent().layout(true, true);
        enable();
        if (options != null && options.layer() != null)
            explore();
    }

    private void unitRange() {
        int i = layer.getSelectionIndex();
        int units = i < 0 ? 0 : layers.get(i).units();
        unit.setMaximum(units > 0 ? units - 1 : 9999);
    }

    private void explore() {
        int i = layer.getSelectionIndex();
        if (input == null || i < 0)
            return;
        ExploreJob work = new ExploreJob(input, names, layers.get(i).name(), unit.getSelection(), k.getSelection(),
                f -> bar.getDisplay().asyncExec(() -> {
                    if (!bar.isDisposed())
                        bar.setSelection((int) (f * 1000));
                }));
        bar.setSelection(0);
        grid.message("Scanning " + input.data().size() + " examples for unit " + work.unit() + " of " + work.layer() + "\u2026");
        status.setText(work.name());
        Job job = ComputeUi.schedule(work, this::showResult);
        running = job;
        enable();
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent e) {
                IStatus s = e.getResult();
                explore.getDisplay().asyncExec(() -> {
                    if (running == job)
                        running = null;
                    if (explore.isDisposed())
                        return;
                    enable();
                    if (!s.isOK()) {
                        // the workbench shows failures in a dialog and the Error Log; the view says it too
                        String why = s.getSeverity() == IStatus.CANCEL ? "Cancelled." : s.getMessage();
                        UnitsUi.LOG.info("Unit Explorer on " + input.title() + ": " + why);
                        grid.message(why);
                        status.setText(why);
                    }
                });
            }
        });
    }

    private void showResult(Explored r) {
        if (grid.control().isDisposed())
            return;
        grid.show(r);
        status.setText(String.format(Locale.ROOT, "Unit %d of %s: the top %d of %d examples (%.2f s). Each patch is the"
                + " unit's receptive field at its peak; values on one common scale.", r.unit(), r.layer(), r.tiles().size(),
                r.scanned(), r.seconds()));
        UnitsUi.LOG.info(String.format(Locale.ROOT, "Unit Explorer on %s: layer %s unit %d, %d patches, examples [%s] of %d",
                input.title(), r.layer(), r.unit(), r.tiles().size(),
                r.tiles().stream().map(t -> Integer.toString(t.example())).collect(Collectors.joining(",")), r.scanned()));
    }

    private void enable() {
        boolean ready = input != null && !layers.isEmpty();
        layer.setEnabled(ready && running == null);
        unit.setEnabled(ready && running == null);
        k.setEnabled(ready && running == null);
        explore.setEnabled(ready);
        explore.setText(running == null ? "E&xplore" : "Ca&ncel");
        bar.setVisible(running != null);
    }

    /** Releases what the view opened itself, once no exploration reads it any more. */
    private void releaseInput() {
        Runnable r = release;
        release = null;
        if (r == null)
            return;
        if (running == null)
            r.run();
        else
            running.addJobChangeListener(new JobChangeAdapter() {
                @Override
                public void done(IJobChangeEvent e) {
                    r.run();
                }
            });
    }

    @Override
    public void setFocus() {
        layer.setFocus();
    }

    @Override
    public void dispose() {
        if (running != null)
            running.cancel();
        releaseInput();
        super.dispose();
    }
}
