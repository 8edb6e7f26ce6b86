package convbench.face.train;

import convbench.face.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic augmentations of an aligned 150x150 face chip, to stretch a tiny folder-per-identity set: a mirror
 * image, small rotations, zoomed crops and shifts (bilinear resampling about the centre, edges clamped) and
 * brightness changes. Twelve hand-picked variants, then up to {@link #MAX} in all drawn from a fixed seed within the
 * same ranges plus a contrast change (a photo's lighting varies in both), so the same photos always give the same chips.
 */
public final class ChipAugmenter {
    /**
     * One augmentation: mirror, rotation (degrees), zoom (> 1 crops in), shift (pixels), brightness factor, contrast
     * factor (about the chip's mean grey level; 1 = unchanged).
     */
    public record Variant(String name, boolean flip, double degrees, double zoom, double dx, double dy, double brightness,
            double contrast) {
        Variant(String name, boolean flip, double degrees, double zoom, double dx, double dy, double brightness) {
            this(name, flip, degrees, zoom, dx, dy, brightness, 1);
        }
    }

    public static final List<Variant> VARIANTS = List.of(
            new Variant("original", false, 0, 1, 0, 0, 1),
            new Variant("flip", true, 0, 1, 0, 0, 1),
            new Variant("rotate+8", false, 8, 1, 0, 0, 1),
            new Variant("rotate-8", false, -8, 1, 0, 0, 1),
            new Variant("crop-zoom1.12", false, 0, 1.12, 0, 0, 1),
            new Variant("crop-shift", false, 0, 1.06, 6, -5, 1),
            new Variant("darker0.7", false, 0, 1, 0, 0, 0.7),
            new Variant("brighter1.3", false, 0, 1, 0, 0, 1.3),
            new Variant("flip+rotate-5+darker", true, -5, 1.05, 0, 0, 0.8),
            new Variant("flip+rotate+5+brighter", true, 5, 1.08, -4, 3, 1.2),
            new Variant("zoom-out0.9", false, 0, 0.9, 0, 0, 1),
            new Variant("rotate+12+zoom", false, 12, 1.1, 3, 3, 0.9));

    /** The most chips per photo: the hand-picked variants, then seeded draws. */
    public static final int MAX = 64;

    private ChipAugmenter() {
    }

    /** The first {@code count} variants (1 = the original only). */
    public static List<Variant> first(int count) {
        if (count < 1 || count > MAX)
            throw new IllegalArgumentException("augmentations per photo must be 1.." + MAX + ", got " + count);
        if (count <= VARIANTS.size())
            return VARIANTS.subList(0, count);
        List<Variant> all = new ArrayList<>(VARIANTS);
        for (int k = VARIANTS.size(); k < count; k++)
            all.add(drawn(k));
        return all;
    }

    /** Variant k beyond the hand-picked ones: its own seed, so variant k never depends on how many were asked for. */
    static Variant drawn(int k) {
        Random r = new Random(0xFACEL * 31 + k);
        boolean flip = r.nextBoolean();
        double deg = Math.round((r.nextDouble() * 24 - 12) * 10) / 10.0, zoom = Math.round((0.9 + r.nextDouble() * 0.25) * 100) / 100.0;
        double dx = Math.round(r.nextDouble() * 12 - 6), dy = Math.round(r.nextDouble() * 12 - 6);
        double bright = Math.round((0.7 + r.nextDouble() * 0.6) * 100) / 100.0;
        double contrast = Math.round((0.7 + r.nextDouble() * 0.6) * 100) / 100.0; // drawn last: the other draws stay as they were
        return new Variant(String.format(Locale.ROOT, "drawn%d%s%+.1fdeg-zoom%.2f-shift%+.0f%+.0f-light%.2f-contrast%.2f", k,
                flip ? "-flip" : "", deg, zoom, dx, dy, bright, contrast), flip, deg, zoom, dx, dy, bright, contrast);
    }

    public static RgbImage apply(RgbImage chip, Variant v) {
        int w = chip.width(), h = chip.height();
        float[] src = chip.data(), out = new float[src.length];
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        double rad = Math.toRadians(v.degrees()), cos = Math.cos(rad), sin = Math.sin(rad);
        double grey = 0;
        for (float p : src)
            grey += p;
        grey /= src.length;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                // inverse map: output pixel -> source position (rotate by -angle, shrink by zoom, shift, mirror)
                double ox = (x - cx) / v.zoom(), oy = (y - cy) / v.zoom();
                double sx = cos * ox + sin * oy + cx + v.dx(), sy = -sin * ox + cos * oy + cy + v.dy();
                if (v.flip())
                    sx = w - 1 - sx;
                sx = Math.max(0, Math.min(w - 1, sx));
                sy = Math.max(0, Math.min(h - 1, sy));
                int x0 = (int) sx, y0 = (int) sy, x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
                double fx = sx - x0, fy = sy - y0;
                for (int c = 0; c < 3; c++) {
                    double top = src[(y0 * w + x0) * 3 + c] * (1 - fx) + src[(y0 * w + x1) * 3 + c] * fx;
                    double bottom = src[(y1 * w + x0) * 3 + c] * (1 - fx) + src[(y1 * w + x1) * 3 + c] * fx;
                    double p = (grey + (top * (1 - fy) + bottom * fy - grey) * v.contrast()) * v.brightness();
                    out[(y * w + x) * 3 + c] = (float) Math.max(0, Math.min(255, p));
                }
            }
        return new RgbImage(w, h, out);
    }
}
