package convbench.charts.ui;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;

import org.eclipse.swt.widgets.Composite;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A confusion-matrix heat map: rows are the true classes (top to bottom), columns the predicted ones; each cell
 * shows its count and is shaded by its share of the row, so a rare class with perfect recall is as dark as a
 * common one.
 */
public final class ConfusionMatrixChart {
    private ConfusionMatrixChart() {
    }

    /** A canvas showing the matrix. */
    public static ChartCanvas create(Composite parent, String title, String[] labels, long[][] counts) {
        return new ChartCanvas(parent, chart(title, labels, counts));
    }

    /**
     * @param counts {@code counts[true][predicted]}, square, one row per label
     */
    public static JFreeChart chart(String title, String[] labels, long[][] counts) {
        int k = labels.length;
        if (counts.length != k)
            throw new IllegalArgumentException(counts.length + " rows for " + k + " labels");
        double[] xs = new double[k * k], ys = new double[k * k], zs = new double[k * k];
        SymbolAxis predicted = new SymbolAxis("Predicted", labels);
        SymbolAxis truth = new SymbolAxis("True", labels);
        truth.setInverted(true); // first class on top, as the matrix is written
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(new RowShare());
        XYPlot plot = new XYPlot(null, predicted, truth, renderer);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        for (int t = 0; t < k; t++) {
            if (counts[t].length != k)
                throw new IllegalArgumentException("row " + t + " has " + counts[t].length + " columns for " + k + " labels");
            long row = 0;
            for (long c : counts[t])
                row += c;
            for (int p = 0; p < k; p++) {
                int i = t * k + p;
                xs[i] = p;
                ys[i] = t;
                zs[i] = row == 0 ? 0 : counts[t][p] / (double) row;
                XYTextAnnotation label = new XYTextAnnotation(Long.toString(counts[t][p]), p, t);
                label.setFont(font);
                label.setPaint(zs[i] > 0.5 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(label);
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("share of row", new double[][] { xs, ys, zs });
        plot.setDataset(data);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** White (0 % of the row) to dark blue (100 %). */
    private static final class RowShare implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            double v = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
            return new Color((int) (255 - 225 * v), (int) (255 - 195 * v), (int) (255 - 95 * v));
        }
    }
}
