package convbench.face.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * The triplets the miner chose in a recent batch: one row per triplet, anchor, positive and negative chips side by
 * side with d(A,P), d(A,N) and the loss L = max(d(A,P) - d(A,N) + alpha, 0). Rows come from the job thread as image
 * data and are turned into images here, on the UI thread.
 */
final class TripletView extends Canvas {
    /** One row as the job prepared it: three chips and the figures, plus who they are. */
    record Row(ImageData anchor, ImageData positive, ImageData negative, String anchorName, String positiveName,
            String negativeName, double dAP, double dAN, double loss) {
    }

    private static final int GAP = 8;
    private final List<Image[]> images = new ArrayList<>();
    private List<Row> rows = List.of();
    private String heading = "No triplets yet: they appear once training starts.";

    TripletView(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED);
        setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        addListener(SWT.Paint, this::paint);
        addListener(SWT.Dispose, e -> disposeImages());
    }

    /** Replaces the rows (UI thread). */
    void show(String heading, List<Row> newRows) {
        disposeImages();
        this.heading = heading;
        rows = newRows;
        for (Row r : rows)
            images.add(new Image[] { new Image(getDisplay(), r.anchor()), new Image(getDisplay(), r.positive()),
                    new Image(getDisplay(), r.negative()) });
        redraw();
    }

    /** A line of text in place of triplets (e.g. the binary head, which trains on pairs). */
    void message(String text) {
        show(text, List.of());
    }

    int rowCount() {
        return rows.size();
    }

    private void disposeImages() {
        for (Image[] row : images)
            for (Image i : row)
                i.dispose();
        images.clear();
    }

    private void paint(Event e) {
        GC gc = e.gc;
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.drawText(heading, GAP, GAP, true);
        int lineHeight = gc.getFontMetrics().getHeight();
        int y = GAP + lineHeight + GAP;
        String[] columns = { "anchor", "positive", "negative" };
        Color positive = new Color(getDisplay(), 0, 130, 0), negative = new Color(getDisplay(), 190, 0, 0);
        try {
            for (int k = 0; k < rows.size(); k++) {
                Row r = rows.get(k);
                int size = images.get(k)[0].getBounds().width, x = GAP;
                for (int m = 0; m < 3; m++) {
                    gc.drawImage(images.get(k)[m], x, y);
                    gc.setForeground(m == 1 ? positive : m == 2 ? negative : getDisplay().getSystemColor(SWT.COLOR_BLACK));
                    gc.drawRectangle(x - 1, y - 1, size + 1, size + 1);
                    gc.drawText(columns[m], x, y + size + 2, true);
                    x += size + GAP;
                }
                gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
                int tx = x + GAP;
                gc.drawText(String.format(Locale.ROOT, "d(A,P) = %.3f   d(A,N) = %.3f   L = %.3f", r.dAP(), r.dAN(), r.loss()), tx, y, true);
                gc.drawText("A: " + r.anchorName(), tx, y + lineHeight + 4, true);
                gc.setForeground(positive);
                gc.drawText("P: " + r.positiveName(), tx, y + 2 * (lineHeight + 4), true);
                gc.setForeground(negative);
                gc.drawText("N: " + r.negativeName(), tx, y + 3 * (lineHeight + 4), true);
                y += Math.max(size + lineHeight + 4, 4 * (lineHeight + 4)) + GAP;
            }
        } finally {
            positive.dispose();
            negative.dispose();
        }
    }
}
