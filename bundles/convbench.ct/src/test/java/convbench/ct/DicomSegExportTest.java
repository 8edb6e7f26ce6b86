package convbench.ct;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.ct.api.DicomSeries;
import convbench.ct.api.Geometry;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.Nifti;
import convbench.ct.api.SeriesLoader;
import convbench.ct.api.SliceInfo;
import convbench.ct.api.Volume;
import convbench.ct.internal.CtExportSegCommand;
import convbench.dicom.api.DicomUids;
import convbench.dicom.api.Tags;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ct export-seg} on the gantry-tilted phantom series (de-tilted, so frames lie on the corrected grid), read back
 * by an independent reader: pydicom (Debian python3-pydicom). Every frame's segment, position, source image and
 * pixels must be what the label map holds.
 */
class DicomSegExportTest {
    @TempDir
    Path tmp;

    /** Label 1: dense material (HU >= 300); label 2: soft tissue (0..80 HU) in slices 20..29 only. */
    private static Volume labelsOf(Volume ct) {
        Volume l = Volume.ofShorts(ct.nx(), ct.ny(), ct.nz(), ct.spacing(), ct.origin(), ct.axes()).kind(Volume.Kind.LABEL);
        for (int k = 0; k < ct.nz(); k++) {
            float[] hu = ct.sliceValues(k);
            short[] s = l.shortSlice(k);
            for (int i = 0; i < hu.length; i++)
                s[i] = (short) (hu[i] >= 300 ? 1 : k >= 20 && k < 30 && hu[i] >= 0 && hu[i] <= 80 ? 2 : 0);
        }
        return l;
    }

    @Test
    void segmentationReadByPydicomHasTheLabelMapsFramesPositionsAndSources() throws Exception {
        DicomSeries series = TestData.onlySeries(TestData.tiltedSeries());
        LoadedSeries ls = new SeriesLoader(TestData.TOOLKIT).load(series);
        assertTrue(ls.deTilted());
        Volume labels = labelsOf(ls.volume());
        Path labelFile = tmp.resolve("labels.nii.gz");
        Nifti.write(labels, labelFile);
        Path seg = tmp.resolve("seg.dcm");
        CliResult r = new CtExportSegCommand(TestData.TOOLKIT).run(CliArgs.parse(List.of(TestData.tiltedSeries().toString(),
                "--labels", labelFile.toString(), "--out", seg.toString(), "--names", "1=dense,2=lesion", "--json"),
                Set.of("json", "keep-tilt")), CliProgress.NONE);
        System.out.println(r.text());

        // what the label map says the frames are: segment by segment, slice by slice, where a label has voxels
        Volume v = ls.volume();
        double[] normal = Geometry.cross(v.axis(0), v.axis(1));
        List<double[]> expected = new ArrayList<>(); // segment, slice, count, index sum
        for (int label = 1; label <= 2; label++)
            for (int k = 0; k < v.nz(); k++) {
                short[] s = labels.shortSlice(k);
                long n = 0, sum = 0;
                for (int i = 0; i < s.length; i++)
                    if (s[i] == label) {
                        n++;
                        sum += i;
                    }
                if (n > 0)
                    expected.add(new double[] { label, k, n, sum });
            }
        JsonObject j = new Gson().toJsonTree(r.json()).getAsJsonObject();
        assertEquals(2, j.get("segments").getAsInt());
        assertEquals(expected.size(), j.get("frames").getAsInt());

        JsonObject py = pydicom(seg);
        assertEquals(DicomUids.SEGMENTATION_STORAGE, py.get("sopClass").getAsString());
        assertEquals("SEG", py.get("modality").getAsString());
        assertEquals("BINARY", py.get("segmentationType").getAsString());
        assertEquals("NO", py.get("overlap").getAsString(), "segments cut from one label map never overlap");
        assertEquals(v.ny(), py.get("rows").getAsInt());
        assertEquals(v.nx(), py.get("columns").getAsInt());
        var first = TestData.TOOLKIT.readHeader(series.slices().get(0).file());
        assertEquals(first.string(Tags.StudyInstanceUID), py.get("study").getAsString());
        assertEquals(first.string(Tags.FrameOfReferenceUID), py.get("frameOfReference").getAsString());
        assertEquals(series.seriesUid(), py.get("referencedSeries").getAsString());
        assertEquals(54, py.get("referencedInstances").getAsInt());
        JsonArray segs = py.getAsJsonArray("segments");
        assertEquals("1 dense", segs.get(0).getAsString());
        assertEquals("2 lesion", segs.get(1).getAsString());

        // source images by their position along the normal
        java.util.TreeMap<Double, String> sourceAt = new java.util.TreeMap<>();
        for (SliceInfo s : series.slices())
            sourceAt.put(Geometry.dot(s.position(), normal), TestData.TOOLKIT.readHeader(s.file()).string(Tags.SOPInstanceUID));
        JsonArray frames = py.getAsJsonArray("frames");
        assertEquals(expected.size(), frames.size(), "frames pydicom reads");
        for (int f = 0; f < frames.size(); f++) {
            JsonObject fr = frames.get(f).getAsJsonObject();
            double[] e = expected.get(f);
            int k = (int) e[1];
            assertEquals((int) e[0], fr.get("segment").getAsInt(), "frame " + f + " segment");
            double[] pos = v.world(0, 0, k);
            JsonArray p = fr.getAsJsonArray("position");
            for (int c = 0; c < 3; c++)
                assertEquals(pos[c], p.get(c).getAsDouble(), 1e-3, "frame " + f + " ImagePositionPatient[" + c + "]");
            double along = Geometry.dot(pos, normal);
            var near = sourceAt.floorEntry(along + 0.05);
            assertTrue(near != null && along - near.getKey() < 0.1, "frame " + f + ": no source image on its plane");
            assertEquals(near.getValue(), fr.get("source").getAsString(), "frame " + f + " source image");
            assertEquals((long) e[2], fr.get("pixels").getAsLong(), "frame " + f + " labelled pixels");
            assertEquals((long) e[3], fr.get("indexSum").getAsLong(), "frame " + f + " which pixels");
        }
    }

