package convbench.dicom.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to write as a DICOM file: plain (non-sequence) attributes with their value representation, plus one or more
 * uncompressed frames. Toolkit-neutral, so code that exports volumes never sees the toolkit's classes.
 */
public final class DicomDataset {
    /** One attribute: its VR and its values as DICOM text (numbers formatted by the caller). */
    public record Value(String vr, List<String> values) {
    }

    private final Map<DicomTag, Value> attributes = new TreeMap<>();
    private final List<PixelFrame> frames = new ArrayList<>();

    public DicomDataset put(DicomTag tag, String vr, String... values) {
        if (vr == null || vr.length() != 2)
            throw new IllegalArgumentException(tag + ": VR must be two letters, got '" + vr + "'");
        if (tag.equals(Tags.PixelData))
            throw new IllegalArgumentException("pixel data is set with addFrame, not put");
        attributes.put(tag, new Value(vr, List.of(values)));
        return this;
    }

    /** Numbers as DS (decimal string) or IS; trims a trailing ".0" so integers stay integers. */
    public DicomDataset putNumbers(DicomTag tag, String vr, double... values) {
        String[] s = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            s[i] = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : formatDecimal(v);
        }
        return put(tag, vr, s);
    }

    // DS values are at most 16 characters
    private static String formatDecimal(double v) {
        String s = Double.toString(v);
        for (int digits = 10; s.length() > 16 && digits > 0; digits--)
            s = String.format(java.util.Locale.ROOT, "%." + digits + "g", v).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }

    /** Copies the plain attributes of {@code source} (sequences and pixel data are left out). */
    public static DicomDataset copyOf(DicomObject source) {
        DicomDataset d = new DicomDataset();
        for (DicomTag t : source.tags()) {
            String vr = source.vr(t);
            if (t.group() == 0x0002 || t.equals(Tags.PixelData) || vr == null || vr.equals("SQ") || vr.equals("UN")
                    || vr.startsWith("O"))
                continue;
            d.attributes.put(t, new Value(vr, List.of(source.strings(t))));
        }
        return d;
    }

    public DicomDataset remove(DicomTag tag) {
        attributes.remove(tag);
        return this;
    }

    public DicomDataset addFrame(PixelFrame frame) {
        if (!frames.isEmpty()) {
            PixelFrame f = frames.get(0);
            if (f.rows() != frame.rows() || f.columns() != frame.columns() || f.samplesPerPixel() != frame.samplesPerPixel())
                throw new IllegalArgumentException("all frames must have the same size");
        }
        frames.add(frame);
        return this;
    }

    public Map<DicomTag, Value> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public List<PixelFrame> frames() {
        return Collections.unmodifiableList(frames);
    }
}
