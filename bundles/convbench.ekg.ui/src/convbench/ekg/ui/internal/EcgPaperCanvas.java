package convbench.ekg.ui.internal;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;

import convbench.ekg.AamiClass;
import convbench.ekg.Annotation;
import convbench.ekg.Decimator;
import convbench.ekg.EcgRecord;
import convbench.ekg.QrsDetector;
import convbench.ekg.ui.AamiColors;
import convbench.ekg.ui.EcgRecordInput;

/**
 * A record on ECG paper: 25 mm/s and 10 mm/mV at 100 %, 1 mm and 5 mm grid, calibrated to the screen's DPI. Leads are
 * stacked, each centred on its median. Above the traces: a time ruler, the record's annotations and the detected
 * beats. Beats of classes other than N are drawn in their AAMI colour. Long views are min/max-decimated to one
 * bucket per pixel column, so a paint costs the same at any zoom.
 * <p>
 * Mouse: drag or wheel scrolls, Ctrl+wheel zooms time around the pointer. Keys: arrows, Page Up/Down, Home/End,
 * + / - / 0 (zoom, 100 %), N / P (next / previous beat of the chosen class).
 */
public final class EcgPaperCanvas extends Canvas {
    static final double MM_PER_SECOND = 25, MM_PER_MV = 10;
    private static final double MIN_BAND_MM = 20;
    private static final RGB PAPER = new RGB(255, 250, 250), MINOR = new RGB(250, 205, 205), MAJOR = new RGB(232, 128, 128),
            STRIP = new RGB(246, 246, 248), DETECTED = new RGB(0, 128, 128), FALSE_POSITIVE = new RGB(220, 0, 0),
            CURSOR = new RGB(40, 90, 200), SELECTED = new RGB(255, 236, 140), DISAGREE = new RGB(255, 190, 190);

    private final EcgRecord rec;
    private final EcgRecordInput input;
    private final double pxPerMm;
    private final Font small;
    private final long[] annSamples;
    private final List<Annotation> annotations;
    /** Beats that carry a class: predicted classes once a classifier ran, else the reference annotations. */
    private long[] classSamples;
    private AamiClass[] classes;
    /** Whether {@link #classes} came from {@link #setBeatClasses} (a classifier) rather than the annotations. */
    private boolean predicted;
    private int[] detected = new int[0];
    private long[] detectedSamples = new long[0];
    private int rowHeight = -1;
    private boolean[] detectedMatched;
    private double zoom = 1, startSec;
    private int cursorX = -1, dragX = Integer.MIN_VALUE;
    private double dragStart;
    private long selectedSample = -1;
    private AamiClass jumpClass = AamiClass.V;
    private Consumer<String> readout = s -> { };
    private Consumer<String> status = s -> { };

