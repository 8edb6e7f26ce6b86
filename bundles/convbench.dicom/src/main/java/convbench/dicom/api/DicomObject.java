package convbench.dicom.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One DICOM file as read by a {@link DicomToolkit}: top-level attributes and, when read with pixels, its frames.
 * Absent attributes give {@code null}, an empty array or the fallback, never an exception.
 */
public interface DicomObject {
    /** The file it came from (null for an object built in memory). */
    Path source();

    String transferSyntaxUid();

    boolean contains(DicomTag tag);

    /** The value representation, e.g. "DS", "US", "SQ"; null when absent. */
    String vr(DicomTag tag);

    /** The first value as text, trimmed; null when absent or empty. */
    String string(DicomTag tag);

    /** Attribute by DICOM keyword (e.g. "SeriesDescription"); throws IllegalArgumentException for an unknown keyword. */
    String string(String keyword);

    /** All values as text (multi-valued attributes such as ImageType). */
    String[] strings(DicomTag tag);

    /** All values as numbers (DS, IS, US, FL ...); empty when absent or not numeric. */
    double[] doubles(DicomTag tag);

    default double number(DicomTag tag, double fallback) {
        double[] v = doubles(tag);
        return v.length == 0 ? fallback : v[0];
    }

    default int integer(DicomTag tag, int fallback) {
        double[] v = doubles(tag);
        return v.length == 0 ? fallback : (int) Math.round(v[0]);
    }

    default String string(DicomTag tag, String fallback) {
        String s = string(tag);
        return s == null ? fallback : s;
    }

    /** Top-level tags present, in file order. */
    List<DicomTag> tags();

    /** True when the object has pixel data with rows and columns (an image, not e.g. a DICOMDIR or a report). */
    boolean isImage();

    /** Whether the pixels were read (false after {@link DicomToolkit#readHeader}). */
    boolean hasPixels();

    int frameCount();

    /**
     * Where the uncompressed pixel data lies in the file, when {@link DicomToolkit#readHeader} found it: a native
     * transfer syntax (not compressed, not deflated) with a PixelData value of defined length. Empty otherwise; then
     * {@link DicomToolkit#read} and {@link #frame} are the way to the pixels.
     */
    default Optional<NativePixelData> nativePixelData() {
        return Optional.empty();
    }

    /** Decoded frame {@code index} (0-based). Throws when the object was read without pixels. */
    PixelFrame frame(int index) throws DicomReadException;

    /**
     * The multiplex groups of the WaveformSequence (ECG, hemodynamic, audio ... waveform IODs); empty when the object
     * has none. {@link DicomToolkit#readHeader} has them too: the waveform data comes before any pixel data.
     *
     * @throws DicomReadException naming the group and attribute when a required one is missing or the data is short
     */
    List<Waveform> waveforms() throws DicomReadException;
}
