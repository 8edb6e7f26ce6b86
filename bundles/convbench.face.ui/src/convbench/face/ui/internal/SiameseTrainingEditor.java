package convbench.face.ui.internal;

import convbench.compute.ui.ResultEditor;

import convbench.charts.ui.LiveMetricsChart;
import convbench.compute.ui.ComputeUi;
import convbench.face.FaceAnalyzer;
import convbench.face.FaceException;
import convbench.face.train.ChipThumbnails;
import convbench.face.train.EmbeddingSet;
import convbench.face.train.PairEvaluation;
import convbench.face.train.SiameseHead;
import convbench.face.train.SiameseListener;
import convbench.face.train.SiameseTrainJob;
import convbench.face.train.SiameseTrainer;
import convbench.face.train.SiameseTraining;
import convbench.face.train.Triplet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;

/**
 * One Siamese training run: the loss per batch, the mean loss and held-out AUC per epoch and the share of active
 * triplets as live curves (the compute service's metrics of this run's job), the hardest triplets of a recent
 * batch as chips with their distances, Cancel while it runs, and the held-out verification and Save Head... when
 * it is over. The job thread never waits for the UI: it prepares the chips and hands them over with asyncExec.
 */
public final class SiameseTrainingEditor extends ResultEditor {
    static final String ID = "convbench.face.ui.siameseTrainingEditor";
    /** Triplets shown, and how often the view follows the training (the chips are made on the job thread). */
    static final int SHOWN = 3;
    static final long REFRESH_NANOS = 1_000_000_000L;
    static final int THUMBNAIL = 72;

    /** One run; not kept with the workbench state. */
    record Input(String name) implements ResultEditor.Result {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getToolTipText() {
            return "Siamese training: " + name;
        }
    }

    private Label status;
    private Label result;
    private Button cancel;
    private Button save;
    private LiveMetricsChart chart;
    private TripletView triplets;
    private Job job;
    private SiameseHead head;

    public SiameseTrainingEditor() {
        super(Input.class, "Siamese: ");
    }

