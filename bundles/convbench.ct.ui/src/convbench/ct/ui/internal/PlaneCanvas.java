package convbench.ct.ui.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

import convbench.ct.api.Planes;
import convbench.ct.api.Planes.Plane;
import convbench.ct.api.Volume;

/**
 * One plane of the viewer. Slices are rendered (reslice, window, overlay blend) on the viewer's render thread into
 * {@link ImageData}; the UI thread only makes the {@link Image} and scales it to the canvas with the voxel aspect.
 * Mouse: left sets the linked crosshair, right-drag windows (across: width, down: level), middle or shift-left drag
 * pans, wheel scrolls slices (ctrl+wheel zooms). Keys: Up/Down and Page Up/Down scroll, + and - zoom, 0 resets.
 */
final class PlaneCanvas {
    /** Plane colours (crosshair lines and titles): index = the plane's fixed axis (0 sagittal, 1 coronal, 2 axial). */
    static final Color[] AXIS_COLOURS = { new Color(90, 160, 255), new Color(90, 220, 90), new Color(255, 90, 90) };
    private static final int[][] LABEL_COLOURS = { { 255, 60, 60 }, { 60, 220, 60 }, { 70, 130, 255 }, { 255, 220, 0 },
            { 255, 0, 255 }, { 0, 230, 230 }, { 255, 140, 0 }, { 160, 100, 255 } };

    final Plane plane;
    final Canvas canvas;
    private final CtViewerEditor viewer;
    private final AtomicLong generation = new AtomicLong();
    private Image image;
    private double zoom = 1, panX, panY;
    private int drag, lastX, lastY;

    /** What one render needs, captured on the UI thread. */
    record Request(Volume volume, Overlay overlay, int index, double center, double width, int opacity) {
    }

    PlaneCanvas(Composite parent, CtViewerEditor viewer, Plane plane) {
        this.viewer = viewer;
        this.plane = plane;
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        canvas.addListener(SWT.Paint, this::paint);
        canvas.addListener(SWT.MouseDown, this::mouseDown);
        canvas.addListener(SWT.MouseUp, e -> drag = 0);
        canvas.addListener(SWT.MouseMove, this::mouseMove);
        canvas.addListener(SWT.MouseExit, e -> viewer.showReadout(null));
        canvas.addListener(SWT.MouseVerticalWheel, this::wheel);
        canvas.addListener(SWT.KeyDown, this::key);
        canvas.addListener(SWT.Resize, e -> canvas.redraw());
        canvas.addListener(SWT.Dispose, e -> {
            if (image != null)
                image.dispose();
        });
    }

    /** Renders the current slice off the UI thread; a newer request makes older ones skip their work. */
    void render() {
        long gen = generation.incrementAndGet();
        Request r = viewer.request(plane);
        try {
            viewer.renderer().execute(() -> {
                if (generation.get() != gen)
                    return;
                ImageData data = image(r, plane);
                canvas.getDisplay().asyncExec(() -> {
                    if (canvas.isDisposed() || generation.get() != gen)
                        return;
                    if (image != null)
                        image.dispose();
                    image = new Image(canvas.getDisplay(), data);
                    canvas.redraw();
                });
            });
        } catch (RejectedExecutionException e) {
            // the viewer is closing
        }
    }

    void redraw() {
        canvas.redraw();
    }

    void resetView() {
        zoom = 1;
        panX = panY = 0;
        canvas.redraw();
    }

