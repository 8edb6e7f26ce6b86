package convbench.dicom.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to write as a DICOM file: attributes with their value representation (sequences hold nested datasets), plus
 * either uncompressed frames or 1-bit frames (binary segmentations). Toolkit-neutral, so code that exports volumes
 * never sees the toolkit's classes. AT values are written as tags, e.g. "(0062,000B)".
 */
public final class DicomDataset {
    /** One attribute: its VR and its values as DICOM text (numbers formatted by the caller), or a sequence's items. */
    public record Value(String vr, List<String> values, List<DicomDataset> items) {
        public Value(String vr, List<String> values) {
            this(vr, values, List.of());
        }
    }

    /**
     * 1-bit frames (BitsAllocated 1): {@code frames} frames of rows x columns pixels packed one after the other
     * without padding, pixel n of the whole run in bit (n mod 8) of byte n / 8, as PS3.5 8.1.1 lays them out.
     */
    public record BitFrames(int rows, int columns, int frames, byte[] packed) {
        public BitFrames {
            long bits = (long) rows * columns * frames;
            if (rows <= 0 || columns <= 0 || frames <= 0 || packed.length != (bits + 7) / 8)
                throw new IllegalArgumentException("1-bit frames: " + frames + " x " + rows + " x " + columns + " need "
                        + (bits + 7) / 8 + " bytes, got " + packed.length);
        }
    }

    private final Map<DicomTag, Value> attributes = new TreeMap<>();
    private final List<PixelFrame> frames = new ArrayList<>();
    private BitFrames bitFrames;

    public DicomDataset put(DicomTag tag, String vr, String... values) {
        if (vr == null || vr.length() != 2)
            throw new IllegalArgumentException(tag + ": VR must be two letters, got '" + vr + "'");
        if (tag.equals(Tags.PixelData))
            throw new IllegalArgumentException("pixel data is set with addFrame, not put");
        if (vr.equals("SQ"))
            throw new IllegalArgumentException(tag + ": sequences are set with putSequence");
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

    /** A sequence (VR SQ) of the given items, in order. */
    public DicomDataset putSequence(DicomTag tag, List<DicomDataset> items) {
        if (tag.equals(Tags.PixelData))
            throw new IllegalArgumentException("pixel data is set with addFrame, not putSequence");
        attributes.put(tag, new Value("SQ", List.of(), List.copyOf(items)));
        return this;
    }

    /** A sequence of one item. */
    public DicomDataset putItem(DicomTag tag, DicomDataset item) {
        return putSequence(tag, List.of(item));
    }

    /** Sets the pixel data to 1-bit frames (instead of {@link #addFrame} frames). */
    public DicomDataset setBitFrames(BitFrames b) {
        if (!frames.isEmpty())
            throw new IllegalArgumentException("a dataset holds either frames or 1-bit frames, not both");
        bitFrames = b;
        return this;
    }

    /** The 1-bit frames, or null. */
    public BitFrames bitFrames() {
        return bitFrames;
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
        if (bitFrames != null)
            throw new IllegalArgumentException("a dataset holds either frames or 1-bit frames, not both");
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
