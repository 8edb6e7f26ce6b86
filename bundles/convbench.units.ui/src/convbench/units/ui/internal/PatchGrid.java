package convbench.units.ui.internal;

import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;

/**
 * The top patches in a grid, best first: 1D as line plots of every channel (with the whole signal below, the field
 * boxed), 2D as the patch scaled up (with the whole image beside it, the field boxed), 3D as three orthogonal
 * central slices. Where the receptive field reaches past the input's edge (zero padding) the tile is hatched.
 */
final class PatchGrid {
    static final RGB HEADER = new RGB(0xdc, 0xe6, 0xf2);
    private static final RGB[] CHANNELS = { new RGB(0x1f, 0x5f, 0xa8), new RGB(0xd6, 0x27, 0x28), new RGB(0x2c, 0xa0, 0x2c),
            new RGB(0x94, 0x67, 0xbd), new RGB(0xff, 0x7f, 0x0e), new RGB(0x8c, 0x56, 0x4b) };
    private static final RGB FIELD = new RGB(0xf0, 0x8c, 0x00);
    private static final int GAP = 10, HEADER_HEIGHT = 38, PAD = 8, LABEL = 18;

    private final Canvas canvas;
    private final Font bold;
    private Explored explored;
    private String message = "Choose a layer and a unit, then Explore.";

    PatchGrid(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        FontData fd = canvas.getFont().getFontData()[0];
        bold = new Font(parent.getDisplay(), fd.getName(), fd.getHeight(), SWT.BOLD);
        canvas.addPaintListener(e -> paint(e.gc, canvas.getClientArea()));
        canvas.addListener(SWT.Resize, e -> canvas.redraw());
        canvas.addDisposeListener(e -> bold.dispose());
    }

    Canvas control() {
        return canvas;
    }

    void show(Explored e) {
        explored = e;
        message = null;
        canvas.redraw();
    }

    void message(String text) {
        explored = null;
        message = text;
        canvas.redraw();
    }

