package convbench.style.ui.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import com.google.gson.Gson;

import convbench.charts.ui.ChartCanvas;
import convbench.compute.ui.ResultEditor;
import convbench.style.StyleImages;
import convbench.style.StyleListener;
import convbench.style.StyleObjective;

/**
 * One style-transfer run: the image G as it is optimised (a preview every few iterations), the content loss and
 * every style layer's loss per iteration on a log axis, and Save PNG... once the run is over. Everything the job
 * thread reports is handed over with asyncExec; the view never waits for the job.
 */
public final class StyleRunEditor extends ResultEditor {
    static final String ID = "convbench.style.ui.runEditor";

    /** What the editor shows: one run, never saved with the workbench state (exists() is false). */
    static final class Input implements ResultEditor.Result {
        private final String name;

        Input(StyleDialog.Request r) {
            name = r.content().getFileName() + " \u00d7 " + r.style().getFileName();
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getToolTipText() {
            return "Style transfer of " + name;
        }
    }

    private Label status;
    private Button stop, save;
    private Job job;
    private Canvas preview;
    private Image image;
    private ChartCanvas chart;
    private final XYSeriesCollection losses = new XYSeriesCollection();
    private final Map<String, XYSeries> series = new LinkedHashMap<>();
    private StyleDialog.Request request;
    private StyleJob.Done done;

