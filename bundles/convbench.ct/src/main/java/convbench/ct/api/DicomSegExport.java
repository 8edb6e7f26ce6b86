package convbench.ct.api;

import convbench.dicom.api.DicomDataset;
import convbench.dicom.api.DicomObject;
import convbench.dicom.api.DicomSegmentation;
import convbench.dicom.api.DicomToolkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a label map on a loaded DICOM series' grid as a binary DICOM Segmentation that refers to that series: one
 * segment per label value (1, 2, ... ; 0 is background), frames only where a segment has voxels, each frame at its
 * plane's ImagePositionPatient and derived from the source image on that plane. Probability maps are cut at 0.5.
 */
public final class DicomSegExport {
    /** What was written. */
    public record Result(Path file, int segments, int frames, int sourceImages) {
    }

    private DicomSegExport() {
    }

    /**
     * @param labelsName the label map's file or title, for messages; its last path element names the series
     * @param names      label value -> segment label; values without a name become "label N"
     * @throws CtException naming the label volume when it is not on the series' grid or holds no label
     */
    public static Result write(DicomToolkit toolkit, LoadedSeries series, Volume labels, String labelsName,
            Map<Integer, String> names, Path out) throws IOException {
        Volume grid = series.volume();
        checkSameGrid(grid, labels, labelsName);
        boolean probability = labels.kind() != Volume.Kind.LABEL && !labels.isShort();
        TreeSet<Integer> values = new TreeSet<>();
        for (int k = 0; k < labels.nz(); k++)
            for (float v : labels.sliceValues(k)) {
                int l = label(v, probability);
                if (l != 0)
                    values.add(l);
            }
        if (values.isEmpty())
            throw new CtException(labelsName + ": no labelled voxel (every value is 0" + (probability ? " or below 0.5" : "")
                    + "): nothing to export");
        if (values.first() < 0)
            throw new CtException(labelsName + ": negative label " + values.first() + ": labels must be 1, 2, ... (0 = background)");

        // the source images that were used, by their position along the slice normal
        List<DicomObject> sources = new ArrayList<>();
        TreeMap<Double, DicomObject> byPosition = new TreeMap<>();
        double[] normal = unit(Geometry.cross(grid.axis(0), grid.axis(1)));
        for (SliceInfo s : series.series().slices()) {
            if (series.failedFiles().contains(s.file()) || s.position() == null)
                continue;
            DicomObject h = toolkit.readHeader(s.file());
            sources.add(h);
            byPosition.put(Geometry.dot(s.position(), normal), h);
        }
        double[] iop = { grid.axis(0)[0], grid.axis(0)[1], grid.axis(0)[2], grid.axis(1)[0], grid.axis(1)[1], grid.axis(1)[2] };
        double step = Math.abs(grid.spacing()[2] * Geometry.dot(grid.axis(2), normal));
        DicomSegmentation seg = new DicomSegmentation(sources, new DicomSegmentation.Plane(grid.ny(), grid.nx(),
                new double[] { grid.spacing()[1], grid.spacing()[0] }, iop, series.acquiredSpacing()[2], step));

        String shortName = labelsName.substring(labelsName.lastIndexOf('/') + 1);
        int frames = 0;
        for (int value : values) {
            String name = names.getOrDefault(value, "label " + value);
            boolean lesion = name.toLowerCase(Locale.ROOT).contains("lesion");
            DicomSegmentation.Segment segment = seg.addSegment(name,
                    lesion ? DicomSegmentation.Code.MORPHOLOGICALLY_ALTERED_STRUCTURE : DicomSegmentation.Code.ANATOMICAL_STRUCTURE,
                    lesion ? DicomSegmentation.Code.LESION : DicomSegmentation.Code.TISSUE,
                    "AUTOMATIC", "ConvBench " + shortName);
            for (int k = 0; k < labels.nz(); k++) {
                float[] v = labels.sliceValues(k);
                BitSet mask = new BitSet(v.length);
                for (int i = 0; i < v.length; i++)
                    if (label(v[i], probability) == value)
                        mask.set(i);
                if (mask.isEmpty())
                    continue;
                double[] position = grid.world(0, 0, k);
                seg.addFrame(segment, position, sourceAt(byPosition, Geometry.dot(position, normal), step), mask);
                frames++;
            }
        }
        String description = "Labels " + shortName;
        DicomDataset d = seg.toDataset(description.length() > 64 ? description.substring(0, 64) : description,
                1000 + Math.max(0, series.series().seriesNumber()), "ConvBench");
        toolkit.write(d, out);
        return new Result(out, values.size(), frames, sources.size());
    }

    private static int label(float v, boolean probability) {
        return probability ? (v >= 0.5f ? 1 : 0) : Math.round(v);
    }

    /** The source image whose plane is within a tenth of a slice of {@code along}, or null (an interpolated slice). */
    private static DicomObject sourceAt(TreeMap<Double, DicomObject> byPosition, double along, double step) {
        Map.Entry<Double, DicomObject> lo = byPosition.floorEntry(along), hi = byPosition.ceilingEntry(along);
        Map.Entry<Double, DicomObject> best = lo == null ? hi : hi == null ? lo
                : along - lo.getKey() <= hi.getKey() - along ? lo : hi;
        return best != null && Math.abs(best.getKey() - along) <= 0.1 * Math.max(step, 1e-3) ? best.getValue() : null;
    }

    private static void checkSameGrid(Volume grid, Volume labels, String labelsName) throws CtException {
        boolean same = java.util.Arrays.equals(grid.dims(), labels.dims());
        for (int c = 0; same && c < 3; c++)
            same = Math.abs(grid.spacing()[c] - labels.spacing()[c]) < 1e-3 * grid.spacing()[c]
                    && Geometry.dot(unit(grid.axis(c)), unit(labels.axis(c))) > 0.9999;
        same = same && Geometry.norm(Geometry.sub(grid.origin(), labels.origin())) < 0.1 * grid.spacing()[0];
        if (!same)
            throw new CtException(labelsName + ": the label map is " + labels + ", not on the series' grid " + grid
                    + ": DICOM SEG frames must lie on the source images' planes (export labels made on this series)");
    }

    private static double[] unit(double[] v) {
        double n = Geometry.norm(v);
        return new double[] { v[0] / n, v[1] / n, v[2] / n };
    }
}