    @Override
    public void setFocus() {
        // while it runs, Space cancels; afterwards Save Head... is the next thing to do
        (cancel.isEnabled() ? cancel : save).setFocus();
    }

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(3, false));
        status = new Label(parent, SWT.NONE);
        status.setText("Waiting for the compute device...");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(status);
        cancel = new Button(parent, SWT.PUSH);
        cancel.setText("&Cancel");
        cancel.addListener(SWT.Selection, e -> {
            if (job != null)
                job.cancel();
        });
        save = new Button(parent, SWT.PUSH);
        save.setText("Save &Head...");
        save.setEnabled(false);
        save.addListener(SWT.Selection, e -> saveHead());
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).span(3, 1).applyTo(sash);
        chart = new LiveMetricsChart(sash, "Training (loss left; held-out AUC and active share right)");
        triplets = new TripletView(sash);
        sash.setWeights(55, 45);
        result = new Label(parent, SWT.WRAP);
        result.setText(" \n ");
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).applyTo(result);
    }

    /** Starts the run (UI thread): the chart follows this run's job only, by its unique name. */
    void start(SiameseTraining.Request r, String run) {
        SiameseTrainJob work = new SiameseTrainJob(FaceUi::analyzer, r, listener(r), run);
        String name = work.name();
        chart.attach(ComputeUi.service(), h -> h.name().equals(name));
        status.setText("Waiting for the compute device: " + SiameseTrainer.describe(r.config()) + ", " + r.config().epochs() + " epochs...");
        FaceUi.LOG.info("Siamese training started: " + name);
        job = ComputeUi.schedule(work, this::finished);
        job.addJobChangeListener(new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
            @Override
            public void done(org.eclipse.core.runtime.jobs.IJobChangeEvent e) {
                if (e.getResult().isOK())
                    return;
                String why = e.getResult().getSeverity() == org.eclipse.core.runtime.IStatus.CANCEL ? "Cancelled"
                        : "Failed: " + e.getResult().getMessage();
                FaceUi.LOG.info("Siamese training stopped: " + why);
                Display.getDefault().asyncExec(() -> {
                    if (!status.isDisposed()) {
                        status.setText(why);
                        cancel.setEnabled(false);
                    }
                });
            }
        });
    }

    /** Runs on the job thread: status per epoch, and every second the hardest triplets of the batch as chips. */
    private SiameseListener listener(SiameseTraining.Request r) {
        Display display = status.getDisplay();
        double alpha = r.config().alpha();
        return new SiameseListener() {
            private EmbeddingSet train;
            private ChipThumbnails chips;
            private long shownAt;
            private boolean logged;

            @Override
            public void onStart(EmbeddingSet trainRows, EmbeddingSet heldOut) {
                train = trainRows;
                try { // the job has loaded the networks by now
                    chips = new ChipThumbnails(FaceUi.analyzer(), r.data(), THUMBNAIL);
                } catch (FaceException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                if (r.config().loss() == SiameseHead.Loss.BINARY)
                    display.asyncExec(() -> {
                        if (!triplets.isDisposed())
                            triplets.message("The binary head trains on pairs (every same-person pair of a batch and as many"
                                    + " different-person pairs): no triplets are chosen.");
                    });
            }

            @Override
            public void onIteration(Iteration it) {
                long now = System.nanoTime();
                if (it.triplets().isEmpty() || now - shownAt < REFRESH_NANOS)
                    return;
                shownAt = now;
                List<TripletView.Row> rows = new ArrayList<>();
                List<Triplet> hardest = it.triplets().stream().sorted(Comparator.comparingDouble((Triplet t) -> -t.loss(alpha)))
                        .limit(SHOWN).toList();
                try {
                    for (Triplet t : hardest) {
                        int a = it.batch()[t.anchor()], p = it.batch()[t.positive()], n = it.batch()[t.negative()];
                        rows.add(new TripletView.Row(image(a), image(p), image(n), name(a), name(p), name(n), t.dAP(), t.dAN(),
                                t.loss(alpha)));
                    }
                } catch (FaceException e) {
                    FaceUi.LOG.warn("Triplet view: " + e.getMessage());
                    return;
                }
                String heading = String.format(Locale.ROOT, "Epoch %d, iteration %d: the %d hardest of %d %s triplets"
                        + " (%.0f %% with L > 0)", it.epoch(), it.iteration(), rows.size(), it.triplets().size(),
                        r.config().mining().id(), 100 * it.active());
                if (!logged) {
                    logged = true;
                    FaceUi.LOG.info("Triplet view: " + heading + "; first: A " + rows.get(0).anchorName() + ", P "
                            + rows.get(0).positiveName() + ", N " + rows.get(0).negativeName());
                }
                display.asyncExec(() -> {
                    if (!triplets.isDisposed())
                        triplets.show(heading, rows);
                });
            }

            private org.eclipse.swt.graphics.ImageData image(int row) throws FaceException {
                return FaceUi.toImageData(chips.of(train, row).toBufferedImage());
            }

            private String name(int row) {
                return train.identities().get(train.labels()[row]) + " / " + Path.of(train.sources()[row]).getFileName() + " ["
                        + train.augmentations()[row] + "]";
            }

            @Override
            public void onEpoch(Epoch e) {
                String text = String.format(Locale.ROOT, "Epoch %d of %d: mean batch loss %.4f%s", e.epoch(), r.config().epochs(),
                        e.meanLoss(), e.heldOut() == null ? "" : String.format(Locale.ROOT, ", held-out AUC %.4f", e.heldOut().auc()));
                display.asyncExec(() -> {
                    if (!status.isDisposed())
                        status.setText(text);
                });
            }
        };
    }

    /** UI thread, when the job returned. */
    private void finished(SiameseTraining.Outcome o) {
        if (status.isDisposed())
            return;
        head = o.head();
        PairEvaluation.Verification h = o.heldOut(), t = o.train(), alone = o.baselineHeldOut();
        String summary = String.format(Locale.ROOT, "Finished: %s, %d epochs. Held out %s: ROC AUC %.4f, best threshold %.4f (%s),"
                + " accuracy %.4f on %d same / %d different pairs; the input alone %.4f. Train AUC %.4f on %s.",
                SiameseTrainer.describe(o.config()), o.config().epochs(), o.heldOutIdentities(), h.auc(), h.threshold(), h.metric(),
                h.accuracy(), h.positives(), h.negatives(), alone.auc(), t.auc(), o.trainIdentities());
        status.setText(String.format(Locale.ROOT, "Finished: held-out ROC AUC %.4f (input alone %.4f)", h.auc(), alone.auc()));
        result.setText(summary + (o.skipped().isEmpty() ? "" : " Skipped: " + o.skipped()));
        result.getParent().layout();
        cancel.setEnabled(false);
        save.setEnabled(true);
        save.setFocus();
        FaceUi.LOG.info("Siamese training finished: " + summary);
    }

    private void saveHead() {
        FileDialog fd = new FileDialog(getSite().getShell(), SWT.SAVE);
        fd.setText("Save Siamese Head");
        fd.setFilterExtensions(new String[] { "*.zip" });
        fd.setFileName("siamese-head.zip");
        fd.setOverwrite(true);
        String chosen = fd.open();
        if (chosen == null)
            return;
        try {
            head.save(Path.of(chosen)); // AtomicFiles: a temporary file renamed over the target
            FaceUi.LOG.info("Siamese head saved to " + chosen);
        } catch (IOException e) {
            FaceUi.error(getSite().getShell(), "Save Siamese Head", "Cannot write " + chosen + ": " + e.getMessage(), e);
        }
    }
}
