package convbench.ekg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdfCsvTest {
    @TempDir
    Path tmp;

    /** wfdb-python ships the same recording as EDF+ and as WFDB (format 16): both readers must agree. */
    @Test
    void edfMatchesTheWfdbCopyOfTheSameRecording() throws IOException {
        Path sd = TestData.wfdb().resolve("sample-data");
        EcgRecord edf = EcgReaders.open(sd.resolve("test_generator_2.edf"));
        WfdbRecord wfdb = WfdbRecord.open(sd.resolve("test_generator_2.hea"));
        assertEquals(11, edf.signalCount()); // 12 EDF signals less the annotation channel
        assertEquals(200, edf.fs(), 1e-9);
        assertEquals(600 * 200, edf.length());
        int[][] w = wfdb.read(0, wfdb.frames(), true); // 200 samples per 1 s frame
        for (int s = 0; s < 11; s++) {
            assertEquals(wfdb.signals().get(s).description(), edf.signals().get(s).name());
            assertArrayEquals(w[s], edf.adc(s), "signal " + s);
            for (int i = 0; i < edf.length(); i += 997)
                // the headers scale differently: WFDB gain 32.7675 with baseline 0, EDF maps -32768..32767 onto
                // +-1000 uV (half a digit, 0.015 uV, off centre); allow that plus 0.1 %
                assertEquals(wfdb.toPhysical(s, w[s][i]), edf.physical(s)[i],
                        1e-3 * Math.abs(edf.physical(s)[i]) + 0.02, "signal " + s + " sample " + i);
        }
        assertEquals("uV", edf.signals().get(0).units());
    }

    @Test
    void edfPlusAnnotationsAreRead() throws IOException {
        EcgRecord r = EcgReaders.open(TestData.wfdb().resolve("sample-data/test_edfann.edf"));
        assertEquals(0, r.signalCount());
        List<Annotation> a = r.annotations();
        assertTrue(a.size() > 50, a.size() + " annotations");
        assertEquals("Sleep stage W (30 s)", a.get(0).aux());
        assertEquals(0, a.get(0).sample());
        Annotation lights = a.stream().filter(x -> x.aux().startsWith("Lights off")).findFirst().orElseThrow();
        assertEquals("Lights off@@EEG F4-A1 (0 s)", lights.aux());
        assertEquals(33430, lights.sample()); // onset +33.43 s; annotation-only files count milliseconds
    }

    /** An EDF+ file built byte by byte per the specification (no EDF writer in the product), read back. */
    @Test
    void specBuiltEdfPlusRoundTrips() throws IOException {
        int nrec = 3, spr = 250;
        float[] mlii = EcgReaders.open(TestData.mitdbRecord("100")).physical(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, "0", 8);
        field(out, "X M 01-JAN-2000 MITBIH_100", 80);
        field(out, "Startdate 01-JAN-2000 X X X", 80);
        field(out, "01.01.00", 8);
        field(out, "12.00.00", 8);
        field(out, Integer.toString(256 * 3), 8);
        field(out, "EDF+C", 44);
        field(out, Integer.toString(nrec), 8);
        field(out, "1", 8);
        field(out, "2", 4);
        String[][] per = {{"ECG MLII", "EDF Annotations"}, {"AgAgCl electrode", ""}, {"mV", ""}, {"-10.24", "-1"},
                {"10.23", "1"}, {"-1024", "-32768"}, {"1023", "32767"}, {"HP:0.1Hz LP:100Hz", ""},
                {Integer.toString(spr), "30"}, {"", ""}};
        int[] widths = {16, 80, 8, 8, 8, 8, 8, 80, 8, 32};
        for (int f = 0; f < per.length; f++)
            for (String v : per[f])
                field(out, v, widths[f]);
        for (int r = 0; r < nrec; r++) {
            for (int i = 0; i < spr; i++) {
                int d = Math.round(mlii[r * spr + i] * 100); // 0.01 mV per digit
                out.write(d & 0xff);
                out.write(d >> 8 & 0xff);
            }
            byte[] tal = ("+" + r + "\u0014\u0014\u0000" + (r == 1 ? "+1.5\u00150.2\u0014beat check\u0014\u0000" : ""))
                    .getBytes(StandardCharsets.UTF_8);
            byte[] ch = new byte[60];
            System.arraycopy(tal, 0, ch, 0, tal.length);
            out.write(ch);
        }
        Path f = tmp.resolve("built.edf");
        Files.write(f, out.toByteArray());
        EcgRecord rec = EcgReaders.open(f);
        assertEquals(1, rec.signalCount());
        assertEquals("ECG MLII", rec.signals().get(0).name());
        assertEquals(250, rec.fs(), 1e-9);
        assertEquals(nrec * spr, rec.length());
        for (int i = 0; i < rec.length(); i++)
            assertEquals(Math.round(mlii[i] * 100) / 100.0, rec.physical(0)[i], 1e-4, "sample " + i);
        assertEquals(List.of(new Annotation(375, AnnotationCodes.NOTE, 0, 0, 0, "beat check (0.2 s)")),
                rec.annotations());
    }

    private static void field(ByteArrayOutputStream out, String v, int width) {
        byte[] b = String.format(Locale.ROOT, "%-" + width + "s", v).getBytes(StandardCharsets.US_ASCII);
        out.write(b, 0, width);
    }

    @Test
    void csvWithUnitsInHeaderRoundTrips() throws IOException {
        EcgRecord src = EcgReaders.open(TestData.mitdbRecord("100"));
        StringBuilder sb = new StringBuilder("time (s),MLII (mV),V5 (mV)\n");
        int n = 3600;
        for (int i = 0; i < n; i++)
            sb.append(String.format(Locale.ROOT, "%.6f,%.3f,%.3f%n", i / 360.0, src.physical(0)[i], src.physical(1)[i]));
        Path csv = tmp.resolve("100.csv");
        Files.writeString(csv, sb);
        EcgRecord r = EcgReaders.open(csv);
        assertEquals(360, r.fs(), 1e-6);
        assertEquals(n, r.length());
        assertEquals(List.of("MLII", "V5"), r.signals().stream().map(SignalInfo::name).toList());
        assertEquals("mV", r.signals().get(1).units());
        for (int i = 0; i < n; i++)
            assertEquals(src.physical(1)[i], r.physical(1)[i], 1e-6, "sample " + i);
    }

    @Test
    void csvInPhysioNetExportLayout() throws IOException {
        Path csv = tmp.resolve("export.csv");
        Files.writeString(csv, "'Elapsed time','MLII','V5'\n'hh:mm:ss.mmm','mV','mV'\n'0:00.000',-0.145,-0.065\n"
                + "'0:00.003',-0.145,-0.065\n'0:00.006',-0.145,-0.065\n'0:00.008',-0.145,-0.065\n");
        EcgRecord r = EcgReaders.open(csv);
        assertEquals(List.of("mV", "mV"), r.signals().stream().map(SignalInfo::units).toList());
        assertEquals(4, r.length());
        assertEquals(-0.065f, r.physical(1)[3]);
        assertEquals(375, r.fs(), 1);
    }
}
