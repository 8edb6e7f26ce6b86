package convbench.ekg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reproduces PhysioNet's rdsamp/rdann output for every target of wfdb-python's reader tests (TARGETS.md) whose
 * files are all present in the shared data.
 */
class WfdbConformanceTest {
    private static final Pattern ROW = Pattern.compile("^\\| (\\S+(?:, \\S+)*) \\| (rd\\w+ .*?) \\|$");

    /** One row of TARGETS.md: the target file and the command that made it. */
    record Target(String file, String command) {
        @Override
        public String toString() {
            return file + ": " + command;
        }
    }

    static List<Target> allTargets() throws IOException {
        List<Target> out = new ArrayList<>();
        for (String line : Files.readAllLines(TestData.wfdb().resolve("TARGETS.md"))) {
            Matcher m = ROW.matcher(line.trim());
            if (m.matches())
                for (String f : m.group(1).split(", "))
                    out.add(new Target(f, m.group(2)));
        }
        return out;
    }

    static Stream<Target> presentSampleTargets() throws IOException {
        return allTargets().stream().filter(t -> t.command().startsWith("rdsamp")).filter(WfdbConformanceTest::present);
    }

    /** The target file and every file the command reads exist (MISSING.txt lists what this copy lacks). */
    static boolean present(Target t) {
        try {
            Path dir = TestData.wfdb();
            if (!Files.isRegularFile(dir.resolve("target-output").resolve(t.file())))
                return false;
            Command c = Command.parse(t.command());
            WfdbHeader h = convbench.ekg.internal.WfdbHeaderParser.parse(c.header());
            if (!h.isMultiSegment())
                return signalFilesPresent(h);
            long from = 0, start = 0;
            WfdbRecord rec = WfdbRecord.open(c.header(), false);
            from = c.from(rec.fs());
            long to = c.to(rec.fs(), rec.header().nSamples());
            for (WfdbHeader.Segment s : h.segments()) {
                long end = start + s.nSamples();
                if (!s.isGap() && start < to && end > from && !signalFilesPresent(
                        convbench.ekg.internal.WfdbHeaderParser.parse(c.header().resolveSibling(s.name() + ".hea"))))
                    return false;
                start = end;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean signalFilesPresent(WfdbHeader h) {
        return h.signals().stream().filter(s -> !s.fileName().equals("~"))
                .allMatch(s -> Files.isRegularFile(h.file().resolveSibling(s.fileName())));
    }

    /** The options of an rdsamp command line. */
    record Command(Path header, String f, String t, int[] signals, boolean physical, boolean highRes) {
        static Command parse(String cmd) {
            String[] w = cmd.replace(",", "").split("\\s+");
            String rec = null, f = null, t = null;
            List<Integer> sig = new ArrayList<>();
            boolean p = false, h = false;
            for (int i = 1; i < w.length; i++) {
                switch (w[i]) {
                    case "-r" -> rec = w[++i];
                    case "-f" -> f = w[++i];
                    case "-t" -> t = w[++i];
                    case "-P" -> p = true;
                    case "-H" -> h = true;
                    case "-s" -> {
                        while (i + 1 < w.length && w[i + 1].matches("\\d+"))
                            sig.add(Integer.parseInt(w[++i]));
                    }
                    default -> { } // the note after the command (record-multi-variable-d)
                }
            }
            if (rec.endsWith("/")) // "dir/" names the record dir/dir
                rec = rec + Path.of(rec).getFileName();
            return new Command(TestData.wfdb().resolve("sample-data").resolve(rec + ".hea"), f, t,
                    sig.stream().mapToInt(Integer::intValue).toArray(), p, h);
        }

        /** WFDB's strtim: "sN" is sample N, otherwise seconds rounded to the nearest sample. */
        static long time(String s, double fs) {
            return s.startsWith("s") ? Long.parseLong(s.substring(1)) : (long) (Double.parseDouble(s) * fs + 0.5);
        }

        long from(double fs) {
            return f == null ? 0 : time(f, fs);
        }

        long to(double fs, long end) {
            return t == null ? end : time(t, fs);
        }
    }

    @Test
    void everyAbsentTargetIsExplainedByMissingTxt() throws IOException {
        List<String> missing = Files.readAllLines(TestData.wfdb().resolve("MISSING.txt"));
        List<Target> all = allTargets();
        assertTrue(all.size() >= 20, "TARGETS.md lists " + all.size() + " targets");
        long present = presentSampleTargets().count();
        assertTrue(present >= 15, "only " + present + " rdsamp targets present");
        for (Target t : all) {
            if (t.command().startsWith("rdann") || present(t))
                continue;
            Command c = Command.parse(t.command());
            String rec = TestData.wfdb().resolve("sample-data").relativize(c.header()).toString().replace(".hea", "");
            String recDir = rec.contains("/") ? rec.substring(0, rec.lastIndexOf('/')) : "";
            boolean explained = missing.stream().anyMatch(m -> m.endsWith("target-output/" + t.file())
                    || m.startsWith("sample-data/" + rec) || !recDir.isEmpty() && m.startsWith("sample-data/" + recDir));
            assertTrue(explained, t + " is absent but MISSING.txt does not explain why");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presentSampleTargets")
    void rdsampOutputIsReproduced(Target target) throws IOException {
        Command c = Command.parse(target.command());
        WfdbRecord rec = WfdbRecord.open(c.header());
        long from = c.from(rec.fs());
        long to = Math.min(c.to(rec.fs(), rec.frames()), rec.frames());
        int[] sel = c.signals().length > 0 ? c.signals() : java.util.stream.IntStream.range(0, rec.signals().size()).toArray();
        int[][] v = rec.read(from, to, c.highRes());
        // Raw output prints a missing sample as WFDB_INVALID_SAMPLE (-32768); some targets were made by versions
        // that print the format's own code instead (TARGETS.md notes -128 for record-multi-variable-d; 041s shows
        // -2048 for format 212). Either is the same missing sample.
        String gapCode = target.file().equals("record-multi-variable-d") ? "-128" : "-32768";
        List<String> expected = readTarget(target.file());
        assertEquals(expected.size(), v[0].length, "rows of " + target.file());
        for (int r = 0; r < expected.size(); r++) {
            String[] cells = expected.get(r).trim().split("\\s+");
            assertEquals(sel.length, cells.length, target.file() + " row " + r + " columns");
            for (int k = 0; k < sel.length; k++) {
                int adc = v[sel[k]][r];
                String cell = cells[k];
                String where = target.file() + " row " + r + " (sample " + (from + r) + ") signal " + sel[k];
                if (!c.physical()) {
                    if (adc == WfdbRecord.INVALID) {
                        String own = Integer.toString(convbench.ekg.internal.WfdbDecoder.invalidCode(
                                rec.signals().get(sel[k]).format()));
                        assertTrue(cell.equals(gapCode) || cell.equals(own), where + ": missing sample printed as "
                                + cell + ", expected " + gapCode + " or " + own);
                    } else {
                        assertEquals(cell, Integer.toString(adc), where);
                    }
                } else if (cell.equals("-")) {
                    assertEquals(WfdbRecord.INVALID, adc, where + ": expected an invalid sample");
                } else {
                    assertFalse(adc == WfdbRecord.INVALID, where + ": invalid sample where rdsamp prints " + cell);
                    int dot = cell.indexOf('.');
                    int decimals = dot < 0 ? 0 : cell.length() - dot - 1;
                    double tol = 0.5 * Math.pow(10, -decimals) * (1 + 1e-9);
                    double got = rec.toPhysical(sel[k], adc);
                    assertEquals(Double.parseDouble(cell), got, tol, where);
                }
            }
        }
    }

    static List<String> readTarget(String name) throws IOException {
        Path p = TestData.wfdb().resolve("target-output").resolve(name);
        if (name.endsWith(".gz")) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)),
                    StandardCharsets.US_ASCII))) {
                return r.lines().filter(l -> !l.isBlank()).toList();
            }
        }
        return Files.readAllLines(p).stream().filter(l -> !l.isBlank()).toList();
    }

    // rdann: "    0:00.050       18     +    0    0    0\t(N"
    private static final Pattern ANN = Pattern.compile("^\\s*(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(-?\\d+)\\s+(\\d+)\\s+(-?\\d+)(?:\\t(.*))?$");

    static Stream<String[]> annotationTargets() {
        // TARGETS.md gives "rdann -r 100 -a atr" for ann-2, but ann-2 is wfdb-python's target for 12726.anI (its
        // sample numbers and aux texts only exist there): test it against that file.
        return Stream.of(new String[] {"ann-1", "100", "atr"}, new String[] {"ann-2", "12726", "anI"},
                new String[] {"ann-3", "1003", "atr"});
    }

    @Test
    void annotationTargetsMatchTheTable() throws IOException {
        List<String> files = allTargets().stream().filter(t -> t.command().startsWith("rdann")).map(Target::file).toList();
        assertEquals(List.of("ann-1", "ann-2", "ann-3"), files);
    }

    @ParameterizedTest(name = "{0}: {1}.{2}")
    @MethodSource("annotationTargets")
    void rdannOutputIsReproduced(String target, String record, String annotator) throws IOException {
        Path sd = TestData.wfdb().resolve("sample-data");
        WfdbHeader h = convbench.ekg.internal.WfdbHeaderParser.parse(sd.resolve(record + ".hea"));
        List<Annotation> ann = WfdbAnnotations.read(sd.resolve(record + "." + annotator));
        List<String> expected = readTarget(target);
        assertEquals(expected.size(), ann.size(), target + " annotation count");
        for (int i = 0; i < ann.size(); i++) {
            Matcher m = ANN.matcher(expected.get(i));
            if (!m.matches())
                fail(target + " line " + (i + 1) + " not understood: " + expected.get(i));
            Annotation a = ann.get(i);
            String where = target + " line " + (i + 1);
            assertEquals(Long.parseLong(m.group(2)), a.sample(), where + " sample");
            assertEquals(m.group(3), a.symbol(), where + " type");
            assertEquals(Integer.parseInt(m.group(4)), a.subtype(), where + " subtyp");
            assertEquals(Integer.parseInt(m.group(5)), a.chan(), where + " chan");
            assertEquals(Integer.parseInt(m.group(6)), a.num(), where + " num");
            assertEquals(m.group(7), a.aux(), where + " aux");
            assertEquals(m.group(1), TimeFormat.rdannTime(a.sample(), h.fs(), h.baseTime()), where + " time");
        }
    }
}