    @Test
    void labelMapOffTheSeriesGridIsRefusedByName() throws Exception {
        Volume other = Volume.ofShorts(64, 64, 10, new double[] { 1, 1, 1 }, new double[3], Volume.identityAxes()).kind(Volume.Kind.LABEL);
        other.set(5, 5, 5, 1);
        Path labelFile = tmp.resolve("small.nii");
        Nifti.write(other, labelFile);
        CliException e = assertThrows(CliException.class, () -> new CtExportSegCommand(TestData.TOOLKIT).run(CliArgs.parse(
                List.of(TestData.plainSeries().toString(), "--labels", labelFile.toString(), "--out", tmp.resolve("x.dcm").toString()),
                Set.of("json")), CliProgress.NONE));
        assertTrue(e.getMessage().startsWith(labelFile.toString()) && e.getMessage().contains("grid"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("x.dcm")));
    }

    /** pydicom's reading of the SEG, as JSON. */
    private static JsonObject pydicom(Path seg) throws Exception {
        String script = String.join("\n",
                "import sys, json, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "px = ds.pixel_array.reshape(int(ds.NumberOfFrames), ds.Rows, ds.Columns)",
                "frames = []",
                "for i, g in enumerate(ds.PerFrameFunctionalGroupsSequence):",
                "    idx = px[i].reshape(-1).nonzero()[0]",
                "    frames.append({'segment': int(g.SegmentIdentificationSequence[0].ReferencedSegmentNumber),",
                "        'position': [float(x) for x in g.PlanePositionSequence[0].ImagePositionPatient],",
                "        'source': g.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID",
                "            if 'DerivationImageSequence' in g else None,",
                "        'pixels': int(idx.size), 'indexSum': int(idx.sum())})",
                "ref = ds.ReferencedSeriesSequence[0]",
                "print(json.dumps({'sopClass': ds.SOPClassUID, 'modality': ds.Modality, 'segmentationType': ds.SegmentationType,",
                "    'overlap': ds.SegmentsOverlap,",
                "    'rows': ds.Rows, 'columns': ds.Columns, 'study': ds.StudyInstanceUID, 'frameOfReference': ds.FrameOfReferenceUID,",
                "    'referencedSeries': ref.SeriesInstanceUID, 'referencedInstances': len(ref.ReferencedInstanceSequence),",
                "    'segments': ['%d %s' % (s.SegmentNumber, s.SegmentLabel) for s in ds.SegmentSequence], 'frames': frames}))");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, seg.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0)
            fail("pydicom could not read " + seg + " (install Debian python3-pydicom):\n" + out);
        return new Gson().fromJson(out.substring(out.indexOf('{')), JsonObject.class);
    }
}
