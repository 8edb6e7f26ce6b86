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
import org.nd4j.linalg.factory.Nd4j;

/**
 * The beats of some records as classifier input. Each example is {@code [1 + RR, W]} (channels first): channel 0 is
 * the beat window of {@link BeatWindows} (mV, median removed), channels 1..4 are the RR features, each held constant
 * along the window so that one Conv1D input carries both (the core library builds single-input networks). The RR
 * features are relative to the record's own mean RR, so they mean the same for a fast and a slow heart (what makes
 * "premature" transfer between patients): previous RR / mean, next RR / mean, local (10-beat) RR / mean, previous /
 * local; all minus 1, so a regular beat is about 0. The label is the AAMI class (one-hot over {@link AamiClass}).
 */
public final class BeatDataset {
    /** RR channels beside the waveform. */
    public static final int RR_CHANNELS = 4;
    public static final List<String> CLASS_NAMES = java.util.Arrays.stream(AamiClass.values()).map(Enum::name).toList();

    private final float[][] windows;
    private final float[][] rr;
    private final int[] labels;
    private final int[] groups;
    private final List<String> records;
    private final long[] samples;

    private BeatDataset(float[][] windows, float[][] rr, int[] labels, int[] groups, List<String> records, long[] samples) {
        this.windows = windows;
        this.rr = rr;
        this.labels = labels;
        this.groups = groups;
        this.records = List.copyOf(records);
        this.samples = samples;
    }

    /** The beats of records already extracted (one {@link BeatWindows.Beats} per record). */
    public static BeatDataset of(List<BeatWindows.Beats> perRecord) {
        int n = perRecord.stream().mapToInt(BeatWindows.Beats::size).sum();
        float[][] w = new float[n][], r = new float[n][];
        int[] lab = new int[n], grp = new int[n];
        long[] pos = new long[n];
        List<String> names = new ArrayList<>();
        int k = 0;
        for (BeatWindows.Beats b : perRecord) {
            float[][] feats = relativeRr(b.rr());
            for (int i = 0; i < b.size(); i++, k++) {
                w[k] = b.windows()[i];
                r[k] = feats[i];
                lab[k] = b.labels()[i].ordinal();
                grp[k] = names.size();
                pos[k] = b.samples()[i];
            }
            names.add(b.record());
        }
        return new BeatDataset(w, r, lab, grp, names, pos);
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
     * RR features relative to the record's mean RR (see the class comment). The mean is over the beats given, so a
     * record classified from detected beats is normalised by its own detected rhythm, as in training.
     */
    static float[][] relativeRr(float[][] rr) {
        double mean = 0;
        for (float[] v : rr)
            mean += v[0];
        mean = rr.length == 0 ? 1 : mean / rr.length;
        float[][] out = new float[rr.length][];
        for (int i = 0; i < rr.length; i++) {
            float[] v = rr[i];
            out[i] = new float[] {(float) (v[0] / mean - 1), (float) (v[1] / mean - 1), (float) (v[2] / mean - 1), v[3] - 1};
        }
        return out;
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
        return new int[] {1 + RR_CHANNELS, width()};
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
        return new BeatDataset(w, r, lab, grp, records, pos);
    }

    /** The features of beat i, {@code [1 + RR_CHANNELS, width]}. */
    public float[][] features(int i) {
        int width = width();
        float[][] f = new float[1 + RR_CHANNELS][];
        f[0] = windows[i];
        for (int c = 0; c < RR_CHANNELS; c++) {
            f[c + 1] = new float[width];
            java.util.Arrays.fill(f[c + 1], rr[i][c]);
        }
        return f;
    }

    /** The beats as labelled examples for the core library's trainer and evaluator (built on demand, nothing cached). */
    public ExampleSource source() {
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
                INDArray x = Nd4j.create(features(index));
                INDArray y = Nd4j.zeros(DataType.FLOAT, classes);
                y.putScalar(labels[index], 1f);
                return new Example(x, y);
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
