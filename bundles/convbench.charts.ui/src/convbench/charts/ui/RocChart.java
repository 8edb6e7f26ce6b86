package convbench.charts.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;

import org.eclipse.swt.widgets.Composite;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** ROC curves (one per class or model) with the chance diagonal; the legend gives each curve's AUC. */
public final class RocChart {
    /**
     * One curve: points in the order of falling threshold.
     *
     * @param fpr false-positive rates 0..1
     * @param tpr true-positive rates 0..1, as many as {@code fpr}
     * @param auc area under the curve as computed by the caller (NaN to leave it out of the legend)
     */
    public record Curve(String name, double[] fpr, double[] tpr, double auc) {
        public Curve {
            if (fpr.length != tpr.length)
                throw new IllegalArgumentException(name + ": " + fpr.length + " FPR values but " + tpr.length + " TPR values");
        }
    }

    private RocChart() {
    }

    public static ChartCanvas create(Composite parent, String title, List<Curve> curves) {
        return new ChartCanvas(parent, chart(title, curves));
    }

    public static JFreeChart chart(String title, List<Curve> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve c : curves) {
            String key = Double.isNaN(c.auc()) ? c.name() : String.format("%s (AUC %.3f)", c.name(), c.auc());
            XYSeries s = new XYSeries(key, false, true);
            for (int i = 0; i < c.fpr().length; i++)
                s.add(c.fpr()[i], c.tpr()[i]);
            data.addSeries(s);
        }
        XYSeries chance = new XYSeries("chance", false, true);
        chance.add(0, 0);
        chance.add(1, 1);
        data.addSeries(chance);
        NumberAxis x = new NumberAxis("False-positive rate (1 - specificity)");
        NumberAxis y = new NumberAxis("True-positive rate (sensitivity)");
        x.setRange(0, 1);
        y.setRange(0, 1.02);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setAutoPopulateSeriesStroke(false);
        r.setDefaultStroke(new BasicStroke(2f));
        int last = data.getSeriesCount() - 1;
        r.setSeriesPaint(last, Color.GRAY);
        r.setSeriesStroke(last, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] { 4f, 4f }, 0f));
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
