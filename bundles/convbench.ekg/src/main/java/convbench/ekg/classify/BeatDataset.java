package convbench.ekg.classify;

import convbench.core.data.Example;
import convbench.core.data.ExampleSource;
import convbench.ekg.AamiClass;
import convbench.ekg.BeatWindows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The beats of some records as classifier input, {@code [CHANNELS, W]} (channels first); what the channels hold is
 * the feature set {@value #FEATURES}, stored in every model file. Everything is normalised by statistics of the
 * beat's own record (no labels involved), so a beat looks the same for a patient with small or large complexes and a
 * fast or slow heart, which is what lets the net transfer between patients (inter-patient protocol):
 * <ul>
 * <li>channel 0: the beat window of {@link BeatWindows} (median removed) divided by the record's median beat
 * peak-to-peak amplitude;</li>
 * <li>channel 1: channel 0 minus the record's median beat (sample-wise median of its normalised windows): how this
 * beat differs from the patient's usual one;</li>
 * <li>channels 2..8, the RR features, each held constant along the window so that one Conv1D input carries them
 * (the core library's networks take one input): previous RR / mean, next RR / mean, local (10-beat) RR / mean,
 * previous / local, next / local, next / previous (mean = the record's mean RR), all minus 1 (a regular beat is about
 * 0); and the irregularity of the rhythm before the beat ({@link BeatWindows#RR_FEATURES}); clamped to [-1, 3]
 * against missed beats.</li>
 * </ul>
 * The label is the AAMI class (one-hot over {@link AamiClass}).
 */
public final class BeatDataset {
    /** Waveform channels (normalised window, deviation from the record's median beat), then RR channels. */
    public static final int WAVE_CHANNELS = 2, RR_CHANNELS = 7, CHANNELS = WAVE_CHANNELS + RR_CHANNELS;
    /** The feature set's id in model files; a model with another one was trained on other inputs. */
    public static final String FEATURES = "wave-norm+median-dev+rr7";
    /** Bounds of the RR features: a missed or extra annotation must not produce a huge input. */
    static final float RR_MIN = -1, RR_MAX = 3;
    /** At most this many beats per record enter its median beat (evenly spaced): enough for a stable median. */
    static final int TEMPLATE_BEATS = 1000;
    public static final List<String> CLASS_NAMES = java.util.Arrays.stream(AamiClass.values()).map(Enum::name).toList();

    private final float[][] windows;
    private final float[][] rr;
    private final int[] labels;
    private final int[] groups;
    private final List<String> records;
    /** The median normalised beat of each record (index = group). */
    private final List<float[]> templates;
    private final long[] samples;

    private BeatDataset(float[][] windows, float[][] rr, int[] labels, int[] groups, List<String> records,
            List<float[]> templates, long[] samples) {
        this.windows = windows;
        this.rr = rr;
        this.labels = labels;
        this.groups = groups;
        this.records = List.copyOf(records);
        this.templates = List.copyOf(templates);
        this.samples = samples;
    }

    /** The beats of records already extracted (one {@link BeatWindows.Beats} per record). */
    public static BeatDataset of(List<BeatWindows.Beats> perRecord) {
        int n = perRecord.stream().mapToInt(BeatWindows.Beats::size).sum();
        float[][] w = new float[n][], r = new float[n][];
        int[] lab = new int[n], grp = new int[n];
        long[] pos = new long[n];
        List<String> names = new ArrayList<>();
        List<float[]> tpl = new ArrayList<>();
        int k = 0;
        for (BeatWindows.Beats b : perRecord) {
            float[][] feats = relativeRr(b.rr());
            float[][] wave = normalised(b.windows());
            tpl.add(medianBeat(wave));
            for (int i = 0; i < b.size(); i++, k++) {
                w[k] = wave[i];
                r[k] = feats[i];
                lab[k] = b.labels()[i].ordinal();
                grp[k] = names.size();
                pos[k] = b.samples()[i];
            }
            names.add(b.record());
        }
        return new BeatDataset(w, r, lab, grp, names, tpl, pos);
    }

    /**
     * Reads the records of a WFDB folder (with their .atr reference labels) one at a time.
     *
     * @param progress told (records done, record name) before each record; may be null
     */
    public static BeatDataset load(Path db, List<String> records, BeatWindows windows, BiConsumer<Integer, String> progress)
            throws IOException {
        for (String r : records)
            if (!Files.isRegularFile(db.resolve(r + ".hea")))
                throw new IOException(db.resolve(r + ".hea") + ": no such record header");
        List<BeatWindows.Beats> all = new ArrayList<>();
        Iterator<BeatWindows.Beats> it = windows.iterate(db, records);
        try {
            for (int i = 0; it.hasNext(); i++) {
                if (progress != null)
                    progress.accept(i, records.get(i));
                all.add(it.next());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return of(all);
    }

    /**
     * RR features relative to the record's mean RR (see the class comment) from {@link BeatWindows.Beats#rr} (previous,
     * next, local mean RR in seconds, previous / local, irregularity). The mean is over the beats given, so a record classified from
     * detected beats is normalised by its own detected rhythm, as in training.
     */
    static float[][] relativeRr(float[][] rr) {
        double mean = 0;
        for (float[] v : rr)
            mean += v[0];
        mean = rr.length == 0 ? 1 : mean / rr.length;
        float[][] out = new float[rr.length][];
        for (int i = 0; i < rr.length; i++) {
            double prev = rr[i][0], next = rr[i][1], local = rr[i][2];
            out[i] = new float[] {clampRr(prev / mean), clampRr(next / mean), clampRr(local / mean), clampRr(prev / local),
                    clampRr(next / local), clampRr(next / prev), clampRr(1 + rr[i][4])};
        }
        return out;
    }

    private static float clampRr(double ratio) {
        return (float) Math.max(RR_MIN, Math.min(RR_MAX, ratio - 1));
    }

    /**
     * The windows of one record divided by their median peak-to-peak amplitude (a record's typical QRS becomes ~1 high
     * whatever the patient's lead placement and gain); a flat record is left as it is.
     */
    static float[][] normalised(float[][] windows) {
        if (windows.length == 0)
            return windows;
        float[] p2p = new float[windows.length];
        for (int i = 0; i < windows.length; i++) {
            float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
            for (float v : windows[i]) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            p2p[i] = hi - lo;
        }
        float scale = median(p2p);
        float inv = scale > 1e-6f ? 1 / scale : 1;
        float[][] out = new float[windows.length][];
        for (int i = 0; i < windows.length; i++) {
            out[i] = new float[windows[i].length];
            for (int t = 0; t < out[i].length; t++)
                out[i][t] = windows[i][t] * inv;
        }
        return out;
    }

    /** The sample-wise median of a record's windows (of at most {@value #TEMPLATE_BEATS} evenly spaced ones). */
    static float[] medianBeat(float[][] windows) {
        if (windows.length == 0)
            return new float[0];
        int n = Math.min(windows.length, TEMPLATE_BEATS), width = windows[0].length;
        float[] out = new float[width], col = new float[n];
        for (int t = 0; t < width; t++) {
            for (int j = 0; j < n; j++)
                col[j] = windows[(int) ((long) j * windows.length / n)][t];
            out[t] = median(col);
        }
        return out;
    }

    /** The median (the upper one of an even count); sorts a copy. */
    private static float median(float[] v) {
        float[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    public int size() {
        return labels.length;
    }

    /** Samples per window. */
    public int width() {
        return windows.length == 0 ? 0 : windows[0].length;
    }

    /** {@code [channels, width]}. */
    public int[] featureShape() {
        return new int[] {CHANNELS, width()};
    }

    /** The AAMI class of beat i ({@link AamiClass#ordinal}). */
    public int label(int i) {
        return labels[i];
    }

    public int[] labels() {
        return labels.clone();
    }

    /** The record index of every beat (into {@link #records()}): the groups of a leave-records-out split. */
    public int[] groups() {
        return groups.clone();
    }

    public List<String> records() {
        return records;
    }

    /** The record of beat i. */
    public String record(int i) {
        return records.get(groups[i]);
    }

    /** The R-peak sample of beat i in its record. */
    public long sample(int i) {
        return samples[i];
    }

    public long[] classCounts() {
        long[] c = new long[AamiClass.values().length];
        for (int l : labels)
            c[l]++;
        return c;
    }

    /** The names of the records that have at least one beat in this set. */
    public List<String> recordsPresent() {
        boolean[] seen = new boolean[records.size()];
        for (int g : groups)
            seen[g] = true;
        List<String> out = new ArrayList<>();
        for (int g = 0; g < seen.length; g++)
            if (seen[g])
                out.add(records.get(g));
        return out;
    }

    /** Some beats, in the given order (record names are kept, so groups stay comparable). */
    public BeatDataset subset(int[] indices) {
        float[][] w = new float[indices.length][], r = new float[indices.length][];
        int[] lab = new int[indices.length], grp = new int[indices.length];
        long[] pos = new long[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            w[k] = windows[i];
            r[k] = rr[i];
            lab[k] = labels[i];
            grp[k] = groups[i];
            pos[k] = samples[i];
        }
        return new BeatDataset(w, r, lab, grp, records, templates, pos);
    }

    /** The features of beat i, {@code [CHANNELS, width]} (see the class comment). */
    public float[][] features(int i) {
        return features(i, windows[i]);
    }

    /** The features of beat i with {@code wave} in place of its normalised window. */
    private float[][] features(int i, float[] wave) {
        int width = wave.length;
        float[][] f = new float[CHANNELS][];
        f[0] = wave;
        float[] tpl = templates.get(groups[i]);
        f[1] = new float[width];
        for (int t = 0; t < width; t++)
            f[1][t] = wave[t] - tpl[t];
        for (int c = 0; c < RR_CHANNELS; c++) {
            f[WAVE_CHANNELS + c] = new float[width];
            java.util.Arrays.fill(f[WAVE_CHANNELS + c], rr[i][c]);
        }
        return f;
    }

    /**
     * The beats as labelled examples for the core library's trainer and evaluator (built on demand, nothing cached); a
     * batch is filled in one Java array and becomes one ND4J array, not one per beat (off-heap garbage that the
     * garbage collector frees late).
     */
    public ExampleSource source() {
        return source(this::features);
    }

    /**
     * The beats with random, label-preserving distortions of the waveform, drawn afresh at every visit (for training
     * only): how the same class could look in another patient or through another electrode, so that the net learns
     * less of the training patients' exact shapes. In units of the record's median beat amplitude: gain x0.8 to
     * x1.25, baseline offset +-0.1 and slope +-0.1 over the window, white noise of s.d. 0.02; a time shift of up to +-3
     * samples (17 ms; edge samples repeated). The RR features are left exact. Reproducible for a seed when the beats are
     * visited in a reproducible order.
     */
    public ExampleSource augmentedSource(long seed) {
        java.util.concurrent.atomic.AtomicLong visits = new java.util.concurrent.atomic.AtomicLong();
        return source(i -> features(i, augment(windows[i], new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L
                + visits.getAndIncrement()))));
    }

    static float[] augment(float[] w, java.util.SplittableRandom r) {
        int n = w.length, shift = r.nextInt(-3, 4);
        double gain = Math.exp(r.nextDouble(Math.log(0.8), Math.log(1.25))), offset = r.nextDouble(-0.1, 0.1),
                slope = r.nextDouble(-0.1, 0.1);
        float[] out = new float[n];
        for (int t = 0; t < n; t++) {
            double noise = 0.02 * gaussian(r);
            out[t] = (float) (gain * w[Math.max(0, Math.min(n - 1, t - shift))] + offset + slope * (t - n / 2.0) / n + noise);
        }
        return out;
    }

    private static double gaussian(java.util.SplittableRandom r) {
        double u = r.nextDouble(1e-12, 1), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private ExampleSource source(java.util.function.IntFunction<float[][]> featuresOf) {
        if (size() == 0)
            throw new IllegalStateException("no beats in this set (records " + records + ")");
        int classes = AamiClass.values().length;
        int[] shape = featureShape();
        return new ExampleSource() {
            @Override
            public int size() {
                return labels.length;
            }

            @Override
            public Example get(int index) {
                INDArray x = Nd4j.create(featuresOf.apply(index));
                INDArray y = Nd4j.zeros(DataType.FLOAT, classes);
                y.putScalar(labels[index], 1f);
                return new Example(x, y);
            }

            @Override
            public DataSet batch(int[] indices, int from, int to) {
                int n = to - from, width = shape[1], per = CHANNELS * width;
                float[] x = new float[n * per], y = new float[n * classes];
                for (int k = 0; k < n; k++) {
                    int i = indices[from + k];
                    float[][] f = featuresOf.apply(i);
                    for (int c = 0; c < CHANNELS; c++)
                        System.arraycopy(f[c], 0, x, k * per + c * width, width);
                    y[k * classes + labels[i]] = 1f;
                }
                return new DataSet(Nd4j.create(x, new long[] {n, CHANNELS, width}, 'c'), Nd4j.create(y, new long[] {n, classes}, 'c'));
            }

            @Override
            public int label(int index) {
                return labels[index];
            }

            @Override
            public int[] featureShape() {
                return shape.clone();
            }
        };
    }
}
