package convbench.ct.ui.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import convbench.charts.ui.LiveMetricsChart;
import convbench.compute.ComputeService;
import convbench.compute.JobHandle;
import convbench.compute.ui.ComputeUi;
import convbench.core.train.TrainingCallbacks;
import convbench.ct.seg.LesionInserter;
import convbench.ct.seg.LesionSegmenter;
import convbench.ct.seg.LesionTrainingJob;

/**
 * CT > Train Segmentation...: the lesion-insertion training (which volumes, how many lesions, epochs and patches,
 * where the model goes) run as one compute job, with its loss and validation Dice drawn live and a Cancel button.
 * Modeless, so the viewer stays usable; the trained model becomes the one CT > Run Analysis uses.
 */
final class TrainSegmentationDialog extends TitleAreaDialog {
    private static final int TRAIN = IDialogConstants.CLIENT_ID + 1, CANCEL_TRAINING = IDialogConstants.CLIENT_ID + 2;
    /** The curves drawn, with their legend names. */
    private static final Map<String, String> METRICS = Map.of("loss", "loss (per batch)", "train_loss", "training loss (epoch)",
            "val_loss", "validation loss", "val_dice", "validation Dice");
    private Text volumes, model, epochs, patches, lesions, filters;
    private Label status;
    private LiveMetricsChart chart;
    private final AtomicReference<JobHandle<?>> running = new AtomicReference<>();

    TrainSegmentationDialog(Shell parent) {
        super(parent);
        setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
        setBlockOnOpen(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Train Segmentation");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("3D U-Net lesion segmenter on real CT with inserted lesions");
        LesionInserter.Settings l = LesionInserter.Settings.defaults();
        setMessage(String.format(Locale.ROOT, "Spheres and ellipsoids (%.0f-%.0f mm radius, +%.0f..%.0f HU, %.0f mm blur, matched noise)"
                + " are inserted into soft tissue of each volume; the network trains on 32^3 patches at 2 mm (lesions, tissue rims,"
                + " mined false positives); thresholds are chosen on new lesion draws.", l.radiusMinMm(), l.radiusMaxMm(), l.contrastMinHu(),
                l.contrastMaxHu(), l.blurMm()));
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        GridDataFactory.fillDefaults().grab(true, true).indent(8, 8).applyTo(c);
        String sample = CtUi.sampleFolder();
        volumes = field(c, "Training &volumes (one per line):", sample == null ? "" : Path.of(sample, "dcm_qa_ct_S21570").toString(), true);
        model = field(c, "&Model file:", Path.of(System.getProperty("user.home"), "convbench", "ct-lesions.zip").toString(), false);
        LesionSegmenter.Settings d = LesionSegmenter.Settings.defaults();
        epochs = field(c, "&Epochs:", Integer.toString(d.epochs()), false);
        patches = field(c, "&Patches per epoch:", Integer.toString(d.patches()), false);
        lesions = field(c, "&Lesions per volume:", Integer.toString(LesionInserter.Settings.defaults().lesions()), false);
        filters = field(c, "&Filters (first level):", Integer.toString(d.baseFilters()), false);
        // voxel accuracy is ~1 whatever the net does (lesions are a tiny share of the voxels) and the learning rate
        // is no loss: only the losses and the lesion Dice of the validation patches
        chart = new LiveMetricsChart(c, "Training loss and validation Dice", "Lesion Dice (validation patches)",
                METRICS.keySet()::contains, METRICS);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).hint(620, 260).applyTo(chart);
        status = new Label(c, SWT.WRAP);
        status.setText("Not started.");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(620, SWT.DEFAULT).applyTo(status);
        return area;
    }

