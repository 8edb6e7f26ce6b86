package convbench.charts.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import convbench.compute.ComputeListener;
import convbench.compute.ComputeService;
import convbench.compute.JobHandle;
import convbench.compute.Metric;

/**
 * Live training curves: every metric a chosen job publishes through the compute service becomes a series over its
 * step (iteration). Losses use the left axis; metrics that are fractions by name (see {@link #FRACTIONS}: accuracy,
 * val_macro_f1, auc, active fraction, dice) use a right axis from 0 to 1. Metrics may arrive thousands of times a second on job threads: they are queued and moved into
 * the chart at most ten times a second on the UI thread.
 */
public final class LiveMetricsChart extends ChartCanvas {
    /** Parts of a metric's name that mark a value in 0..1, drawn on the right axis. */
    static final java.util.List<String> FRACTIONS = java.util.List.of("acc", "auc", "fraction", "f1", "dice");

    static final int REFRESH_MS = 100;
    static final int MAX_POINTS = 100_000;

    private final XYSeriesCollection losses = new XYSeriesCollection();
    private final XYSeriesCollection accuracies = new XYSeriesCollection();
    private final Map<String, XYSeries> series = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Metric> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean refreshScheduled = new AtomicBoolean();
    private final Predicate<String> shown;
    private final Map<String, String> labels;
    private ComputeService service;
    private Predicate<JobHandle<?>> jobs = j -> false;
    private final ComputeListener listener = new ComputeListener() {
        @Override
        public void metric(JobHandle<?> job, Metric m) {
            if (!jobs.test(job) || !shown.test(m.name()))
                return;
            pending.add(m);
            scheduleRefresh();
        }
    };

    public LiveMetricsChart(Composite parent, String title) {
        this(parent, title, "Accuracy / AUC", name -> true, Map.of());
    }

    /**
     * @param fractionAxis the right axis' label (what the 0..1 metrics are)
     * @param shown which metrics (by name) become curves; the others (e.g. the learning rate) are left out
     * @param labels legend names for metric names (the name itself where none is given)
     */
    public LiveMetricsChart(Composite parent, String title, String fractionAxis, Predicate<String> shown, Map<String, String> labels) {
        super(parent, createChart(title, fractionAxis));
        this.shown = shown;
        this.labels = Map.copyOf(labels);
        XYPlot plot = (XYPlot) getChart().getPlot();
        plot.setDataset(0, losses);
        plot.setDataset(1, accuracies);
        addDisposeListener(e -> detach());
    }

    private static JFreeChart createChart(String title, String fractionAxis) {
        NumberAxis step = new NumberAxis("Iteration");
        step.setAutoRangeIncludesZero(false);
        NumberAxis loss = new NumberAxis("Loss");
        loss.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(null, step, loss, lineRenderer());
        NumberAxis acc = new NumberAxis(fractionAxis);
        acc.setRange(0, 1.02); // a curve at 1 (a perfect AUC) stays off the plot border
        plot.setRangeAxis(1, acc);
        XYLineAndShapeRenderer fractions = lineRenderer();
        // dark colours of their own: the shared sequence would give the fourth curve yellow, unreadable on white
        Color[] dark = { new Color(0x7B1FA2), new Color(0x00796B), new Color(0x5D4037) };
        for (int i = 0; i < dark.length; i++)
            fractions.setSeriesPaint(i, dark[i]);
        plot.setRenderer(1, fractions);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static XYLineAndShapeRenderer lineRenderer() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDefaultStroke(new BasicStroke(1.5f));
        r.setAutoPopulateSeriesStroke(false);
        return r;
    }

    /**
     * Listens to the metrics of the jobs {@code which} accepts (e.g. one training job by id); replaces an earlier
     * subscription.
     */
    public void attach(ComputeService computeService, Predicate<JobHandle<?>> which) {
        detach();
        jobs = which;
        service = computeService;
        service.addListener(listener);
    }

    public void detach() {
        if (service != null)
            service.removeListener(listener);
        service = null;
    }

    /** Removes every curve (e.g. before a new run). */
    public void clear() {
        pending.clear();
        losses.removeAllSeries();
        accuracies.removeAllSeries();
        series.clear();
    }

    private void scheduleRefresh() {
        if (isDisposed() || !refreshScheduled.compareAndSet(false, true))
            return;
        Display display = getDisplay();
        display.asyncExec(() -> display.timerExec(REFRESH_MS, this::drain));
    }

    private void drain() {
        refreshScheduled.set(false);
        if (isDisposed())
            return;
        List<XYSeries> touched = new ArrayList<>();
        for (Metric m; (m = pending.poll()) != null;) {
            XYSeries s = series.computeIfAbsent(m.name(), this::newSeries);
            if (!touched.contains(s)) {
                touched.add(s);
                s.setNotify(false); // one chart redraw per drain, not one per point
            }
            s.add(m.step(), m.value(), false);
        }
        for (XYSeries s : touched)
            s.setNotify(true);
    }

    private XYSeries newSeries(String name) {
        XYSeries s = new XYSeries(labels.getOrDefault(name, name), true, true);
        s.setMaximumItemCount(MAX_POINTS);
        String n = name.toLowerCase(java.util.Locale.ROOT);
        (FRACTIONS.stream().anyMatch(n::contains) ? accuracies : losses).addSeries(s);
        return s;
    }
}
