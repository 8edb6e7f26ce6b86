package convbench.charts.ui;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;

/**
 * A JFreeChart in SWT. The chart is drawn into an AWT image (JFree's SWT bridge is not on Maven Central) and that
 * image is blitted; it is redrawn only when the chart changes or the canvas is resized, so a repaint caused by a
 * dialog or a menu costs one blit. Charts must be changed on the UI thread.
 * <p>
 * On XY plots: mouse wheel zooms the domain around the pointer, dragging pans it, a double click restores the
 * automatic ranges; {@link CursorListener}s hear the pointer's position in data coordinates.
 */
public class ChartCanvas extends Canvas {
    /** The pointer in data coordinates (NaN when it is outside the plot's data area). */
    public interface CursorListener {
        void moved(double x, double y);
    }

    private JFreeChart chart;
    private final org.jfree.chart.event.ChartChangeListener changes = e -> invalidate();
    private final ChartRenderingInfo info = new ChartRenderingInfo();
    private Image image;
    private boolean stale = true;
    private int dragX = Integer.MIN_VALUE;
    private final java.util.List<CursorListener> cursorListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ChartCanvas(Composite parent, JFreeChart chart) {
        super(parent, SWT.NO_BACKGROUND | SWT.DOUBLE_BUFFERED);
        setChart(chart);
        addListener(SWT.Paint, this::paint);
        addListener(SWT.Resize, e -> invalidate());
        addListener(SWT.Dispose, e -> {
            if (image != null)
                image.dispose();
        });
        addListener(SWT.MouseVerticalWheel, this::wheel);
        addListener(SWT.MouseDown, e -> dragX = e.button == 1 ? e.x : Integer.MIN_VALUE);
        addListener(SWT.MouseUp, e -> dragX = Integer.MIN_VALUE);
        addListener(SWT.MouseMove, this::move);
        addListener(SWT.MouseDoubleClick, e -> restoreAutoBounds());
    }

    public JFreeChart getChart() {
        return chart;
    }

    /** Shows another chart (e.g. after new data arrived as a whole). */
    public void setChart(JFreeChart chart) {
        if (this.chart != null)
            this.chart.removeChangeListener(changes);
        this.chart = chart;
        chart.addChangeListener(changes);
        if (chart.getPlot() instanceof XYPlot p)
            p.setDomainPannable(true);
        invalidate();
    }

    public void addCursorListener(CursorListener l) {
        cursorListeners.add(l);
    }

    public void removeCursorListener(CursorListener l) {
        cursorListeners.remove(l);
    }

    /** Marks the rendered image out of date; SWT coalesces the resulting paints. */
    private void invalidate() {
        if (isDisposed())
            return;
        stale = true;
        redraw();
    }

    private void paint(Event e) {
        Rectangle area = getClientArea();
        if (area.width <= 0 || area.height <= 0)
            return;
        if (stale || image == null || image.getBounds().width != area.width || image.getBounds().height != area.height) {
            if (image != null)
                image.dispose();
            image = new Image(getDisplay(), render(chart, area.width, area.height, info));
            stale = false;
        }
        e.gc.drawImage(image, 0, 0);
    }

    /** Draws a chart into image data of the given size (also usable without a display, e.g. to export a PNG). */
    public static ImageData render(JFreeChart chart, int width, int height, ChartRenderingInfo info) {
        BufferedImage awt = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = awt.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height), info);
        } finally {
            g.dispose();
        }
        int[] rgb = ((DataBufferInt) awt.getRaster().getDataBuffer()).getData();
        ImageData data = new ImageData(width, height, 32, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        for (int y = 0; y < height; y++)
            data.setPixels(0, y, width, rgb, y * width);
        return data;
    }

    private XYPlot xyPlot() {
        return chart.getPlot() instanceof XYPlot p ? p : null;
    }

    private Rectangle2D dataArea() {
        return info.getPlotInfo().getDataArea();
    }

    private void wheel(Event e) {
        XYPlot plot = xyPlot();
        if (plot == null || e.count == 0 || !dataArea().contains(e.x, e.y))
            return;
        double factor = e.count > 0 ? 0.8 : 1.25;
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            ValueAxis axis = plot.getDomainAxis(i);
            if (axis != null)
                axis.resizeRange2(factor, axis.java2DToValue(e.x, dataArea(), plot.getDomainAxisEdge()));
        }
    }

    private void move(Event e) {
        XYPlot plot = xyPlot();
        if (plot == null)
            return;
        Rectangle2D area = dataArea();
        if (dragX != Integer.MIN_VALUE && area.getWidth() > 0) {
            double fraction = (dragX - e.x) / area.getWidth();
            plot.panDomainAxes(fraction, info.getPlotInfo(), new Point2D.Double(e.x, e.y));
            dragX = e.x;
        }
        boolean inside = area.contains(e.x, e.y);
        double x = inside ? plot.getDomainAxis().java2DToValue(e.x, area, plot.getDomainAxisEdge()) : Double.NaN;
        double y = inside ? plot.getRangeAxis().java2DToValue(e.y, area, plot.getRangeAxisEdge()) : Double.NaN;
        for (CursorListener l : cursorListeners)
            l.moved(x, y);
    }

    /** Back to the ranges that show all data. */
    public void restoreAutoBounds() {
        XYPlot plot = xyPlot();
        if (plot == null)
            return;
        for (int i = 0; i < plot.getDomainAxisCount(); i++)
            if (plot.getDomainAxis(i) != null)
                plot.getDomainAxis(i).setAutoRange(true);
        for (int i = 0; i < plot.getRangeAxisCount(); i++)
            if (plot.getRangeAxis(i) != null)
                plot.getRangeAxis(i).setAutoRange(true);
    }
}