    private void paint(GC gc, Rectangle area) {
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        if (explored == null || explored.tiles().isEmpty()) {
            String text = explored == null ? message : "No examples.";
            gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_DARK_GRAY));
            Point p = gc.textExtent(text);
            gc.drawText(text, area.x + (area.width - p.x) / 2, area.y + (area.height - p.y) / 2, true);
            return;
        }
        int n = explored.tiles().size();
        int cols = columns(n, area);
        int rows = (n + cols - 1) / cols;
        int w = (area.width - GAP * (cols + 1)) / cols, h = (area.height - GAP * (rows + 1)) / rows;
        if (w < 60 || h < HEADER_HEIGHT + 30) {
            gc.drawText("Make the view larger to see the patches.", GAP, GAP, true);
            return;
        }
        for (int i = 0; i < n; i++) {
            Rectangle tile = new Rectangle(GAP + (i % cols) * (w + GAP), GAP + (i / cols) * (h + GAP), w, h);
            paintTile(gc, tile, i, explored.tiles().get(i));
        }
    }

    /** The column count that gives the pictures the most room, for the width/height ratio each kind of tile wants. */
    private int columns(int n, Rectangle area) {
        double aspect = switch (explored.inputShape().length) {
            case 2 -> 2.6; // a signal segment over the whole signal
            case 3 -> 2.1; // the patch beside the whole image
            default -> 3.2; // three slices in a row
        };
        int best = 1;
        double bestScale = -1;
        for (int cols = 1; cols <= n; cols++) {
            int rows = (n + cols - 1) / cols;
            double pw = (area.width - GAP * (cols + 1.0)) / cols - 2 * PAD;
            double ph = (area.height - GAP * (rows + 1.0)) / rows - HEADER_HEIGHT - 2 * PAD - LABEL;
            double scale = Math.min(pw / aspect, ph);
            if (scale > bestScale) {
                bestScale = scale;
                best = cols;
            }
        }
        return best;
    }

    private void paintTile(GC gc, Rectangle t, int rank, Explored.Tile tile) {
        Display d = canvas.getDisplay();
        Color header = new Color(HEADER), border = new Color(190, 198, 210);
        try {
            gc.setBackground(header);
            gc.fillRectangle(t.x, t.y, t.width, HEADER_HEIGHT);
            gc.setForeground(border);
            gc.drawRectangle(t.x, t.y, t.width - 1, t.height - 1);
            gc.setForeground(d.getSystemColor(SWT.COLOR_BLACK));
            gc.setFont(bold);
            String title = String.format(Locale.ROOT, "#%d  %.4g", rank + 1, tile.activation());
            gc.drawText(title, t.x + 6, t.y + 3, true);
            int titleWidth = gc.textExtent(title).x;
            gc.setFont(canvas.getFont());
            gc.drawText(ellipsize(gc, tile.name(), t.width - titleWidth - 24), t.x + titleWidth + 18, t.y + 3, true);
            gc.setForeground(d.getSystemColor(SWT.COLOR_DARK_GRAY));
            gc.drawText(ellipsize(gc, field(tile, explored.inputShape()), t.width - 12), t.x + 6, t.y + 20, true);
        } finally {
            header.dispose();
            border.dispose();
        }
        Rectangle pic = new Rectangle(t.x + PAD, t.y + HEADER_HEIGHT + PAD, t.width - 2 * PAD, t.height - HEADER_HEIGHT - 2 * PAD);
        switch (explored.inputShape().length) {
            case 2 -> paintSignal(gc, pic, tile);
            case 3 -> paintImage(gc, pic, tile);
            case 4 -> paintVolume(gc, pic, tile);
            default -> gc.drawText("flat input: no patch", pic.x, pic.y, true);
        }
    }

    /** "samples 12..19", "rows 3..20, cols 0..17", "z .., y .., x ..", with "(padded)" past an edge. */
    static String field(Explored.Tile tile, int[] inputShape) {
        String[] axes = switch (tile.start().length) {
            case 1 -> new String[] { "samples" };
            case 2 -> new String[] { "rows", "cols" };
            default -> new String[] { "z", "y", "x" };
        };
        StringBuilder sb = new StringBuilder("field ");
        boolean padded = false;
        for (int a = 0; a < tile.start().length; a++) {
            sb.append(a == 0 ? "" : ", ").append(axes[a]).append(' ').append(tile.start()[a]).append("..").append(tile.end()[a] - 1);
            padded |= tile.start()[a] < 0 || tile.end()[a] > inputShape[a + 1];
        }
        return sb.append(padded ? " (padding hatched)" : "").toString();
    }

    private static String ellipsize(GC gc, String s, int width) {
        if (gc.textExtent(s).x <= width)
            return s;
        String cut = s;
        while (cut.length() > 1 && gc.textExtent(cut + "\u2026").x > width)
            cut = cut.substring(0, cut.length() - 1);
        return cut + "\u2026";
    }

    // ---- 1D

    private void paintSignal(GC gc, Rectangle pic, Explored.Tile tile) {
        int[] in = explored.inputShape();
        int channels = in[0], len = tile.patchShape()[1], inputLen = in[1];
        int contextHeight = Math.max(24, pic.height * 30 / 100);
        Rectangle top = new Rectangle(pic.x, pic.y, pic.width, pic.height - contextHeight - 8);
        Rectangle bottom = new Rectangle(pic.x, pic.y + top.height + 8, pic.width, contextHeight);
        int from = Math.max(0, -tile.start()[0]), to = Math.min(len, inputLen - tile.start()[0]);
        frame(gc, top);
        hatchOutside(gc, top, len, 1, from, to, 0, 1);
        plot(gc, top, tile.patch(), channels, len, from, to, 2);
        frame(gc, bottom);
        plot(gc, bottom, tile.whole(), channels, inputLen, 0, inputLen, 1);
        box(gc, bottom, inputLen, 1, tile.start()[0], tile.end()[0], 0, 1);
    }

    /** Every channel of [C, len] (C order) as a line over samples [from, to). */
    private void plot(GC gc, Rectangle r, float[] v, int channels, int len, int from, int to, int width) {
        float lo = explored.lo(), hi = explored.hi() > lo ? explored.hi() : lo + 1;
        Color zero = new Color(215, 215, 215);
        gc.setForeground(zero);
        if (lo < 0 && hi > 0)
            gc.drawLine(r.x, y(0, r, lo, hi), r.x + r.width - 1, y(0, r, lo, hi));
        zero.dispose();
        gc.setLineWidth(width);
        for (int c = 0; c < channels; c++) {
            Color color = new Color(CHANNELS[c % CHANNELS.length]);
            gc.setForeground(color);
            gc.setBackground(color);
            int[] points = new int[2 * (to - from)];
            for (int i = from; i < to; i++) {
                points[2 * (i - from)] = r.x + (int) ((i + 0.5) * r.width / len);
                points[2 * (i - from) + 1] = y(v[c * len + i], r, lo, hi);
            }
            gc.drawPolyline(points);
            if (r.width / len >= 8) // few samples: mark each one
                for (int i = 0; i < points.length; i += 2)
                    gc.fillOval(points[i] - 3, points[i + 1] - 3, 6, 6);
            color.dispose();
        }
        gc.setLineWidth(1);
    }

    private static int y(float v, Rectangle r, float lo, float hi) {
        return r.y + r.height - 4 - (int) ((v - lo) / (hi - lo) * (r.height - 8));
    }

    // ---- 2D

    private void paintImage(GC gc, Rectangle pic, Explored.Tile tile) {
        int[] in = explored.inputShape();
        int ph = tile.patchShape()[1], pw = tile.patchShape()[2];
        // the patch, scaled up, on the left; the whole image with the field boxed on the right
        int side = Math.min(pic.height, pic.width * 55 / 100);
        Rectangle patch = fit(new Rectangle(pic.x, pic.y, side, side), ph, pw);
        int r0 = Math.max(0, -tile.start()[0]), r1 = Math.min(ph, in[1] - tile.start()[0]);
        int c0 = Math.max(0, -tile.start()[1]), c1 = Math.min(pw, in[2] - tile.start()[1]);
        hatchOutside(gc, patch, pw, ph, c0, c1, r0, r1);
        cells(gc, patch, tile.patch(), in[0], ph, pw, 0, r0, r1, c0, c1);
        frame(gc, patch);
        Rectangle rest = new Rectangle(pic.x + side + 12, pic.y, pic.width - side - 12, pic.height);
        if (rest.width < 24 || tile.whole() == null)
            return;
        Rectangle whole = fit(rest, in[1], in[2]);
        cells(gc, whole, tile.whole(), in[0], in[1], in[2], 0, 0, in[1], 0, in[2]);
        frame(gc, whole);
        box(gc, whole, in[2], in[1], tile.start()[1], tile.end()[1], tile.start()[0], tile.end()[0]);
    }

    // ---- 3D

    private void paintVolume(GC gc, Rectangle pic, Explored.Tile tile) {
        int[] in = explored.inputShape(), s = tile.patchShape();
        int d = s[1], h = s[2], w = s[3];
        int cell = Math.min((pic.width - 2 * 8) / 3, pic.height - LABEL);
        String[] names = { "axial", "coronal", "sagittal" }, axes = { "z=", "y=", "x=" };
        int[] fixedAxis = { 0, 1, 2 }, centre = { d / 2, h / 2, w / 2 };
        for (int k = 0; k < 3; k++) {
            // rows and columns of each slice: axial y,x; coronal z,x; sagittal z,y
            int rowAxis = k == 0 ? 1 : 0, colAxis = k == 2 ? 1 : 2;
            int rows = s[rowAxis + 1], cols = s[colAxis + 1];
            Rectangle slot = new Rectangle(pic.x + k * (cell + 8), pic.y, cell, cell);
            Rectangle r = fit(slot, rows, cols);
            boolean planeInside = tile.inside(fixedAxis[k], centre[k], in);
            int r0 = Math.max(0, -tile.start()[rowAxis]), r1 = Math.min(rows, in[rowAxis + 1] - tile.start()[rowAxis]);
            int c0 = Math.max(0, -tile.start()[colAxis]), c1 = Math.min(cols, in[colAxis + 1] - tile.start()[colAxis]);
            if (!planeInside)
                r1 = r0; // the whole slice lies in the padding
            float[] slice = new float[rows * cols];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++) {
                    int[] zyx = new int[3];
                    zyx[fixedAxis[k]] = centre[k];
                    zyx[rowAxis] = i;
                    zyx[colAxis] = j;
                    slice[i * cols + j] = tile.patch()[(zyx[0] * h + zyx[1]) * w + zyx[2]]; // channel 0
                }
            hatchOutside(gc, r, cols, rows, c0, c1, r0, r1);
            cells(gc, r, slice, 1, rows, cols, 0, r0, r1, c0, c1);
            frame(gc, r);
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            String where = axes[k] + (tile.start()[fixedAxis[k]] + centre[k]);
            String label = gc.textExtent(names[k] + " " + where).x <= cell ? names[k] + " " + where : where;
            gc.drawText(label, r.x, r.y + r.height + 2, true);
        }
    }

    // ---- drawing helpers

    /** The largest rectangle of this aspect (rows x cols cells) in the top left corner of {@code r}. */
    private static Rectangle fit(Rectangle r, int rows, int cols) {
        double scale = Math.min((double) r.width / cols, (double) r.height / rows);
        return new Rectangle(r.x, r.y, Math.max(1, (int) (cols * scale)), Math.max(1, (int) (rows * scale)));
    }

    /**
     * Cells [r0, r1) x [c0, c1) of a [C, rows, cols] array (C order; grey from channel {@code channel}, or RGB when
     * C is 3) drawn scaled into {@code dst}, on the common value scale.
     */
    private void cells(GC gc, Rectangle dst, float[] v, int channels, int rows, int cols, int channel, int r0, int r1, int c0, int c1) {
        if (r1 <= r0 || c1 <= c0)
            return;
        ImageData data = new ImageData(c1 - c0, r1 - r0, 24, new PaletteData(0xff0000, 0xff00, 0xff));
        float lo = explored.lo(), span = explored.hi() > lo ? explored.hi() - lo : 1;
        int plane = rows * cols;
        for (int i = r0; i < r1; i++)
            for (int j = c0; j < c1; j++) {
                int rgb;
                if (channels == 3) {
                    rgb = 0;
                    for (int c = 0; c < 3; c++)
                        rgb = rgb << 8 | level(v[c * plane + i * cols + j], lo, span);
                } else {
                    int g = level(v[channel * plane + i * cols + j], lo, span);
                    rgb = g << 16 | g << 8 | g;
                }
                data.setPixel(j - c0, i - r0, rgb);
            }
        Image image = new Image(gc.getDevice(), data);
        try {
            gc.setInterpolation(SWT.NONE); // nearest neighbour: each input cell stays a sharp square
            int x0 = dst.x + c0 * dst.width / cols, x1 = dst.x + c1 * dst.width / cols;
            int y0 = dst.y + r0 * dst.height / rows, y1 = dst.y + r1 * dst.height / rows;
            gc.drawImage(image, 0, 0, c1 - c0, r1 - r0, x0, y0, x1 - x0, y1 - y0);
        } finally {
            image.dispose();
        }
    }

    private static int level(float v, float lo, float span) {
        return Math.max(0, Math.min(255, Math.round((v - lo) / span * 255)));
    }

    /** Hatches the part of {@code r} (cols x rows cells) outside [c0, c1) x [r0, r1): the zero padding. */
    private void hatchOutside(GC gc, Rectangle r, int cols, int rows, int c0, int c1, int r0, int r1) {
        if (c0 <= 0 && c1 >= cols && r0 <= 0 && r1 >= rows)
            return;
        Color fill = new Color(236, 236, 236), line = new Color(170, 170, 170);
        try {
            gc.setBackground(fill);
            gc.fillRectangle(r);
            gc.setForeground(line);
            gc.setClipping(r);
            for (int x = r.x - r.height; x < r.x + r.width; x += 7)
                gc.drawLine(x, r.y + r.height, x + r.height, r.y);
            gc.setClipping((Rectangle) null);
            // the inside part: white again (signals draw on it; images cover it)
            if (c1 > c0 && r1 > r0) {
                gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
                int x0 = r.x + c0 * r.width / cols, x1 = r.x + c1 * r.width / cols;
                int y0 = r.y + r0 * r.height / rows, y1 = r.y + r1 * r.height / rows;
                gc.fillRectangle(x0, y0, x1 - x0, y1 - y0);
            }
        } finally {
            fill.dispose();
            line.dispose();
        }
    }

    /** The receptive field [c0, c1) x [r0, r1) boxed on a picture of the whole input (cols x rows cells). */
    private static void box(GC gc, Rectangle r, int cols, int rows, int c0, int c1, int r0, int r1) {
        int x0 = r.x + Math.max(0, c0) * r.width / cols, x1 = r.x + Math.min(cols, c1) * r.width / cols;
        int y0 = r.y + Math.max(0, r0) * r.height / rows, y1 = r.y + Math.min(rows, r1) * r.height / rows;
        Color c = new Color(FIELD);
        try {
            gc.setBackground(c);
            gc.setAlpha(45);
            gc.fillRectangle(x0, y0, x1 - x0, y1 - y0);
            gc.setAlpha(255);
            gc.setForeground(c);
            gc.setLineWidth(2);
            gc.drawRectangle(x0, y0, Math.max(1, x1 - x0 - 1), Math.max(1, y1 - y0 - 1));
            gc.setLineWidth(1);
        } finally {
            c.dispose();
        }
    }

    private void frame(GC gc, Rectangle r) {
        Color c = new Color(150, 150, 150);
        gc.setForeground(c);
        gc.drawRectangle(r.x, r.y, r.width - 1, r.height - 1);
        c.dispose();
    }
}