    public StyleRunEditor() {
        super(Input.class, "");
    }

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(3, false));
        status = new Label(parent, SWT.NONE);
        status.setText("Waiting for the compute device...");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(status);
        stop = new Button(parent, SWT.PUSH);
        stop.setText("S&top"); // keeps the image so far: it can still be saved
        stop.setEnabled(false);
        stop.addListener(SWT.Selection, e -> {
            if (job != null) {
                job.cancel();
                stop.setEnabled(false);
                status.setText("Stopping after the current iteration...");
            }
        });
        save = new Button(parent, SWT.PUSH);
        save.setText("Save &PNG..."); // not Alt+S: that opens the Style menu
        save.setEnabled(false);
        save.addListener(SWT.Selection, e -> savePng());

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).span(3, 1).applyTo(sash);
        preview = new Canvas(sash, SWT.DOUBLE_BUFFERED);
        preview.addListener(SWT.Paint, this::paintPreview);
        preview.addListener(SWT.Dispose, e -> {
            if (image != null)
                image.dispose();
        });
        chart = new ChartCanvas(sash, createChart());
        sash.setWeights(45, 55);
    }

    private JFreeChart createChart() {
        NumberAxis x = new NumberAxis("Iteration");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        // the terms differ by orders of magnitude and fall by several: only a log axis shows them all
        LogAxis y = new LogAxis("Loss (unweighted)");
        y.setSmallestValue(1e-12);
        // ticks at whole powers of ten: automatic units give 10^0.5 and the like
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1), false, true);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setDefaultStroke(new BasicStroke(1.5f));
        r.setAutoPopulateSeriesStroke(false);
        XYPlot plot = new XYPlot(losses, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        // no title: the editor tab names the run, and the small chart keeps its height for the curves
        JFreeChart c = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        c.setBackgroundPaint(Color.WHITE);
        c.getLegend().setPosition(org.jfree.chart.ui.RectangleEdge.RIGHT);
        return c;
    }

    /** Called by the handler right after the view opened: what is being run. */
    void start(StyleDialog.Request r) {
        request = r;
        status.setText("Waiting for the compute device (" + r.parameters().iterations() + " iterations at "
                + r.parameters().size() + " px)...");
    }

    /** The job running this editor's transfer, which Stop cancels. */
    void attach(Job running) {
        job = running;
        stop.setEnabled(true);
    }

    /** The job's listener: runs on the job thread and hands each iteration to the UI thread. */
    StyleListener listener() {
        Display display = status.getDisplay();
        int total = request.parameters().iterations();
        return (i, evaluations, l, seconds, img) -> {
            ImageData data = img == null ? null : toImageData(img); // converted off the UI thread
            display.asyncExec(() -> {
                if (status.isDisposed())
                    return;
                add("content", i, l.content());
                for (Map.Entry<String, Double> e : l.styleLayers().entrySet())
                    add("style " + e.getKey(), i, e.getValue());
                status.setText(String.format(Locale.ROOT, "Iteration %d of %d: content %.4g, style %.4g, %.2f s", i, total,
                        l.content(), l.style(), seconds));
                if (data != null) {
                    if (image != null)
                        image.dispose();
                    image = new Image(display, data);
                    preview.redraw();
                }
            });
        };
    }

    private void add(String name, int i, double value) {
        if (!(value > 0) || Double.isInfinite(value))
            return; // a log axis cannot show 0
        series.computeIfAbsent(name, n -> {
            XYSeries s = new XYSeries(n, false, true);
            losses.addSeries(s);
            return s;
        }).addOrUpdate(i, value);
    }

    /** On the UI thread once the job returned. */
    void finished(StyleJob.Done d) {
        if (status.isDisposed())
            return;
        done = d;
        stop.setEnabled(false);
        StyleObjective.Losses a = d.result().initial(), z = d.result().last();
        String text = String.format(Locale.ROOT, "%s after %d iterations (%.2f s each): content %.4g \u2192 %.4g, style %.4g \u2192 %.4g",
                d.result().cancelled() ? "Cancelled" : "Finished", d.result().iterations(), d.result().secondsPerIteration(),
                a.content(), z.content(), a.style(), z.style());
        status.setText(text);
        status.getParent().layout();
        save.setEnabled(true);
        if (image != null)
            image.dispose();
        image = new Image(status.getDisplay(), toImageData(d.result().image()));
        preview.redraw();
        StyleUi.LOG.info("Style transfer " + getPartName() + ": " + text);
    }

    /** On the UI thread when the job failed or was cancelled before it returned a result. */
    void stopped(String why) {
        if (status.isDisposed())
            return;
        status.setText(why);
        stop.setEnabled(false);
    }

    private void paintPreview(Event e) {
        Rectangle area = preview.getClientArea();
        e.gc.setBackground(preview.getDisplay().getSystemColor(SWT.COLOR_WIDGET_BACKGROUND));
        e.gc.fillRectangle(area);
        if (image == null) {
            e.gc.drawText("The preview appears after the first iteration", 10, 10, true);
            return;
        }
        Rectangle b = image.getBounds();
        // fitted and centred; small runs (64 px) are scaled up so they can be seen
        double scale = Math.min((double) area.width / b.width, (double) area.height / b.height);
        int w = Math.max(1, (int) (b.width * scale)), h = Math.max(1, (int) (b.height * scale));
        e.gc.setInterpolation(SWT.HIGH);
        e.gc.drawImage(image, 0, 0, b.width, b.height, (area.width - w) / 2, (area.height - h) / 2, w, h);
    }

    static ImageData toImageData(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        ImageData data = new ImageData(w, h, 32, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        for (int y = 0; y < h; y++)
            data.setPixels(0, y, w, rgb, y * w);
        return data;
    }

    /** Save PNG...: the file is chosen here, written on a worker thread, atomically, with the parameters as text. */
    private void savePng() {
        if (done == null)
            return;
        FileDialog d = new FileDialog(getSite().getShell(), SWT.SAVE);
        d.setText("Save Style Transfer as PNG");
        d.setFilterExtensions(new String[] { "*.png" });
        d.setOverwrite(true);
        d.setFileName(stem(request.content()) + "-" + stem(request.style()) + ".png");
        String chosen = d.open();
        if (chosen == null)
            return;
        Path out = Path.of(chosen.toLowerCase(Locale.ROOT).endsWith(".png") ? chosen : chosen + ".png");
        Map<String, String> text = new LinkedHashMap<>();
        text.put("Software", "ConvBench style transfer");
        text.put("convbench.style.parameters", new Gson().toJson(request.parameters().toMap()));
        text.put("convbench.style.content", request.content().getFileName().toString());
        text.put("convbench.style.style", request.style().getFileName().toString());
        text.put("convbench.style.model", done.model());
        BufferedImage img = done.result().image();
        Display display = status.getDisplay();
        CompletableFuture.runAsync(() -> {
            try {
                StyleImages.writePng(out, img, text);
                StyleUi.LOG.info("Saved style transfer to " + out);
                display.asyncExec(() -> {
                    if (!status.isDisposed())
                        status.setText("Saved " + out);
                });
            } catch (Exception e) {
                StyleUi.error(getSite().getShell(), "Cannot Save PNG", out + ": " + StyleUi.message(e), e);
            }
        });
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    @Override
    public void setFocus() {
        preview.setFocus();
    }
}