    /** Grey from the window, blended with the overlay's colours. Runs on the render thread. */
    static ImageData image(Request r, Plane plane) {
        Volume v = r.volume();
        int w = Planes.width(v, plane), h = Planes.height(v, plane);
        byte[] grey = Planes.window(Planes.values(v, plane, r.index()), r.center(), r.width());
        float[] over = r.overlay() != null && r.opacity() > 0 ? Planes.values(r.overlay().volume(), plane, r.index()) : null;
        boolean prob = r.overlay() != null && r.overlay().probability();
        double opacity = r.opacity() / 100.0;
        ImageData data = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        byte[] px = data.data;
        int bpl = data.bytesPerLine;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int n = y * w + x, g = grey[n] & 255, o = y * bpl + 3 * x;
                int red = g, green = g, blue = g;
                if (over != null) {
                    float l = over[n];
                    int[] c = null;
                    double a = opacity;
                    if (prob && l >= 0.02f) {
                        c = new int[] { 255, (int) (255 * Math.min(1, l)), 0 }; // heat: red (low) to yellow (high)
                        a *= Math.min(1, l);
                    } else if (!prob && Math.round(l) > 0) {
                        c = LABEL_COLOURS[(int) ((Math.round(l) - 1) % LABEL_COLOURS.length)];
                    }
                    if (c != null) {
                        red = (int) (g * (1 - a) + c[0] * a);
                        green = (int) (g * (1 - a) + c[1] * a);
                        blue = (int) (g * (1 - a) + c[2] * a);
                    }
                }
                px[o] = (byte) red; // direct palette with red mask 0xFF0000: bytes are R, G, B
                px[o + 1] = (byte) green;
                px[o + 2] = (byte) blue;
            }
        return data;
    }

    /** Where the image lies on the canvas: x, y, width, height in canvas pixels (true aspect from the spacing). */
    private double[] placement() {
        Volume v = viewer.volume();
        Rectangle ca = canvas.getClientArea();
        double[] ps = Planes.pixelSize(v, plane);
        double mmW = Planes.width(v, plane) * ps[0], mmH = Planes.height(v, plane) * ps[1];
        double perMm = Math.min((ca.width - 4) / mmW, (ca.height - 4) / mmH) * zoom;
        double dw = mmW * perMm, dh = mmH * perMm;
        return new double[] { (ca.width - dw) / 2 + panX, (ca.height - dh) / 2 + panY, dw, dh };
    }

    /** The voxel under a canvas point, or null outside the image. */
    private int[] voxelAt(int sx, int sy) {
        Volume v = viewer.volume();
        double[] p = placement();
        int w = Planes.width(v, plane), h = Planes.height(v, plane);
        int x = (int) Math.floor((sx - p[0]) * w / p[2]), y = (int) Math.floor((sy - p[1]) * h / p[3]);
        if (x < 0 || y < 0 || x >= w || y >= h)
            return null;
        return Planes.voxel(v, plane, viewer.cursor()[plane.fixedAxis()], x, y);
    }

    private void paint(Event e) {
        GC gc = e.gc;
        Rectangle ca = canvas.getClientArea();
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.fillRectangle(ca);
        Volume v = viewer.volume();
        Color own = AXIS_COLOURS[plane.fixedAxis()];
        gc.setForeground(own);
        gc.drawRectangle(0, 0, ca.width - 1, ca.height - 1);
        String title = String.format("%s  %d / %d", name(), viewer.cursor()[plane.fixedAxis()] + 1, Planes.depth(v, plane));
        if (image == null) {
            gc.drawText(title + "  (rendering...)", 6, 4, true);
            return;
        }
        double[] p = placement();
        Rectangle b = image.getBounds();
        gc.setInterpolation(zoom > 2 ? SWT.NONE : SWT.HIGH); // voxels stay visible as squares when zoomed in
        gc.drawImage(image, 0, 0, b.width, b.height, (int) Math.round(p[0]), (int) Math.round(p[1]), (int) Math.round(p[2]),
                (int) Math.round(p[3]));
        int[] px = Planes.pixel(v, plane, viewer.cursor());
        int cx = (int) Math.round(p[0] + (px[0] + 0.5) * p[2] / b.width), cy = (int) Math.round(p[1] + (px[1] + 0.5) * p[3] / b.height);
        int gap = 6; // keep the voxel under the crosshair visible
        gc.setLineWidth(1);
        gc.setForeground(AXIS_COLOURS[plane.xAxis()]);
        gc.drawLine(cx, 0, cx, cy - gap);
        gc.drawLine(cx, cy + gap, cx, ca.height);
        gc.setForeground(AXIS_COLOURS[plane.yAxis()]);
        gc.drawLine(0, cy, cx - gap, cy);
        gc.drawLine(cx + gap, cy, ca.width, cy);
        gc.setForeground(own);
        gc.drawText(title, 6, 4, true);
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        String wl = String.format("W %.0f  L %.0f%s", viewer.windowWidth(), viewer.windowCenter(),
                zoom != 1 ? String.format("  zoom %.1fx", zoom) : "");
        gc.drawText(wl, 6, ca.height - gc.getFontMetrics().getHeight() - 4, true);
        String[] edges = orientationLabels();
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_YELLOW));
        gc.drawText(edges[0], ca.width - gc.textExtent(edges[0]).x - 6, ca.height / 2, true);
        gc.drawText(edges[1], ca.width / 2, ca.height - gc.getFontMetrics().getHeight() - 4, true);
    }

    private String name() {
        return switch (plane) {
            case AXIAL -> "Axial";
            case CORONAL -> "Coronal";
            case SAGITTAL -> "Sagittal";
        };
    }

    /** Patient directions at the right and bottom edges (LPS letters of the image's +x and +y axes). */
    private String[] orientationLabels() {
        Volume v = viewer.volume();
        double[] right = v.axis(plane.xAxis());
        double[] down = v.axis(plane.yAxis());
        if (plane != Plane.AXIAL && v.axis(2)[2] > 0)
            down = new double[] { -down[0], -down[1], -down[2] };
        return new String[] { letter(right), letter(down) };
    }

    /** The dominant LPS direction of a unit vector: L/R, P/A, S/I. */
    private static String letter(double[] d) {
        int a = 0;
        for (int c = 1; c < 3; c++)
            if (Math.abs(d[c]) > Math.abs(d[a]))
                a = c;
        String[] pos = { "L", "P", "S" }, neg = { "R", "A", "I" };
        return d[a] >= 0 ? pos[a] : neg[a];
    }

    private void mouseDown(Event e) {
        canvas.setFocus();
        lastX = e.x;
        lastY = e.y;
        if (e.button == 1 && (e.stateMask & SWT.SHIFT) == 0) {
            drag = 1;
            moveCursor(e.x, e.y);
        } else if (e.button == 2 || e.button == 1) {
            drag = 2;
        } else if (e.button == 3) {
            drag = 3;
        }
    }

    private void mouseMove(Event e) {
        int dx = e.x - lastX, dy = e.y - lastY;
        lastX = e.x;
        lastY = e.y;
        switch (drag) {
            case 1 -> moveCursor(e.x, e.y);
            case 2 -> {
                panX += dx;
                panY += dy;
                canvas.redraw();
            }
            case 3 -> {
                // proportional steps: fine for a brain window (80), quick for a lung window (1500)
                double step = Math.max(viewer.windowWidth(), 20) / 250;
                viewer.setWindow(viewer.windowCenter() - dy * step, viewer.windowWidth() + dx * step);
            }
            default -> { }
        }
        viewer.showReadout(voxelAt(e.x, e.y));
    }

    private void moveCursor(int sx, int sy) {
        int[] ijk = voxelAt(sx, sy);
        if (ijk != null)
            viewer.setCursor(ijk);
    }

    private void wheel(Event e) {
        if (e.count == 0)
            return;
        if ((e.stateMask & SWT.CTRL) != 0)
            zoomBy(e.count > 0 ? 1.15 : 1 / 1.15);
        else
            viewer.scroll(plane, e.count > 0 ? 1 : -1);
        e.doit = false;
    }

    private void key(Event e) {
        switch (e.keyCode) {
            case SWT.ARROW_UP -> viewer.scroll(plane, 1);
            case SWT.ARROW_DOWN -> viewer.scroll(plane, -1);
            case SWT.PAGE_UP -> viewer.scroll(plane, 10);
            case SWT.PAGE_DOWN -> viewer.scroll(plane, -10);
            default -> {
                if (e.character == '+' || e.character == '=')
                    zoomBy(1.25);
                else if (e.character == '-')
                    zoomBy(1 / 1.25);
                else if (e.character == '0')
                    resetView();
            }
        }
    }

    private void zoomBy(double f) {
        zoom = Math.max(0.25, Math.min(32, zoom * f));
        panX *= f;
        panY *= f;
        canvas.redraw();
    }
}