    public EcgPaperCanvas(Composite parent, EcgRecordInput input) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND | SWT.H_SCROLL);
        this.input = input;
        this.rec = input.record();
        pxPerMm = getDisplay().getDPI().x / 25.4;
        FontData fd = getFont().getFontData()[0];
        small = new Font(getDisplay(), fd.getName(), Math.max(7, fd.getHeight() - 1), SWT.NORMAL);
        annotations = rec.annotations();
        annSamples = annotations.stream().mapToLong(Annotation::sample).toArray();
        List<Annotation> beats = annotations.stream().filter(a -> AamiClass.of(a) != null).toList();
        classSamples = beats.stream().mapToLong(Annotation::sample).toArray();
        classes = beats.stream().map(AamiClass::of).toArray(AamiClass[]::new);
        addListener(SWT.Paint, this::paint);
        addListener(SWT.Resize, e -> updateScrollBar());
        addListener(SWT.Dispose, e -> small.dispose());
        addListener(SWT.MouseMove, this::mouseMove);
        addListener(SWT.MouseExit, e -> {
            cursorX = -1;
            redraw();
        });
        addListener(SWT.MouseDown, e -> {
            if (e.button == 1) {
                dragX = e.x;
                dragStart = startSec;
                setFocus();
            }
        });
        addListener(SWT.MouseUp, e -> dragX = Integer.MIN_VALUE);
        addListener(SWT.MouseVerticalWheel, this::wheel);
        addListener(SWT.KeyDown, this::key);
        addListener(SWT.Traverse, e -> e.doit = e.detail != SWT.TRAVERSE_ARROW_NEXT && e.detail != SWT.TRAVERSE_ARROW_PREVIOUS);
        getHorizontalBar().addListener(SWT.Selection, e -> {
            startSec = getHorizontalBar().getSelection() / 1000.0;
            redraw();
        });
    }

    public void onReadout(Consumer<String> l) {
        readout = l;
    }

    public void onStatus(Consumer<String> l) {
        status = l;
    }

    public void setJumpClass(AamiClass c) {
        jumpClass = c;
    }

    /** Detected beat positions; {@code matched[i]} tells whether beat i matched a reference beat (null: no reference). */
    public void setDetected(int[] beats, boolean[] matched) {
        detected = beats.clone();
        detectedSamples = Arrays.stream(beats).asLongStream().toArray();
        detectedMatched = matched;
        redraw();
    }

    /** Colours beats by (e.g. predicted) class; samples ascending. */
    public void setBeatClasses(long[] samples, AamiClass[] beatClasses) {
        classSamples = samples.clone();
        classes = beatClasses.clone();
        predicted = true;
        redraw();
    }

    // ---- geometry ----

    private double pxPerSecond() {
        return MM_PER_SECOND * pxPerMm * zoom;
    }

    private double pxPerMv() {
        return MM_PER_MV * pxPerMm;
    }

    private int rowHeight() {
        if (rowHeight > 0)
            return rowHeight;
        GC gc = new GC(this);
        try {
            gc.setFont(small);
            return rowHeight = gc.getFontMetrics().getHeight() + 4;
        } finally {
            gc.dispose();
        }
    }

    private double sampleX(double sample) {
        return (sample / rec.fs() - startSec) * pxPerSecond();
    }

    private double visibleSeconds() {
        return getClientArea().width / pxPerSecond();
    }

    /** Baselines snap to 5 mm lines so the paper reads like a printed strip. */
    private int[] baselines(int traceTop, int traceHeight) {
        int leads = rec.signalCount();
        double band = Math.max(traceHeight / (double) Math.max(1, leads), MIN_BAND_MM * pxPerMm);
        int[] y = new int[leads];
        double major = 5 * pxPerMm;
        for (int i = 0; i < leads; i++)
            y[i] = traceTop + (int) Math.round(Math.round((band * i + band / 2) / major) * major);
        return y;
    }

    // ---- painting ----

    private void paint(Event e) {
        GC gc = e.gc;
        Rectangle area = getClientArea();
        int row = rowHeight(), stripH = 3 * row, traceTop = stripH;
        gc.setFont(small);
        fill(gc, PAPER, 0, 0, area.width, area.height);
        fill(gc, STRIP, 0, 0, area.width, stripH);
        if (selectedSample >= 0) {
            int x = (int) Math.round(sampleX(selectedSample)), half = (int) Math.round(0.12 * pxPerSecond());
            fill(gc, SELECTED, x - half, traceTop, 2 * half + 1, area.height - traceTop);
        }
        drawGrid(gc, area, traceTop);
        int[] base = baselines(traceTop, area.height - traceTop);
        long from = Math.max(0, (long) Math.floor(startSec * rec.fs()) - 1);
        long to = Math.min(rec.length(), (long) Math.ceil((startSec + visibleSeconds()) * rec.fs()) + 2);
        gc.setClipping(0, traceTop, area.width, area.height - traceTop);
        gc.setAntialias(SWT.ON);
        for (int lead = 0; lead < rec.signalCount(); lead++) {
            if (from < to) {
                gc.setLineWidth(1);
                gc.setForeground(color(AamiColors.of(AamiClass.N)));
                drawTrace(gc, lead, from, to, base[lead]);
                if (rec.fs() / pxPerSecond() <= 4) // zoomed further out, colour would bury the N beats
                    drawClassedBeats(gc, lead, from, to, base[lead]);
            }
            drawLeadLabel(gc, lead, base[lead]);
        }
        gc.setAntialias(SWT.DEFAULT);
        gc.setClipping((Rectangle) null);
        drawRuler(gc, area, row);
        drawAnnotations(gc, area, row, from, to);
        drawDetections(gc, area, row, from, to);
        if (predicted)
            drawPredictions(gc, row, from, to);
        drawRowLabel(gc, "atr", row);
        drawRowLabel(gc, predicted && detected.length == 0 ? "pred" : "QRS", 2 * row);
        if (cursorX >= 0) {
            gc.setForeground(color(CURSOR));
            gc.setLineStyle(SWT.LINE_DASH);
            gc.drawLine(cursorX, traceTop, cursorX, area.height);
            gc.setLineStyle(SWT.LINE_SOLID);
        }
        String scale = String.format("%s mm/s   %.0f mm/mV   (%.0f %%, %.0f dpi)", fmt(MM_PER_SECOND * zoom),
                MM_PER_MV, zoom * 100, pxPerMm * 25.4);
        Point ext = gc.textExtent(scale);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        gc.drawText(scale, area.width - ext.x - 6, area.height - ext.y - 4, true);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.3g", v);
    }

    private void fill(GC gc, RGB rgb, int x, int y, int w, int h) {
        gc.setBackground(color(rgb));
        gc.fillRectangle(x, y, w, h);
    }

    private Color color(RGB rgb) {
        return new Color(rgb); // SWT 3.135 colours hold no OS resource: nothing to dispose
    }

    private void drawGrid(GC gc, Rectangle area, int top) {
        double pps = pxPerSecond();
        double minorPx = 0.04 * pps;
        if (minorPx >= 3) {
            verticalLines(gc, area, top, 0.04, 5, true);
        } else if (5 * minorPx >= 3) {
            verticalLines(gc, area, top, 0.2, 1, false);
        } else {
            double step = niceStep(8 / pps);
            verticalLines(gc, area, top, step, 1, false);
        }
        // time is zoomed, voltage is not: the horizontal lines stay 1 mm / 5 mm
        int n = (int) Math.ceil((area.height - top) / pxPerMm);
        for (int pass = 0; pass < 2; pass++)
            for (int k = 0; k <= n; k++) {
                boolean major = k % 5 == 0;
                if (major != (pass == 1))
                    continue;
                gc.setForeground(color(major ? MAJOR : MINOR));
                int y = top + (int) Math.round(k * pxPerMm);
                gc.drawLine(0, y, area.width, y);
            }
    }

    /** Vertical lines every {@code step} seconds of record time; every {@code majorEvery}-th one is major. */
    private void verticalLines(GC gc, Rectangle area, int top, double step, int majorEvery, boolean withMinor) {
        long k0 = (long) Math.floor(startSec / step), k1 = (long) Math.ceil((startSec + visibleSeconds()) / step);
        for (int pass = withMinor ? 0 : 1; pass < 2; pass++)
            for (long k = k0; k <= k1; k++) {
                boolean major = k % majorEvery == 0;
                if (withMinor && major != (pass == 1))
                    continue;
                gc.setForeground(color(major || !withMinor ? MAJOR : MINOR));
                int x = (int) Math.round((k * step - startSec) * pxPerSecond());
                gc.drawLine(x, top, x, area.height);
            }
    }

    private static double niceStep(double atLeastSeconds) {
        for (double s : new double[] { 0.2, 1, 5, 10, 30, 60, 300, 600, 1800, 3600 })
            if (s >= atLeastSeconds)
                return s;
        return 7200;
    }

    /** Raw samples when there are few per pixel, else one min/max pair per pixel column. */
    private void drawTrace(GC gc, int lead, long from, long to, int baseY) {
        float[] x = rec.physical(lead);
        float level = input.baseline(lead);
        double samplesPerPx = rec.fs() / pxPerSecond(), mv = pxPerMv();
        int[] pts;
        int n = 0;
        if (samplesPerPx <= 1.5) {
            pts = new int[2 * (int) (to - from)];
            for (long s = from; s < to; s++) {
                float v = x[(int) s];
                if (Float.isNaN(v)) { // a gap in the signal breaks the line
                    n = flush(gc, pts, n);
                    continue;
                }
                pts[n++] = (int) Math.round(sampleX(s));
                pts[n++] = baseY - (int) Math.round((v - level) * mv);
            }
        } else {
            int buckets = (int) Math.max(1, Math.ceil((to - from) / samplesPerPx));
            float[][] mm = Decimator.minMax(x, (int) from, (int) to, buckets);
            double x0 = sampleX(from), dx = (to - from) / (double) buckets / samplesPerPx;
            pts = new int[4 * buckets];
            for (int b = 0; b < buckets; b++) {
                if (Float.isNaN(mm[0][b])) {
                    n = flush(gc, pts, n);
                    continue;
                }
                int px = (int) Math.round(x0 + b * dx);
                pts[n++] = px;
                pts[n++] = baseY - (int) Math.round((mm[0][b] - level) * mv);
                pts[n++] = px;
                pts[n++] = baseY - (int) Math.round((mm[1][b] - level) * mv);
            }
        }
        flush(gc, pts, n);
    }

    private static int flush(GC gc, int[] pts, int n) {
        if (n >= 4)
            gc.drawPolyline(Arrays.copyOf(pts, n));
        else if (n == 2)
            gc.drawPoint(pts[0], pts[1]);
        return 0;
    }

    /** Redraws the stretch of each non-N beat (half-way to its neighbours) in its class colour. */
    private void drawClassedBeats(GC gc, int lead, long from, long to, int baseY) {
        int i0 = lowerBound(classSamples, from), i1 = lowerBound(classSamples, to);
        gc.setLineWidth(2);
        for (int i = Math.max(0, i0 - 1); i < Math.min(classSamples.length, i1 + 1); i++) {
            AamiClass c = classes[i];
            if (c == null || c == AamiClass.N)
                continue;
            long s = classSamples[i];
            long a = i > 0 ? (classSamples[i - 1] + s) / 2 : s - (long) (0.3 * rec.fs());
            long b = i + 1 < classSamples.length ? (s + classSamples[i + 1]) / 2 : s + (long) (0.4 * rec.fs());
            a = Math.max(a, from);
            b = Math.min(b, to);
            if (a >= b)
                continue;
            gc.setForeground(color(AamiColors.of(c)));
            drawTrace(gc, lead, a, b, baseY);
        }
        gc.setLineWidth(1);
    }

    private void drawLeadLabel(GC gc, int lead, int baseY) {
        String name = rec.signals().get(lead).name() + " (" + rec.signals().get(lead).units() + ")";
        Point ext = gc.textExtent(name);
        int y = baseY - (int) Math.round(8 * pxPerMm) - ext.y;
        fill(gc, PAPER, 4, y, ext.x + 6, ext.y);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.drawText(name, 7, y, true);
    }

    private void drawRuler(GC gc, Rectangle area, int row) {
        double pps = pxPerSecond();
        int labelW = gc.textExtent(clock(rec.durationSeconds(), false) + "000").x;
        double step = niceStep(labelW / pps);
        long k0 = (long) Math.floor(startSec / step), k1 = (long) Math.ceil((startSec + visibleSeconds()) / step);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        for (long k = Math.max(0, k0); k <= k1; k++) {
            int x = (int) Math.round((k * step - startSec) * pps);
            gc.drawLine(x, row - 4, x, row);
            gc.drawText(clock(k * step, step < 1), x + 2, 1, true);
        }
        gc.drawLine(0, row, area.width, row);
        gc.drawLine(0, 3 * row - 1, area.width, 3 * row - 1);
    }

    /** Names a marker row; drawn last so no marker hides it. */
    private void drawRowLabel(GC gc, String label, int y) {
        Point ext = gc.textExtent(label);
        fill(gc, STRIP, 0, y + 2, ext.x + 4, ext.y);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        gc.drawText(label, 2, y + 2, true);
    }

    /** h:mm:ss, or m:ss for records under an hour; with milliseconds where asked. */
    static String clock(double seconds, boolean millis) {
        long ms = Math.round(seconds * 1000), s = ms / 1000, h = s / 3600, m = s / 60 % 60;
        String t = h > 0 ? String.format("%d:%02d:%02d", h, m, s % 60) : String.format("%d:%02d", m, s % 60);
        return millis ? t + String.format(".%03d", ms % 1000) : t;
    }

    private void drawAnnotations(GC gc, Rectangle area, int row, long from, long to) {
        int i0 = lowerBound(annSamples, from), i1 = lowerBound(annSamples, to);
        int lastRight = 24; // leave the row label readable
        for (int i = i0; i < i1; i++) {
            Annotation a = annotations.get(i);
            String text = a.isBeat() || a.aux() == null || a.aux().isBlank() ? a.symbol()
                    : a.symbol() + a.aux().replace("\0", "").strip();
            Point ext = gc.textExtent(text);
            int x = (int) Math.round(sampleX(a.sample())) - ext.x / 2;
            if (x < lastRight + 2)
                continue; // zoomed out: symbols would overlap
            AamiClass c = AamiClass.of(a);
            gc.setForeground(color(c != null ? AamiColors.of(c) : new RGB(100, 100, 100)));
            gc.drawText(text, x, row + 2, true);
            lastRight = x + ext.x;
        }
    }

    /**
     * The predicted class of each beat in the second row, under the reference symbol; where the two classes differ
     * the letter sits on a pale red box, so disagreements stand out.
     */
    private void drawPredictions(GC gc, int row, long from, long to) {
        int i0 = lowerBound(classSamples, from), i1 = lowerBound(classSamples, to);
        int lastRight = 24;
        for (int i = i0; i < i1; i++) {
            String text = classes[i].name();
            Point ext = gc.textExtent(text);
            int x = (int) Math.round(sampleX(classSamples[i])) - ext.x / 2;
            if (x < lastRight + 2)
                continue;
            int j = lowerBound(annSamples, classSamples[i]);
            AamiClass ref = j < annSamples.length && annSamples[j] == classSamples[i] ? AamiClass.of(annotations.get(j)) : null;
            if (ref != null && ref != classes[i]) {
                gc.setBackground(color(DISAGREE));
                gc.fillRectangle(x - 3, 2 * row + 1, ext.x + 6, row - 2);
            }
            gc.setForeground(color(AamiColors.of(classes[i])));
            gc.drawText(text, x, 2 * row + 2, true);
            lastRight = x + ext.x;
        }
    }

    private void drawDetections(GC gc, Rectangle area, int row, long from, long to) {
        int i0 = lowerBound(detectedSamples, from), i1 = lowerBound(detectedSamples, to);
        int y = 2 * row + 3, h = row - 7, lastX = Integer.MIN_VALUE;
        for (int i = i0; i < i1; i++) {
            int x = (int) Math.round(sampleX(detected[i]));
            if (x == lastX)
                continue;
            boolean fp = detectedMatched != null && !detectedMatched[i];
            gc.setBackground(color(fp ? FALSE_POSITIVE : DETECTED));
            gc.fillPolygon(new int[] { x - h / 2, y, x + h / 2, y, x, y + h });
            lastX = x;
        }
    }

    static int lowerBound(long[] a, long key) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    // ---- navigation ----

    private void updateScrollBar() {
        ScrollBar bar = getHorizontalBar();
        int total = (int) Math.ceil(rec.durationSeconds() * 1000), thumb = (int) Math.max(1, visibleSeconds() * 1000);
        startSec = Math.max(0, Math.min(startSec, rec.durationSeconds() - visibleSeconds()));
        bar.setValues((int) Math.round(startSec * 1000), 0, Math.max(total, thumb), Math.min(thumb, Math.max(total, thumb)),
                Math.max(1, thumb / 10), Math.max(1, thumb * 9 / 10));
        redraw();
    }

    /** Shows record time {@code seconds} at the left edge. */
    public void scrollTo(double seconds) {
        startSec = seconds;
        updateScrollBar();
    }

    /** Sets the time zoom (1 = 25 mm/s), keeping the time under pixel column {@code anchorX} in place. */
    public void setZoom(double z, int anchorX) {
        double fitAll = getClientArea().width / (MM_PER_SECOND * pxPerMm * Math.max(1e-3, rec.durationSeconds()));
        double t = startSec + anchorX / pxPerSecond();
        zoom = Math.max(Math.min(1.0 / 64, fitAll), Math.min(8, z));
        startSec = t - anchorX / pxPerSecond();
        updateScrollBar();
    }

    private void wheel(Event e) {
        e.doit = false;
        if ((e.stateMask & SWT.MOD1) != 0)
            setZoom(zoom * (e.count > 0 ? 1.25 : 0.8), e.x);
        else
            scrollTo(startSec - Math.signum(e.count) * 0.1 * visibleSeconds());
    }

    private void key(Event e) {
        double screen = visibleSeconds();
        switch (e.keyCode) {
            case SWT.ARROW_LEFT -> scrollTo(startSec - 0.1 * screen);
            case SWT.ARROW_RIGHT -> scrollTo(startSec + 0.1 * screen);
            case SWT.PAGE_UP -> scrollTo(startSec - 0.9 * screen);
            case SWT.PAGE_DOWN -> scrollTo(startSec + 0.9 * screen);
            case SWT.HOME -> scrollTo(0);
            case SWT.END -> scrollTo(rec.durationSeconds());
            default -> {
                switch (e.character) {
                    case '+', '=' -> setZoom(zoom * 1.25, getClientArea().width / 2);
                    case '-' -> setZoom(zoom * 0.8, getClientArea().width / 2);
                    case '0' -> setZoom(1, getClientArea().width / 2);
                    case 'n', 'N' -> jump(true);
                    case 'p', 'P' -> jump(false);
                    default -> { }
                }
            }
        }
    }

    /** Centres the next (or previous) beat of the chosen class and selects it. */
    public void jump(boolean forward) {
        double centre = selectedSample >= 0 ? selectedSample : (startSec + visibleSeconds() / 2) * rec.fs();
        int found = -1;
        if (forward) {
            for (int i = lowerBound(classSamples, (long) Math.floor(centre) + 1); i < classSamples.length && found < 0; i++)
                if (classes[i] == jumpClass)
                    found = i;
        } else {
            for (int i = lowerBound(classSamples, (long) Math.ceil(centre)) - 1; i >= 0 && found < 0; i--)
                if (classes[i] == jumpClass)
                    found = i;
        }
        if (found < 0) {
            status.accept(String.format("No %s beat %s %s", jumpClass, forward ? "after" : "before",
                    clock(centre / rec.fs(), true)));
            getDisplay().beep();
            return;
        }
        selectedSample = classSamples[found];
        scrollTo(selectedSample / rec.fs() - visibleSeconds() / 2);
        int count = 0, index = 0;
        for (int i = 0; i < classes.length; i++)
            if (classes[i] == jumpClass) {
                count++;
                if (i <= found)
                    index = count;
            }
        status.accept(String.format("%s beat %d of %d at %s", jumpClass, index, count, clock(selectedSample / rec.fs(), true)));
        readout.accept(describe(selectedSample, QrsDetector.preferredLead(rec)));
    }

    private void mouseMove(Event e) {
        if (dragX != Integer.MIN_VALUE && (e.stateMask & SWT.BUTTON1) != 0) {
            scrollTo(dragStart - (e.x - dragX) / pxPerSecond());
            dragX = e.x;
            dragStart = startSec;
        }
        cursorX = e.x;
        Rectangle area = getClientArea();
        int traceTop = 3 * rowHeight();
        int[] base = baselines(traceTop, area.height - traceTop);
        int lead = 0;
        for (int i = 1; i < base.length; i++)
            if (e.y > (base[i - 1] + base[i]) / 2)
                lead = i;
        long sample = Math.round((startSec + e.x / pxPerSecond()) * rec.fs());
        readout.accept(describe(sample, lead));
        redraw();
    }

    /** Time, the lead's value and the RR interval around a sample. */
    String describe(long sample, int lead) {
        if (sample < 0 || sample >= rec.length())
            return "";
        float v = rec.physical(lead)[(int) sample];
        StringBuilder s = new StringBuilder(String.format("t %s   %s %s %s", clock(sample / rec.fs(), true),
                rec.signals().get(lead).name(), Float.isNaN(v) ? "(no sample)" : String.format("%.3f", v),
                rec.signals().get(lead).units()));
        long[] beats = detected.length > 0 ? detectedSamples : classSamples;
        int i = lowerBound(beats, sample + 1);
        if (i > 0 && i < beats.length) {
            double rr = (beats[i] - beats[i - 1]) / rec.fs();
            s.append(String.format("   RR %.0f ms (%.0f /min, %s)", rr * 1000, 60 / rr,
                    detected.length > 0 ? "detected beats" : "reference beats"));
        }
        return s.toString();
    }
}