    private static Text field(Composite c, String label, String value, boolean multi) {
        Label l = new Label(c, SWT.NONE);
        l.setText(label);
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(l);
        Text t = new Text(c, SWT.BORDER | (multi ? SWT.MULTI | SWT.V_SCROLL : SWT.SINGLE));
        t.setText(value);
        GridDataFactory.fillDefaults().grab(true, false).hint(460, multi ? 50 : SWT.DEFAULT).applyTo(t);
        return t;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, TRAIN, "&Train", true);
        createButton(parent, CANCEL_TRAINING, "Cancel Trainin&g", false).setEnabled(false);
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, false);
    }

    @Override
    protected void buttonPressed(int id) {
        if (id == TRAIN)
            start();
        else if (id == CANCEL_TRAINING) {
            JobHandle<?> h = running.get();
            if (h != null) {
                h.cancel();
                status.setText("Cancelling (after the current batch)...");
            }
        } else if (id == IDialogConstants.CLOSE_ID)
            close();
    }

    private void start() {
        List<Path> paths = new ArrayList<>();
        for (String line : volumes.getText().split("[\\r\\n,]+"))
            if (!line.isBlank())
                paths.add(Path.of(line.trim()));
        LesionSegmenter.Settings d = LesionSegmenter.Settings.defaults();
        LesionSegmenter.Settings s;
        LesionInserter.Settings les;
        try {
            if (paths.isEmpty())
                throw new IllegalArgumentException("name at least one training volume");
            int e = positive(epochs, "epochs");
            s = new LesionSegmenter.Settings(d.spacingMm(), d.patch(), positive(patches, "patches"), d.foreground(), d.hard(), e,
                    Math.min(d.minedEpochs(), e - 1), d.batch(), d.learningRate(), d.lesionWeight(), positive(filters, "filters"), d.seed());
            LesionInserter.Settings l = LesionInserter.Settings.defaults();
            les = new LesionInserter.Settings(l.radiusMinMm(), l.radiusMaxMm(), l.contrastMinHu(), l.contrastMaxHu(), l.blurMm(),
                    l.ellipsoidShare(), positive(lesions, "lesions"));
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            return;
        }
        setErrorMessage(null);
        Path out = Path.of(model.getText().trim());
        LesionTrainingJob job = new LesionTrainingJob(paths, CtUi::readVolume, s, les, 2, 1, out, TrainingCallbacks.NONE);
        ComputeService service = ComputeUi.service();
        chart.clear();
        chart.attach(service, j -> j == running.get());
        JobHandle<LesionTrainingJob.Result> h = service.submit(job);
        running.set(h);
        getButton(TRAIN).setEnabled(false);
        getButton(CANCEL_TRAINING).setEnabled(true);
        poll(h);
        h.result().whenComplete((r, e) -> getShell().getDisplay().asyncExec(() -> finished(r, e)));
    }

    private void poll(JobHandle<?> h) {
        if (status.isDisposed() || running.get() != h || h.result().isDone())
            return;
        status.setText(String.format(Locale.ROOT, "%.0f %%  %s", 100 * h.progress(), h.message()));
        getShell().getDisplay().timerExec(500, () -> poll(h));
    }

    private void finished(LesionTrainingJob.Result r, Throwable e) {
        running.set(null);
        if (status.isDisposed())
            return;
        getButton(TRAIN).setEnabled(true);
        getButton(CANCEL_TRAINING).setEnabled(false);
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof CancellationException) {
            status.setText("Training cancelled; no model written.");
        } else if (cause != null) {
            status.setText("Training failed.");
            setErrorMessage(cause.getMessage() != null ? cause.getMessage() : cause.toString());
        } else {
            CtUi.setCurrentModel(r.model());
            var last = r.training().last();
            var t = r.info().operatingPoint();
            status.setText(String.format(Locale.ROOT, "Done in %.0f s: %d epochs, train loss %.1f, validation Dice %.3f; thresholds from"
                    + " new lesion draws: lesion p >= %.2f, candidates p >= %.2f of >= %d voxels. Wrote %s (CT > Run Analysis uses it).",
                    r.seconds(), r.training().history().size(), last.trainLoss(), last.valDice(), t.segment(), t.detect(), t.minVoxels(),
                    r.model()));
        }
        status.getParent().layout();
    }

    private static int positive(Text t, String what) {
        try {
            int v = Integer.parseInt(t.getText().trim());
            if (v >= 1)
                return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be a whole number >= 1, got '" + t.getText().trim() + "'");
    }

    @Override
    public boolean close() {
        JobHandle<?> h = running.get();
        if (h != null)
            h.cancel();
        chart.detach();
        return super.close();
    }
}
