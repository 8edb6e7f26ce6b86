package convbench.ct;

import static org.junit.jupiter.api.Assertions.*;

import convbench.ct.api.CtException;
import convbench.ct.api.DicomSeries;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.ScanResult;
import convbench.ct.api.SeriesLoader;
import convbench.ct.api.SeriesScanner;
import convbench.ct.api.SliceInfo;
import convbench.ct.api.Volume;
import convbench.dicom.api.DicomDataset;
import convbench.dicom.api.DicomObject;
import convbench.dicom.api.DicomUids;
import convbench.dicom.api.PixelFrame;
import convbench.dicom.api.Tags;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesLoaderTest {
    private static LoadedSeries plain;
    private final SeriesLoader loader = new SeriesLoader(TestData.TOOLKIT);
    @TempDir
    Path tmp;

    @BeforeAll
    static void loadPlain() throws IOException {
        plain = new SeriesLoader(TestData.TOOLKIT).load(TestData.onlySeries(TestData.plainSeries()));
    }

    @Test
    void plainSeriesIsOrderedByPositionInHounsfieldUnits() throws IOException {
        Volume v = plain.volume();
        assertArrayEquals(new int[] { 512, 512, 28 }, v.dims());
        assertArrayEquals(new double[] { 0.451171875, 0.451171875, 5 }, v.spacing(), 1e-6);
        assertFalse(plain.variableSpacing());
        assertEquals(0, plain.tiltDegrees(), 1e-6);
        assertTrue(plain.warnings().isEmpty(), plain.warnings().toString());
        assertArrayEquals(new double[] { -115.5, -1.85, 696.21 }, v.origin(), 1e-6);
        // file names sort I10, I100, I110 ...; positions put I20 second: slice 1 must hold I20's pixels in HU
        DicomObject i20 = TestData.TOOLKIT.read(TestData.plainSeries().resolve("I20"));
        assertEquals(701.21, i20.doubles(Tags.ImagePositionPatient)[2], 1e-6);
        PixelFrame f = i20.frame(0);
        short[] s = v.shortSlice(1);
        for (int idx = 0; idx < s.length; idx++)
            assertEquals(f.sample(idx) - 1024, s[idx]);
        assertEquals(-1024, v.range()[0]);
        assertEquals(3 * 512 * 512 * 28 / 3 * 2, v.voxelBytes());
    }

    @Test
    void scannerSkipsTheDicomdirWithANoteAndCanStartFromIt() throws IOException {
        ScanResult r = new SeriesScanner(TestData.TOOLKIT).scan(TestData.plainSeries());
        assertEquals(1, r.series().size());
        assertEquals(28, r.series().get(0).slices().size());
        assertEquals(1, r.skipped().size());
        assertEquals("DIRFILE", r.skipped().get(0).file().getFileName().toString());
        assertTrue(r.skipped().get(0).reason().contains("DICOMDIR"), r.skipped().get(0).reason());
        ScanResult viaDir = new SeriesScanner(TestData.TOOLKIT).scan(TestData.plainSeries().resolve("DIRFILE"));
        assertEquals(28, viaDir.series().get(0).slices().size());
    }

    @Test
    void tiltedSeriesIsDetectedAndDeTilted() throws IOException {
        LoadedSeries t = loader.load(TestData.onlySeries(TestData.tiltedSeries()));
        assertEquals(54, t.slicesUsed());
        assertEquals(-18.5, t.tiltDegrees(), 0.05);
        assertTrue(t.deTilted());
        assertFalse(t.variableSpacing());
        assertArrayEquals(new int[] { 512, 600, 54 }, t.volume().dims());
        assertEquals(2.5 * Math.cos(Math.toRadians(18.5)), t.volume().spacing()[2], 1e-3);
        assertTrue(t.volume().isOrthogonal());
        assertTrue(t.warnings().stream().anyMatch(w -> w.contains("gantry tilt -18.50") && w.contains("de-tilted")), t.warnings().toString());
    }

    @Test
    void missingSliceIsFoundAndFilledByInterpolation() throws IOException {
        Path dir = linkSeriesExcept("I140");
        LoadedSeries g = loader.load(TestData.onlySeries(dir));
        assertEquals(27, g.slicesUsed());
        assertTrue(g.variableSpacing() && g.resampled());
        assertEquals(28, g.volume().nz());
        assertTrue(g.warnings().stream().anyMatch(w -> w.contains("1 slice(s) missing between") && w.contains("gap 10.000 mm")), g.warnings().toString());
        int missing = slicePosition("I140");
        for (int k = 0; k < 28; k++) {
            short[] got = g.volume().shortSlice(k), full = plain.volume().shortSlice(k);
            if (k != missing) {
                assertArrayEquals(full, got, "slice " + k);
                continue;
            }
            short[] below = plain.volume().shortSlice(k - 1), above = plain.volume().shortSlice(k + 1);
            for (int i = 0; i < got.length; i++)
                assertEquals(Math.round((below[i] + above[i]) / 2.0), got[i]);
        }
    }

    @Test
    void corruptedSliceIsNamedAndTheSeriesStillOpens() throws IOException {
        Path dir = linkSeriesExcept("I140");
        byte[] whole = Files.readAllBytes(TestData.plainSeries().resolve("I140"));
        Path bad = dir.resolve("I140");
        Files.write(bad, Arrays.copyOf(whole, whole.length - 200_000));
        DicomSeries s = TestData.onlySeries(dir);
        assertEquals(28, s.slices().size(), "the header is intact, so the scan still lists it");
        LoadedSeries g = loader.load(s);
        assertEquals(List.of(bad), g.failedFiles());
        assertTrue(g.warnings().stream().anyMatch(w -> w.startsWith(bad.toString()) && w.contains("truncated")), g.warnings().toString());
        assertEquals(28, g.volume().nz());
    }

    @Test
    void differentlySizedImageInTheSeriesIsLeftOutByName() throws IOException {
        Path dir = linkSeriesExcept();
        DicomObject src = TestData.TOOLKIT.read(TestData.plainSeries().resolve("I10"));
        PixelFrame f = src.frame(0);
        short[] crop = new short[256 * 256];
        for (int j = 0; j < 256; j++)
            System.arraycopy(f.samples(), j * 512, crop, j * 256, 256);
        double[] ipp = src.doubles(Tags.ImagePositionPatient);
        Path odd = dir.resolve("ODD");
        TestData.TOOLKIT.write(DicomDataset.copyOf(src).put(Tags.SOPInstanceUID, "UI", DicomUids.newUid())
                .putNumbers(Tags.ImagePositionPatient, "DS", ipp[0], ipp[1], ipp[2] + 500)
                .addFrame(new PixelFrame(256, 256, 1, 16, 12, false, "MONOCHROME2", crop)), odd);
        LoadedSeries g = loader.load(TestData.onlySeries(dir));
        assertEquals(28, g.slicesUsed());
        assertArrayEquals(new int[] { 512, 512, 28 }, g.volume().dims());
        assertTrue(g.warnings().stream().anyMatch(w -> w.startsWith(odd.toString()) && w.contains("mixed series")), g.warnings().toString());
    }

    @Test
    void unsupportedTransferSyntaxSaysWhichFileAndWhy() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("jpegls"));
        Files.createSymbolicLink(dir.resolve("7.dcm"), TestData.shared("ct/dcm_qa_ts/In/7.dcm"));
        CtException e = assertThrows(CtException.class, () -> loader.load(TestData.onlySeries(dir)));
        assertTrue(e.getMessage().contains(dir.resolve("7.dcm").toString()) && e.getMessage().contains("JPEG-LS"), e.getMessage());
    }

    private Path linkSeriesExcept(String... left) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("series"));
        List<String> skip = List.of(left);
        try (Stream<Path> s = Files.list(TestData.plainSeries())) {
            for (Path p : s.toList())
                if (!skip.contains(p.getFileName().toString()))
                    Files.createSymbolicLink(dir.resolve(p.getFileName()), p);
        }
        return dir;
    }

    private static int slicePosition(String file) throws IOException {
        SliceInfo info = SliceInfo.of(TestData.TOOLKIT.readHeader(TestData.plainSeries().resolve(file)));
        return (int) Math.round(plain.volume().index(info.position())[2]);
    }
}
