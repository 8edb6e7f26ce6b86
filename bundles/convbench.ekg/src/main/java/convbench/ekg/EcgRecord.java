package convbench.ekg;

import java.nio.file.Path;
import java.util.List;

/**
 * An ECG record in memory: equally sampled leads in physical units (NaN = missing sample), the ADC values where
 * the file stores integers, and the record's annotations. Immutable; arrays handed out are the record's own, so
 * callers must not change them.
 */
public final class EcgRecord {
    private final String name;
    private final Path source;
    private final double fs;
    private final List<SignalInfo> signals;
    private final float[][] physical;
    private final int[][] adc;
    private final List<Annotation> annotations;
    private final String startTime;

    /**
     * @param adc per signal the stored integers ({@link WfdbRecord#INVALID} = missing), or {@code null} when the
     *            format stores physical values (CSV)
     */
    public EcgRecord(String name, Path source, double fs, List<SignalInfo> signals, float[][] physical, int[][] adc,
            List<Annotation> annotations, String startTime) {
        if (physical.length != signals.size())
            throw new IllegalArgumentException(physical.length + " sample arrays for " + signals.size() + " signals");
        for (float[] p : physical)
            if (p.length != physical[0].length)
                throw new IllegalArgumentException("signals of unequal length");
        this.name = name;
        this.source = source;
        this.fs = fs;
        this.signals = List.copyOf(signals);
        this.physical = physical;
        this.adc = adc;
        this.annotations = List.copyOf(annotations);
        this.startTime = startTime;
    }

    public String name() {
        return name;
    }

    /** The file it was read from. */
    public Path source() {
        return source;
    }

    /** Samples per second. */
    public double fs() {
        return fs;
    }

    /** Samples per signal. */
    public int length() {
        return physical.length == 0 ? 0 : physical[0].length;
    }

    public double durationSeconds() {
        return length() / fs;
    }

    public List<SignalInfo> signals() {
        return signals;
    }

    public int signalCount() {
        return signals.size();
    }

    /** Index of the signal with this name, or -1. */
    public int indexOf(String signalName) {
        for (int i = 0; i < signals.size(); i++)
            if (signals.get(i).name().equals(signalName))
                return i;
        return -1;
    }

    /** Samples of signal {@code i} in its physical units (NaN where missing). */
    public float[] physical(int i) {
        return physical[i];
    }

    /** Stored integers of signal {@code i}, or {@code null} for formats without them. */
    public int[] adc(int i) {
        return adc == null ? null : adc[i];
    }

    public List<Annotation> annotations() {
        return annotations;
    }

    /** Start time as the file gives it, or {@code null}. */
    public String startTime() {
        return startTime;
    }

    /** The same record with other annotations (e.g. detected beats). */
    public EcgRecord withAnnotations(List<Annotation> other) {
        return new EcgRecord(name, source, fs, signals, physical, adc, other, startTime);
    }
}
