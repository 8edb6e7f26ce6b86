package convbench.ekg.ui;

import java.util.Arrays;

import convbench.compute.ui.ResultEditor;

import convbench.ekg.EcgRecord;

/**
 * A record that has been read, as the input of an {@link EcgEditor}. Two inputs are equal when they come from the
 * same file, so opening a record twice brings its editor to the front.
 */
public final class EcgRecordInput implements ResultEditor.Result {
    private final EcgRecord record;
    private final float[] baselines;

    /** Reads nothing: call it off the UI thread, it takes the per-lead medians of the record (tens of ms). */
    public EcgRecordInput(EcgRecord record) {
        this.record = record;
        baselines = new float[record.signalCount()];
        for (int i = 0; i < baselines.length; i++)
            baselines[i] = median(record.physical(i));
    }

    public EcgRecord record() {
        return record;
    }

    /** Median of each lead: the level drawn on the lead's baseline, so offset leads stay in their band. */
    public float baseline(int lead) {
        return baselines[lead];
    }

    /** Median of a strided sample (every 7th value): exact enough to centre a trace, and fast on long records. */
    static float median(float[] x) {
        int step = x.length > 100_000 ? 7 : 1;
        float[] s = new float[(x.length + step - 1) / step];
        int n = 0;
        for (int i = 0; i < x.length; i += step)
            if (!Float.isNaN(x[i]))
                s[n++] = x[i];
        if (n == 0)
            return 0;
        Arrays.sort(s, 0, n);
        return s[n / 2];
    }

    @Override
    public String getName() {
        return record.name();
    }

    @Override
    public String getToolTipText() {
        return record.source().toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcgRecordInput other && other.record.source().equals(record.source());
    }

    @Override
    public int hashCode() {
        return record.source().hashCode();
    }
}
