package convbench.dicom.pixelmed;

import static org.junit.jupiter.api.Assertions.*;

import convbench.dicom.api.DicomObject;
import convbench.dicom.api.NativePixelData;
import convbench.dicom.api.PixelFrame;
import convbench.dicom.api.TransferSyntax;
import convbench.dicom.api.UnsupportedTransferSyntaxException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dcm_qa_ts: one Siemens MR mosaic (384 x 384 = 6 x 6 tiles of 64 x 64, 35 slices) in nine transfer syntaxes,
 * each with dcm2niix's NIfTI of it. Every file PixelMed can decode must give exactly dcm2niix's voxels; the
 * others must fail with a message naming the file and the compression.
 */
class TransferSyntaxTest {
    private static final PixelMedToolkit TOOLKIT = new PixelMedToolkit();
    /** Files 1-6: uncompressed (3 encodings), RLE and JPEG lossless: PixelMed and its imageio codec decode them. */
    private static final Set<Integer> MUST_DECODE = Set.of(1, 2, 3, 4, 5, 6);

    @ParameterizedTest(name = "dcm_qa_ts/In/{0}.dcm")
    @ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7, 8, 9 })
    void decodesLikeDcm2niixOrSaysWhyNot(int n) throws IOException {
        Path dicom = SharedData.dir("ct/dcm_qa_ts/In/" + n + ".dcm");
        Path reference = SharedData.dir("ct/dcm_qa_ts/Ref/" + n + ".nii");
        String ts = TOOLKIT.readHeader(dicom).transferSyntaxUid();
        if (MUST_DECODE.contains(n))
            assertTrue(TOOLKIT.canDecode(ts), "PixelMed should decode " + TransferSyntax.describe(ts));
        if (!TOOLKIT.canDecode(ts)) {
            UnsupportedTransferSyntaxException e = assertThrows(UnsupportedTransferSyntaxException.class, () -> TOOLKIT.read(dicom));
            String name = TransferSyntax.of(ts).orElseThrow().title();
            assertTrue(e.getMessage().startsWith(dicom.toString()) && e.getMessage().contains(name)
                    && e.getMessage().contains("cannot decode"), e.getMessage());
            assertTrue(name.startsWith("JPEG-LS") || name.startsWith("JPEG 2000"), "unexpectedly unsupported: " + name);
            return;
        }
        DicomObject o = TOOLKIT.read(dicom);
        PixelFrame f = o.frame(0);
        assertEquals(384, f.rows());
        assertEquals("MONOCHROME2", f.photometric());
        Int16Nifti ref = Int16Nifti.read(reference);
        int tw = ref.nx, th = ref.ny, tilesPerRow = f.columns() / tw;
        int mismatches = 0;
        for (int s = 0; s < ref.nz; s++)
            for (int y = 0; y < th; y++)
                for (int x = 0; x < tw; x++) {
                    // dcm2niix cuts the mosaic into tiles, row-major, and flips rows (NIfTI's y runs bottom-up)
                    int row = (s / tilesPerRow) * th + (th - 1 - y), col = (s % tilesPerRow) * tw + x;
                    if (f.sample(row, col) != ref.voxel(x, y, s))
                        mismatches++;
                }
        assertEquals(0, mismatches, dicom + " (" + TransferSyntax.describe(ts) + ") differs from dcm2niix in " + mismatches + " voxels");
    }

    /**
     * The header read tells where uncompressed pixel data lies (little and big endian, explicit and implicit VR);
     * one read there gives exactly the samples of PixelMed's full decode. Compressed files have no such place.
     */
    @ParameterizedTest(name = "dcm_qa_ts/In/{0}.dcm")
    @ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7, 8, 9 })
    void nativePixelDataReadsTheSameSamplesAsTheFullDecode(int n) throws IOException {
        Path dicom = SharedData.dir("ct/dcm_qa_ts/In/" + n + ".dcm");
        DicomObject header = TOOLKIT.readHeader(dicom);
        TransferSyntax ts = TransferSyntax.of(header.transferSyntaxUid()).orElseThrow();
        if (ts.encapsulated()) {
            assertTrue(header.nativePixelData().isEmpty(), ts.title() + " has no plain pixel data to read in place");
            return;
        }
        NativePixelData at = header.nativePixelData().orElseThrow(() -> new AssertionError(ts.title() + ": no pixel data position"));
        PixelFrame full = TOOLKIT.read(dicom).frame(0);
        assertEquals(2L * full.samples().length, at.length(), "PixelData value length");
        short[] raw = new short[full.samples().length];
        at.readWords(dicom, 0, raw);
        PixelFrame direct = PixelFrame.fromRawWords(full.rows(), full.columns(), 1, 16, full.bitsStored(), full.signed(),
                full.photometric(), raw);
        assertArrayEquals(full.samples(), direct.samples(), dicom + " (" + ts.title() + ")");
    }

    /** The one NIfTI layout dcm2niix wrote here: uncompressed, little endian, int16; parsed for the test only. */
    record Int16Nifti(int nx, int ny, int nz, short[] data) {
        static Int16Nifti read(Path p) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(348, b.getInt(0), p + ": not a little-endian NIfTI-1 file");
            assertEquals(4, b.getShort(70), p + ": expected datatype int16");
            int nx = b.getShort(42), ny = b.getShort(44), nz = b.getShort(46);
            int offset = (int) b.getFloat(108);
            short[] d = new short[nx * ny * nz];
            b.position(offset);
            b.asShortBuffer().get(d);
            return new Int16Nifti(nx, ny, nz, d);
        }

        int voxel(int x, int y, int z) {
            return data[(z * ny + y) * nx + x];
        }
    }
}
