package convbench.ekg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Fixed-length windows around each labelled R peak, resampled to a fixed rate, with RR-interval features: the
 * input of the beat classifier. Records are read one at a time ({@link #iterate}) so a whole database never sits
 * in memory.
 *
 * @param before    seconds before the R peak
 * @param after     seconds after the R peak
 * @param targetFs  rate the windows are resampled to (linear interpolation)
 * @param lead      lead index, or -1 for {@link QrsDetector#preferredLead}
 */
public record BeatWindows(double before, double after, double targetFs, int lead) {
    /** 0.25 s before to 0.45 s after the R peak at 180 Hz: 126 samples of the preferred lead. */
    public static BeatWindows standard() {
        return new BeatWindows(0.25, 0.45, 180, -1);
    }

    /** Samples per window. */
    public int length() {
        return (int) Math.round((before + after) * targetFs);
    }

    /**
     * Number of RR features: previous RR, next RR, local mean RR (10 beats), previous/local ratio (all seconds), and
     * the irregularity of the rhythm before the beat: the mean absolute difference of successive RRs over the (up to)
     * 10 intervals before its previous RR, divided by their mean (0 in a steady rhythm, large in atrial fibrillation,
     * where an early beat is not a premature one).
     */
    public static final int RR_FEATURES = 5;

    /** The beats of one record. */
    public record Beats(String record, float[][] windows, float[][] rr, AamiClass[] labels, long[] samples) {
        public int size() {
            return labels.length;
        }
    }

    /**
     * Extracts the windows of every AAMI-labelled beat that lies fully inside the record (the first and last beat
     * have no previous/next RR and are left out). The window is the baseline-free lead: its median is subtracted.
     */
    public Beats extract(EcgRecord rec) {
        int ld = lead >= 0 ? lead : QrsDetector.preferredLead(rec);
        float[] x = rec.physical(ld);
        double fs = rec.fs();
        List<Annotation> beats = new ArrayList<>();
        for (Annotation a : rec.annotations())
            if (a.isBeat())
                beats.add(a);
        int len = length();
        List<float[]> w = new ArrayList<>(), rr = new ArrayList<>();
        List<AamiClass> lab = new ArrayList<>();
        List<Long> pos = new ArrayList<>();
        for (int i = 1; i + 1 < beats.size(); i++) {
            Annotation a = beats.get(i);
            AamiClass c = AamiClass.of(a);
            if (c == null)
                continue;
            double t0 = a.sample() - before * fs;
            double tEnd = t0 + (len - 1) * fs / targetFs;
            if (t0 < 0 || tEnd + 1 >= x.length)
                continue;
            float[] win = new float[len];
            boolean bad = false;
            for (int k = 0; k < len; k++) {
                double t = t0 + k * fs / targetFs;
                int j = (int) t;
                double f = t - j;
                double v = x[j] * (1 - f) + x[j + 1] * f;
                if (Double.isNaN(v)) {
                    bad = true;
                    break;
                }
                win[k] = (float) v;
            }
            if (bad)
                continue;
            float[] sorted = win.clone();
            java.util.Arrays.sort(sorted);
            float med = sorted[len / 2];
            for (int k = 0; k < len; k++)
                win[k] -= med;
            double prev = (a.sample() - beats.get(i - 1).sample()) / fs;
            double next = (beats.get(i + 1).sample() - a.sample()) / fs;
            int from = Math.max(1, i - 10);
            double local = (a.sample() - beats.get(from - 1).sample()) / fs / (i - from + 1);
            w.add(win);
            rr.add(new float[] {(float) prev, (float) next, (float) local, (float) (prev / local), (float) irregularity(beats, i)});
            lab.add(c);
            pos.add(a.sample());
        }
        return new Beats(rec.name(), w.toArray(float[][]::new), rr.toArray(float[][]::new),
                lab.toArray(AamiClass[]::new), pos.stream().mapToLong(Long::longValue).toArray());
    }

    /** See {@link #RR_FEATURES}: over the intervals RR_j (beat j-1 to j) for j from max(1, i-10) to i-1. */
    static double irregularity(List<Annotation> beats, int i) {
        int lo = Math.max(1, i - 10), m = i - lo;
        if (m < 2)
            return 0;
        double diffs = 0, sum = 0;
        for (int j = lo; j < i; j++) {
            long rr = beats.get(j).sample() - beats.get(j - 1).sample();
            sum += rr;
            if (j > lo)
                diffs += Math.abs(rr - (beats.get(j - 1).sample() - beats.get(j - 2).sample()));
        }
        return diffs / (m - 1) / (sum / m);
    }

    /** Iterates the beats of the given records of a WFDB folder (e.g. {@link AamiClass#DS1}), reading lazily. */
    public Iterator<Beats> iterate(Path db, List<String> records) {
        return iterate(records, r -> {
            try {
                return EcgReaders.readWfdb(db.resolve(r + ".hea"), "atr");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Iterates the beats of records obtained one at a time from {@code reader}. */
    public Iterator<Beats> iterate(List<String> records, Function<String, EcgRecord> reader) {
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < records.size();
            }

            @Override
            public Beats next() {
                if (!hasNext())
                    throw new NoSuchElementException();
                return extract(reader.apply(records.get(i++)));
            }
        };
    }
}
