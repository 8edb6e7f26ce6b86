package convbench.ekg;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged copies of real files: each error names the file and where the problem is. */
class BadInputTest {
    @TempDir
    Path tmp;

    private Path copy100(String headerText, int datBytes) throws IOException {
        Path src = TestData.mitdbRecord("100");
        Files.writeString(tmp.resolve("100.hea"), headerText != null ? headerText
                : Files.readString(src, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        byte[] dat = Files.readAllBytes(src.resolveSibling("100.dat"));
        Files.write(tmp.resolve("100.dat"), datBytes < 0 ? dat : Arrays.copyOf(dat, datBytes));
        return tmp.resolve("100.hea");
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts)
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should mention '" + p + "'");
    }

    @Test
    void truncatedDatNamesFileAndSample() throws IOException {
        Path hea = copy100(null, 1_000_001);
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> EcgReaders.open(hea));
        assertMentions(e, "100.dat", "byte 1000001", "truncated", "sample 333333");
    }

    @Test
    void headerSampleCountLargerThanFile() throws IOException {
        String h = Files.readString(TestData.mitdbRecord("100"), StandardCharsets.ISO_8859_1)
                .replace("650000", "700000");
        Path hea = copy100(h, -1);
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> WfdbRecord.open(hea).frames());
        assertMentions(e, "100.dat", "700000", "holds only 650000");
    }

    @Test
    void unknownFormatNamesHeaderAndSignal() throws IOException {
        String h = Files.readString(TestData.mitdbRecord("100"), StandardCharsets.ISO_8859_1)
                .replace("100.dat 212", "100.dat 999");
        Path hea = copy100(h, -1);
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> EcgReaders.open(hea));
        assertMentions(e, "100.hea", "signal 0", "unknown WFDB signal format 999");
    }

    @Test
    void checksumMismatchNamesSignal() throws IOException {
        String h = Files.readString(TestData.mitdbRecord("100"), StandardCharsets.ISO_8859_1)
                .replace(" -22131 ", " -22130 ");
        Path hea = copy100(h, -1);
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> EcgReaders.open(hea));
        assertMentions(e, "100.dat", "signal 0 'MLII'", "checksum mismatch", "-22130", "-22131");
    }

    @Test
    void badHeaderFieldNamesLine() throws IOException {
        Path hea = copy100("100 2 fast 650000\n100.dat 212 200 11 1024 995 -22131 0 MLII\n", -1);
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> EcgReaders.open(hea));
        assertMentions(e, "100.hea", "line 1", "fast");
    }

    @Test
    void nonNumericCsvNamesLineAndColumn() throws IOException {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "time (s),MLII (mV)\n0.000,-0.145\n0.002778,-0.145\n0.005556,abc\n");
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> EcgReaders.open(csv));
        assertMentions(e, "bad.csv", "line 4", "column 2", "'abc' is not a number");
    }

    @Test
    void truncatedEdfNamesByteAndRecord() throws IOException {
        Path src = TestData.wfdb().resolve("sample-data/test_generator_2.edf");
        byte[] b = Files.readAllBytes(src);
        Path cut = tmp.resolve("cut.edf");
        Files.write(cut, Arrays.copyOf(b, b.length - 1000));
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> EcgReaders.open(cut));
        assertMentions(e, "cut.edf", "byte " + (b.length - 1000), "truncated", "record 599");
    }

    @Test
    void truncatedAnnotationFileNamesByte() throws IOException {
        Path atr = TestData.wfdb().resolve("sample-data/12726.anI");
        byte[] b = Files.readAllBytes(atr);
        Path cut = tmp.resolve("12726.anI");
        Files.write(cut, Arrays.copyOf(b, 16)); // inside the first aux text
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> WfdbAnnotations.read(cut));
        assertMentions(e, "12726.anI", "byte 10", "aux text");
    }

    @Test
    void missingSignalFileIsNamed() throws IOException {
        Files.writeString(tmp.resolve("x.hea"), "x 1 360 10\nx.dat 16 200 12 0 0 0 0 I\n");
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> EcgReaders.open(tmp.resolve("x.hea")));
        assertMentions(e, "x.dat", "not found");
    }
}
