package convbench.dicom.api;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A binary DICOM Segmentation (PS3.3 A.51, SOP class 1.2.840.10008.5.1.4.1.1.66.4) derived from an image series,
 * built as a toolkit-neutral {@link DicomDataset} that {@link DicomToolkit#write} stores. It refers to its source:
 * patient and study copied from the source images, the same frame of reference, every source instance in the Common
 * Instance Reference module, and per frame the source image it was derived from (where one lies on the frame's plane)
 * with the frame's ImagePositionPatient. One frame per segment and plane that holds any of the segment's pixels.
 */
public final class DicomSegmentation {
    /** A coded concept (CodeValue, CodingSchemeDesignator, CodeMeaning). */
    public record Code(String value, String scheme, String meaning) {
        /** SNOMED CT 49755003: the category of lesions. */
        public static final Code MORPHOLOGICALLY_ALTERED_STRUCTURE = new Code("49755003", "SCT", "Morphologically Altered Structure");
        /** SNOMED CT 52988006. */
        public static final Code LESION = new Code("52988006", "SCT", "Lesion");
        /** SNOMED CT 91723000: the category of anatomy labels. */
        public static final Code ANATOMICAL_STRUCTURE = new Code("91723000", "SCT", "Anatomical Structure");
        /** SNOMED CT 85756007. */
        public static final Code TISSUE = new Code("85756007", "SCT", "Tissue");

        DicomDataset item() {
            return new DicomDataset().put(CODE_VALUE, "SH", value).put(CODING_SCHEME, "SH", scheme).put(CODE_MEANING, "LO", meaning);
        }
    }

    /**
     * @param number        1, 2, ... in the order segments are added
     * @param algorithmType AUTOMATIC, SEMIAUTOMATIC or MANUAL
     * @param algorithmName required unless MANUAL
     */
    public record Segment(int number, String label, Code category, Code type, String algorithmType, String algorithmName) {
    }

    /** The plane geometry shared by every frame: the source images' rows, columns, spacing and orientation. */
    public record Plane(int rows, int columns, double[] pixelSpacing, double[] orientation, double sliceThickness,
            double spacingBetweenSlices) {
        public Plane {
            if (pixelSpacing.length != 2 || orientation.length != 6)
                throw new IllegalArgumentException("PixelSpacing needs 2 values and ImageOrientationPatient 6");
        }
    }

    private record Frame(int segment, double[] position, DicomObject source, BitSet mask) {
    }

    private final List<DicomObject> sources;
    private final Plane plane;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();

    /**
     * @param sources the headers of the source series' images (all one series, one frame of reference); the first
     *                gives patient, study and frame of reference
     */
    public DicomSegmentation(List<DicomObject> sources, Plane plane) {
        if (sources.isEmpty())
            throw new IllegalArgumentException("a segmentation needs its source images");
        this.sources = List.copyOf(sources);
        this.plane = plane;
    }

    public Segment addSegment(String label, Code category, Code type, String algorithmType, String algorithmName) {
        Segment s = new Segment(segments.size() + 1, label, category, type, algorithmType, algorithmName);
        segments.add(s);
        return s;
    }

    /**
     * One frame of {@code segment}: the pixels set in {@code mask} (row by row, rows x columns bits) on the plane at
     * {@code position} (ImagePositionPatient of its first pixel).
     *
     * @param source the source image on that plane, or null when none lies there (e.g. a resampled slice)
     */
    public void addFrame(Segment segment, double[] position, DicomObject source, BitSet mask) {
        if (segment.number() < 1 || segment.number() > segments.size() || segments.get(segment.number() - 1) != segment)
            throw new IllegalArgumentException("segment " + segment.number() + " was not added to this segmentation");
        if (mask.length() > plane.rows() * plane.columns())
            throw new IllegalArgumentException("mask has pixels beyond " + plane.rows() + " x " + plane.columns());
        frames.add(new Frame(segment.number(), position.clone(), source, mask));
    }

    public int frameCount() {
        return frames.size();
    }

    /** The dataset to write; {@code seriesDescription} names the segmentation series. */
    public DicomDataset toDataset(String seriesDescription, int seriesNumber, String software) {
        if (frames.isEmpty())
            throw new IllegalStateException("the segmentation has no frame: every segment is empty");
        DicomObject first = sources.get(0);
        LocalDateTime now = LocalDateTime.now();
        String date = now.format(DateTimeFormatter.BASIC_ISO_DATE), time = now.format(DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT));
        DicomDataset d = new DicomDataset();
        d.put(Tags.SOPClassUID, "UI", DicomUids.SEGMENTATION_STORAGE).put(Tags.SOPInstanceUID, "UI", DicomUids.newUid());
        d.put(tag(0x0008, 0x0005), "CS", "ISO_IR 192");
        // Patient and General Study: the source's (type 2: present, maybe empty)
        copy(first, d, Tags.PatientName, "PN");
        copy(first, d, Tags.PatientID, "LO");
        copy(first, d, tag(0x0010, 0x0030), "DA"); // PatientBirthDate
        copy(first, d, tag(0x0010, 0x0040), "CS"); // PatientSex
        copy(first, d, Tags.StudyInstanceUID, "UI");
        copy(first, d, Tags.StudyDate, "DA");
        copy(first, d, tag(0x0008, 0x0030), "TM"); // StudyTime
        copy(first, d, tag(0x0008, 0x0090), "PN"); // ReferringPhysicianName
        copy(first, d, tag(0x0020, 0x0010), "SH"); // StudyID
        copy(first, d, tag(0x0008, 0x0050), "SH"); // AccessionNumber
        // Segmentation Series, Frame of Reference, Enhanced General Equipment
        d.put(Tags.Modality, "CS", "SEG").put(Tags.SeriesInstanceUID, "UI", DicomUids.newUid())
                .putNumbers(Tags.SeriesNumber, "IS", seriesNumber).put(Tags.SeriesDescription, "LO", seriesDescription);
        copy(first, d, Tags.FrameOfReferenceUID, "UI");
        d.put(tag(0x0020, 0x1040), "LO"); // PositionReferenceIndicator
        d.put(tag(0x0008, 0x0070), "LO", "ConvBench").put(tag(0x0008, 0x1090), "LO", "ConvBench")
                .put(tag(0x0018, 0x1000), "LO", "1").put(tag(0x0018, 0x1020), "LO", software);
        // General Image, Segmentation Image
        d.putNumbers(Tags.InstanceNumber, "IS", 1).put(tag(0x0008, 0x0023), "DA", date).put(tag(0x0008, 0x0033), "TM", time);
        d.put(tag(0x0008, 0x0008), "CS", "DERIVED", "PRIMARY").put(tag(0x0070, 0x0080), "CS", "SEGMENTATION")
                .put(tag(0x0070, 0x0081), "LO", seriesDescription).put(tag(0x0070, 0x0084), "PN", software)
                .put(tag(0x0028, 0x2110), "CS", "00").put(tag(0x0062, 0x0001), "CS", "BINARY")
                .put(tag(0x0062, 0x0013), "CS", overlap() ? "YES" : "NO"); // SegmentsOverlap
        List<DicomDataset> segs = new ArrayList<>();
        for (Segment s : segments) {
            DicomDataset item = new DicomDataset().putNumbers(SEGMENT_NUMBER, "US", s.number()).put(tag(0x0062, 0x0005), "LO", s.label())
                    .put(tag(0x0062, 0x0008), "CS", s.algorithmType())
                    .putItem(tag(0x0062, 0x0003), s.category().item()).putItem(tag(0x0062, 0x000F), s.type().item());
            if (s.algorithmName() != null && !s.algorithmName().isBlank())
                item.put(tag(0x0062, 0x0009), "LO", s.algorithmName());
            segs.add(item);
        }
        d.putSequence(tag(0x0062, 0x0002), segs);
        // Multi-frame Dimension: frames indexed by segment, then position
        String dimOrg = DicomUids.newUid();
        d.putItem(tag(0x0020, 0x9221), new DicomDataset().put(DIMENSION_ORGANIZATION_UID, "UI", dimOrg));
        d.put(tag(0x0020, 0x9311), "CS", "3D");
        d.putSequence(tag(0x0020, 0x9222), List.of(
                dimension(dimOrg, SEGMENT_NUMBER_REF, SEGMENT_IDENTIFICATION, "ReferencedSegmentNumber"),
                dimension(dimOrg, Tags.ImagePositionPatient, PLANE_POSITION, "ImagePositionPatient")));
        // Multi-frame Functional Groups: geometry shared, position, segment and source per frame
        DicomDataset shared = new DicomDataset();
        DicomDataset measures = new DicomDataset().putNumbers(Tags.PixelSpacing, "DS", plane.pixelSpacing())
                .putNumbers(Tags.SliceThickness, "DS", plane.sliceThickness());
        if (plane.spacingBetweenSlices() > 0)
            measures.putNumbers(tag(0x0018, 0x0088), "DS", plane.spacingBetweenSlices());
        shared.putItem(tag(0x0028, 0x9110), measures);
        shared.putItem(tag(0x0020, 0x9116), new DicomDataset().putNumbers(Tags.ImageOrientationPatient, "DS", plane.orientation()));
        d.putItem(tag(0x5200, 0x9229), shared);
        // DimensionIndexValues: the segment, and the plane's rank along the slice normal
        Map<String, double[]> planes = new LinkedHashMap<>();
        for (Frame f : frames)
            planes.putIfAbsent(key(f.position), f.position);
        List<double[]> ordered = new ArrayList<>(planes.values());
        double[] normal = normal(plane.orientation());
        ordered.sort((a, b) -> Double.compare(dot(a, normal), dot(b, normal)));
        Map<String, Integer> positionIndex = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++)
            positionIndex.put(key(ordered.get(i)), i + 1);
        List<DicomDataset> perFrame = new ArrayList<>(frames.size());
        for (Frame f : frames) {
            DicomDataset g = new DicomDataset();
            g.putItem(tag(0x0020, 0x9111), new DicomDataset().putNumbers(tag(0x0020, 0x9157), "UL", f.segment, positionIndex.get(key(f.position))));
            g.putItem(PLANE_POSITION, new DicomDataset().putNumbers(Tags.ImagePositionPatient, "DS", f.position));
            g.putItem(SEGMENT_IDENTIFICATION, new DicomDataset().putNumbers(SEGMENT_NUMBER_REF, "US", f.segment));
            if (f.source != null) {
                DicomDataset src = reference(f.source)
                        .putItem(tag(0x0040, 0xA170), new Code("121322", "DCM", "Source image for image processing operation").item());
                g.putItem(tag(0x0008, 0x9124), new DicomDataset().putItem(tag(0x0008, 0x2112), src)
                        .putItem(tag(0x0008, 0x9215), new Code("113076", "DCM", "Segmentation").item()));
            }
            perFrame.add(g);
        }
        d.putSequence(tag(0x5200, 0x9230), perFrame);
        // Common Instance Reference: the whole source series
        List<DicomDataset> instances = new ArrayList<>();
        for (DicomObject o : sources)
            instances.add(reference(o));
        d.putItem(tag(0x0008, 0x1115), new DicomDataset().put(Tags.SeriesInstanceUID, "UI", first.string(Tags.SeriesInstanceUID, ""))
                .putSequence(tag(0x0008, 0x114A), instances));
        d.setBitFrames(pack());
        return d;
    }

    /** Whether two segments' frames on one plane share a pixel (never for segments cut from one label map). */
    private boolean overlap() {
        Map<String, List<Frame>> byPlane = new HashMap<>();
        for (Frame f : frames)
            byPlane.computeIfAbsent(key(f.position), k -> new ArrayList<>()).add(f);
        for (List<Frame> same : byPlane.values())
            for (int a = 0; a < same.size(); a++)
                for (int b = a + 1; b < same.size(); b++)
                    if (same.get(a).segment != same.get(b).segment && same.get(a).mask.intersects(same.get(b).mask))
                        return true;
        return false;
    }

    private DicomDataset.BitFrames pack() {
        int per = plane.rows() * plane.columns();
        byte[] bits = new byte[(int) (((long) per * frames.size() + 7) / 8)];
        for (int k = 0; k < frames.size(); k++) {
            BitSet m = frames.get(k).mask;
            long base = (long) k * per;
            for (int i = m.nextSetBit(0); i >= 0; i = m.nextSetBit(i + 1)) {
                long n = base + i;
                bits[(int) (n >>> 3)] |= (byte) (1 << (n & 7));
            }
        }
        return new DicomDataset.BitFrames(plane.rows(), plane.columns(), frames.size(), bits);
    }

    private static DicomDataset reference(DicomObject o) {
        return new DicomDataset().put(tag(0x0008, 0x1150), "UI", o.string(Tags.SOPClassUID, DicomUids.CT_IMAGE_STORAGE))
                .put(tag(0x0008, 0x1155), "UI", o.string(Tags.SOPInstanceUID, ""));
    }

    private static DicomDataset dimension(String org, DicomTag pointer, DicomTag group, String label) {
        return new DicomDataset().put(DIMENSION_ORGANIZATION_UID, "UI", org).put(tag(0x0020, 0x9165), "AT", pointer.toString())
                .put(tag(0x0020, 0x9167), "AT", group.toString()).put(tag(0x0020, 0x9421), "LO", label);
    }

    private static void copy(DicomObject from, DicomDataset to, DicomTag t, String vr) {
        to.put(t, vr, from.strings(t));
    }

    private static String key(double[] p) {
        return String.format(Locale.ROOT, "%.4f/%.4f/%.4f", p[0], p[1], p[2]);
    }

    private static double[] normal(double[] o) {
        return new double[] { o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3] };
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static DicomTag tag(int group, int element) {
        return DicomTag.of(group, element);
    }

    private static final DicomTag CODE_VALUE = tag(0x0008, 0x0100), CODING_SCHEME = tag(0x0008, 0x0102), CODE_MEANING = tag(0x0008, 0x0104);
    private static final DicomTag SEGMENT_NUMBER = tag(0x0062, 0x0004), SEGMENT_NUMBER_REF = tag(0x0062, 0x000B);
    private static final DicomTag SEGMENT_IDENTIFICATION = tag(0x0062, 0x000A), PLANE_POSITION = tag(0x0020, 0x9113);
    private static final DicomTag DIMENSION_ORGANIZATION_UID = tag(0x0020, 0x9164);
}
