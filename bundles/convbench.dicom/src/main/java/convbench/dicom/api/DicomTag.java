package convbench.dicom.api;

/** A DICOM attribute tag (group, element), printed and parsed as {@code (0028,0010)}. */
public record DicomTag(int group, int element) implements Comparable<DicomTag> {
    public DicomTag {
        if (group < 0 || group > 0xFFFF || element < 0 || element > 0xFFFF)
            throw new IllegalArgumentException("tag parts must be 0..FFFF: " + group + "," + element);
    }

    public static DicomTag of(int group, int element) {
        return new DicomTag(group, element);
    }

    /** Parses {@code (0028,0010)}, {@code 0028,0010} or {@code 00280010}. */
    public static DicomTag parse(String text) {
        String s = text.trim().replace("(", "").replace(")", "").replace(",", "");
        if (s.length() != 8)
            throw new IllegalArgumentException("not a DICOM tag: '" + text + "' (expected e.g. (0028,0010))");
        try {
            return new DicomTag(Integer.parseInt(s.substring(0, 4), 16), Integer.parseInt(s.substring(4), 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a DICOM tag: '" + text + "' (expected hex digits)", e);
        }
    }

    /** Private tags live in odd groups. */
    public boolean isPrivate() {
        return (group & 1) == 1;
    }

    @Override
    public int compareTo(DicomTag o) {
        return group != o.group ? Integer.compare(group, o.group) : Integer.compare(element, o.element);
    }

    @Override
    public String toString() {
        return String.format("(%04X,%04X)", group, element);
    }
}
