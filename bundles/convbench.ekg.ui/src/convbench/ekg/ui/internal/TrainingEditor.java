package convbench.ekg.ui.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;

import convbench.charts.ui.LiveMetricsChart;
import convbench.compute.ui.ResultEditor;
import convbench.compute.ComputeListener;
import convbench.compute.ComputeService;
import convbench.compute.JobHandle;
import convbench.core.eval.ConfusionMatrix;
import convbench.ekg.classify.ClassifierJobs;
import convbench.ekg.classify.Protocol;

/**
 * One training run of the beat classifier: what is trained, the live loss and accuracy curves from the compute
 * service (per iteration; validation figures at the end of each epoch), Cancel, and the test figures at the end.
 */
public final class TrainingEditor extends ResultEditor {
    static final String ID = "convbench.ekg.ui.trainingEditor";

    /** Batch loss and accuracy, then the per-epoch figures in darker or distinct hues. */
    static final Map<String, Color> COLOURS = Map.of("loss", new Color(220, 50, 50), "accuracy", new Color(50, 90, 220),
            "train_loss", new Color(130, 0, 0), "val_loss", new Color(235, 140, 0), "val_accuracy", new Color(0, 150, 70),
            "val_macro_f1", new Color(150, 60, 180));

    private Label status, result;
    private Button cancel;
    private LiveMetricsChart chart;
    private Job job;
    private ComputeService service;
    private ComputeListener progressListener;

    public TrainingEditor() {
        super(RunInput.class, "");
    }

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(2, false));
        status = new Label(parent, SWT.NONE);
        status.setText("Waiting for the compute device...");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(status);
        cancel = new Button(parent, SWT.PUSH);
        cancel.setText("&Cancel Training");
        cancel.addListener(SWT.Selection, e -> {
            if (job != null)
                job.cancel();
            cancel.setEnabled(false);
            status.setText("Cancelling at the next batch...");
        });
        chart = new LiveMetricsChart(parent, null);
        chart.getChart().setBackgroundPaint(Color.WHITE);
        chart.getChart().getLegend().setPosition(RectangleEdge.RIGHT);
        XYPlot plot = (XYPlot) chart.getChart().getPlot();
        for (int i = 0; i < plot.getDatasetCount(); i++) {
            int d = i;
            plot.getDataset(d).addChangeListener(e -> style(plot, d));
        }
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).applyTo(chart);
        result = new Label(parent, SWT.WRAP);
        result.setText("");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(result);
    }

    /** Fixed colours per metric (readable on white); per-epoch metrics get markers, so one epoch shows as a point. */
    private static void style(XYPlot plot, int dataset) {
        XYDataset data = plot.getDataset(dataset);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer(dataset);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            String key = data.getSeriesKey(s).toString();
            Color c = COLOURS.get(key);
            if (c != null && !c.equals(r.getSeriesPaint(s)))
                r.setSeriesPaint(s, c);
            boolean perEpoch = !key.equals("loss") && !key.equals("accuracy");
            if (perEpoch && !Boolean.TRUE.equals(r.getSeriesShapesVisible(s))) {
                r.setSeriesShapesVisible(s, true);
                r.setSeriesStroke(s, new BasicStroke(2f));
            }
        }
    }

    /** Called before the job is submitted: the chart listens to this job's metrics from its first iteration. */
    void start(ComputeService service, ClassifierJobs.TrainRequest r, String jobName) {
        chart.attach(service, h -> h.name().equals(jobName));
        Display display = status.getDisplay();
        AtomicLong last = new AtomicLong();
        progressListener = new ComputeListener() {
            @Override
            public void jobChanged(JobHandle<?> h) {
                long now = System.nanoTime();
                // progress comes every batch: a few updates a second are enough to read
                if (!h.name().equals(jobName) || now - last.get() < 250_000_000L)
                    return;
                last.set(now);
                String m = String.format(Locale.ROOT, "%.0f %%  %s", 100 * h.progress(), h.message());
                display.asyncExec(() -> progress(m));
            }
        };
        this.service = service;
        service.addListener(progressListener);
        status.addListener(SWT.Dispose, e -> stopListening());
        result.setText(String.format("%s-patient training on %s, %d epoch%s%s, model %s; the test figures follow when"
                + " it is over.", r.protocol().id(), r.db(), r.settings().epochs(), r.settings().epochs() == 1 ? "" : "s",
                r.settings().maxTrainBeats() > 0 ? ", at most " + r.settings().maxTrainBeats() + " training beats" : "",
                r.out()));
    }

    private void stopListening() {
        if (progressListener != null)
            service.removeListener(progressListener);
        progressListener = null;
    }

    void setJob(Job j) {
        job = j;
    }

    /** The job's progress line, shown while it runs (called on the UI thread). */
    void progress(String message) {
        if (!status.isDisposed() && cancel.isEnabled())
            status.setText(message);
    }

    /** On the UI thread once the run finished and the model file was written. */
    void finished(ClassifierJobs.Trained t) {
        stopListening();
        if (status.isDisposed())
            return;
        cancel.setEnabled(false);
        ConfusionMatrix cm = t.test();
        int epochs = t.epochs().size();
        status.setText(String.format(Locale.ROOT, "Finished: %d epoch%s (best %d, %s) on %d training beats in %.0f s; model %s",
                epochs, epochs == 1 ? "" : "s", t.bestEpoch(), t.stopReason(), t.data().train().size(),
                t.trainSeconds(), t.model()));
        result.setText(summary(t.request().protocol(), cm, t.data().test().size()));
        status.getParent().layout(true, true);
    }

    /** Test accuracy, macro F1 and Se / +P of each class present, on one line. */
    static String summary(Protocol p, ConfusionMatrix cm, int testBeats) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Test (%s-patient, %d beats): accuracy %.2f %%, macro F1 %.2f %%;",
                p.id(), testBeats, 100 * cm.accuracy(), 100 * cm.macroF1()));
        for (int c = 0; c < cm.classes(); c++)
            if (cm.support(c) > 0)
                s.append(String.format(Locale.ROOT, "  %s Se %.1f / +P %.1f", cm.classNames().get(c), 100 * cm.sensitivity(c),
                        100 * cm.positivePredictivity(c)));
        return s.toString();
    }

    /** On the UI thread when the job failed or was cancelled. */
    void stopped(String why) {
        stopListening();
        if (status.isDisposed())
            return;
        cancel.setEnabled(false);
        status.setText(why);
    }

    @Override
    public void setFocus() {
        cancel.setFocus();
    }
}
