package convbench.ekg;

/**
 * Min/max decimation for drawing long traces: each of {@code buckets} pixel columns gets the smallest and the
 * largest sample that falls in it, so no QRS spike disappears however far the view is zoomed out.
 */
public final class Decimator {
    private Decimator() {
    }

    /**
     * @return {@code [2][buckets]}: row 0 the minima, row 1 the maxima of {@code x[from, to)} split into
     *         {@code buckets} equal parts (NaN where a part has only missing samples)
     */
    public static float[][] minMax(float[] x, int from, int to, int buckets) {
        if (from < 0 || to > x.length || from >= to || buckets < 1)
            throw new IllegalArgumentException("range " + from + ".." + to + " of " + x.length + ", " + buckets
                    + " buckets");
        float[][] out = new float[2][buckets];
        long n = to - from;
        for (int b = 0; b < buckets; b++) {
            int a = from + (int) (n * b / buckets), e = from + (int) (n * (b + 1) / buckets);
            if (e <= a)
                e = Math.min(to, a + 1);
            float lo = Float.NaN, hi = Float.NaN;
            for (int i = a; i < e; i++) {
                float v = x[i];
                if (Float.isNaN(v))
                    continue;
                if (!(v >= lo))
                    lo = v;
                if (!(v <= hi))
                    hi = v;
            }
            out[0][b] = lo;
            out[1][b] = hi;
        }
        return out;
    }
}
