package convbench.dicom.pixelmed;

import static org.junit.jupiter.api.Assertions.*;

import convbench.dicom.api.DicomDataset;
import convbench.dicom.api.DicomObject;
import convbench.dicom.api.DicomReadException;
import convbench.dicom.api.DicomTag;
import convbench.dicom.api.DicomUids;
import convbench.dicom.api.PixelFrame;
import convbench.dicom.api.Tags;
import convbench.dicom.api.TransferSyntax;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PixelMedToolkitTest {
    private final PixelMedToolkit toolkit = new PixelMedToolkit();
    private final Path series = SharedData.dir("ct/dcm_qa_ct/Philips/S21570/S2010");

    @Test
    void readsARealCtSliceInHounsfieldUnits() throws IOException {
        DicomObject o = toolkit.read(series.resolve("I10"));
        assertTrue(o.isImage() && o.hasPixels());
        assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), o.transferSyntaxUid());
        assertEquals("CT", o.string(Tags.Modality));
        assertEquals("STD BRAIN 5MM", o.string("SeriesDescription"));
        assertArrayEquals(new double[] { 1, 0, 0, 0, 1, 0 }, o.doubles(Tags.ImageOrientationPatient));
        assertEquals(-1024, o.number(Tags.RescaleIntercept, 0));
        PixelFrame f = o.frame(0);
        assertEquals(512, f.rows());
        assertEquals(512, f.columns());
        assertEquals(12, f.bitsStored());
        assertFalse(f.signed());
        float[] hu = f.rescaled(o.number(Tags.RescaleSlope, 1), o.number(Tags.RescaleIntercept, 0));
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : hu) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(-1024, min);
        assertEquals(770, max);
    }

    @Test
    void headerReadStopsBeforePixels() throws IOException {
        DicomObject o = toolkit.readHeader(series.resolve("I20"));
        assertTrue(o.isImage());
        assertFalse(o.hasPixels());
        assertEquals(512, o.integer(Tags.Rows, 0));
        assertEquals(Tags.PixelSpacing, toolkit.tagOf("PixelSpacing").orElseThrow());
        assertEquals("Rows", toolkit.keywordOf(Tags.Rows).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> o.string("NoSuchKeyword"));
    }

    @Test
    void dicomdirIsNotAnImageAndListsTheSeries() throws IOException {
        Path dirfile = series.resolve("DIRFILE");
        assertFalse(toolkit.readHeader(dirfile).isImage());
        List<Path> files = toolkit.referencedFiles(dirfile);
        assertEquals(28, files.size());
        for (Path p : files)
            assertTrue(Files.isRegularFile(p), "DIRFILE refers to " + p);
        DicomReadException e = assertThrows(DicomReadException.class, () -> toolkit.referencedFiles(series.resolve("I10")));
        assertTrue(e.getMessage().contains("not a DICOMDIR"), e.getMessage());
    }

    @Test
    void writesAndReadsBackTheSamePixelsAndAttributes(@TempDir Path tmp) throws IOException {
        DicomObject in = toolkit.read(series.resolve("I30"));
        String uid = DicomUids.newUid();
        DicomDataset d = DicomDataset.copyOf(in).put(Tags.SOPInstanceUID, "UI", uid).addFrame(in.frame(0));
        Path out = tmp.resolve("sub/copy.dcm");
        toolkit.write(d, out);
        DicomObject back = toolkit.read(out);
        assertEquals(uid, back.string(Tags.SOPInstanceUID));
        assertEquals(in.string(Tags.SeriesInstanceUID), back.string(Tags.SeriesInstanceUID));
        assertArrayEquals(in.doubles(Tags.ImagePositionPatient), back.doubles(Tags.ImagePositionPatient));
        assertArrayEquals(in.frame(0).samples(), back.frame(0).samples());
        assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), back.transferSyntaxUid());
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertEquals(List.of(out), s.toList(), "no temporary file may be left behind");
        }
        IOException e = assertThrows(IOException.class, () -> toolkit.write(new DicomDataset().put(Tags.Modality, "CS", "CT"), tmp.resolve("x.dcm")));
        assertTrue(e.getMessage().contains("SOPInstanceUID"), e.getMessage());
    }

    @Test
    void writesSignedEightAndSixteenBitFrames(@TempDir Path tmp) throws IOException {
        short[] s = { -1024, 0, 3071, -1 };
        DicomDataset d = new DicomDataset().put(Tags.SOPClassUID, "UI", DicomUids.CT_IMAGE_STORAGE)
                .put(Tags.SOPInstanceUID, "UI", DicomUids.newUid())
                .addFrame(new PixelFrame(2, 2, 1, 16, 16, true, "MONOCHROME2", s.clone()));
        toolkit.write(d, tmp.resolve("a.dcm"));
        PixelFrame back = toolkit.read(tmp.resolve("a.dcm")).frame(0);
        assertTrue(back.signed());
        assertArrayEquals(s, back.samples());
        DicomDataset d8 = new DicomDataset().put(Tags.SOPClassUID, "UI", DicomUids.CT_IMAGE_STORAGE)
                .put(Tags.SOPInstanceUID, "UI", DicomUids.newUid())
                .addFrame(new PixelFrame(1, 4, 1, 8, 8, false, "MONOCHROME2", new short[] { 0, 1, 200, 255 }));
        toolkit.write(d8, tmp.resolve("b.dcm"));
        assertArrayEquals(new int[] { 0, 255 }, toolkit.read(tmp.resolve("b.dcm")).frame(0).range());
    }

    @Test
    void badFilesGiveMessagesNamingTheFile(@TempDir Path tmp) throws IOException {
        byte[] whole = Files.readAllBytes(series.resolve("I40"));
        Path truncated = tmp.resolve("truncated.dcm");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        DicomReadException e = assertThrows(DicomReadException.class, () -> toolkit.read(truncated).frame(0));
        assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Path text = Files.writeString(tmp.resolve("notes.txt"), "not an image, just notes about the scan\n".repeat(10));
        e = assertThrows(DicomReadException.class, () -> toolkit.readHeader(text));
        assertTrue(e.getMessage().startsWith(text.toString()) && e.getMessage().contains("not a DICOM file"), e.getMessage());

        Path missing = tmp.resolve("gone.dcm");
        e = assertThrows(DicomReadException.class, () -> toolkit.read(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
        assertNotNull(DicomTag.parse("(0008,0060)"));
    }
}
