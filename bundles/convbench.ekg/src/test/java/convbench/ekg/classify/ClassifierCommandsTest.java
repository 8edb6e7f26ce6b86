package convbench.ekg.classify;

import static org.junit.jupiter.api.Assertions.*;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.dl4j.Nd4jContext;
import convbench.ekg.AamiClass;
import convbench.ekg.EcgReaders;
import convbench.ekg.EcgRecord;
import convbench.ekg.internal.EkgClassifyCommand;
import convbench.ekg.internal.EkgEvalCommand;
import convbench.ekg.internal.EkgTrainCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ekg train / eval / classify on a small slice of MIT-BIH (two V- and F-rich records, capped training beats). */
class ClassifierCommandsTest {
    private static CliArgs args(String... w) {
        return CliArgs.parse(List.of(w), Set.of("json"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainBeatsTheMajorityBaselineAndEvalAndClassifyAgree(@TempDir Path dir) throws Exception {
        Path db = BeatDatasetTest.mitdb();
        Path model = dir.resolve("m.zip");
        Map<String, Object> j = (Map<String, Object>) new EkgTrainCommand().run(args("--db", db.toString(), "--protocol",
                "intra", "--records", "119,208", "--epochs", "2", "--max-train-beats", "1500", "--batch", "64", "--out", model.toString(),
                "--json"), CliProgress.NONE).json();
        // the JSON shape of issue 4
        assertEquals("intra", j.get("protocol"));
        assertEquals(model.toAbsolutePath().toString(), j.get("model"));
        assertTrue(Files.isRegularFile(model));
        Map<String, Map<String, Object>> per = (Map<String, Map<String, Object>>) j.get("perClass");
        assertEquals(List.of("N", "S", "V", "F", "Q"), List.copyOf(per.keySet()));
        for (Map<String, Object> pc : per.values())
            assertTrue(pc.containsKey("se") && pc.containsKey("ppv") && pc.containsKey("n"), pc.toString());
        long[][] cm = (long[][]) j.get("confusion");
        assertEquals(5, cm.length);
        long total = 0, normal = 0;
        for (int a = 0; a < 5; a++)
            for (int p = 0; p < 5; p++) {
                total += cm[a][p];
                if (a == AamiClass.N.ordinal())
                    normal += cm[a][p];
            }
        assertEquals(((Number) j.get("testBeats")).longValue(), total);
        assertEquals(((Number) per.get("V").get("n")).longValue(), cm[2][0] + cm[2][1] + cm[2][2] + cm[2][3] + cm[2][4]);
        double accuracy = (Double) j.get("accuracy"), majority = (double) normal / total;
        assertTrue(accuracy > majority + 0.15, "accuracy " + accuracy + " vs always-N " + majority);
        assertTrue((Double) per.get("V").get("se") > 0.8, "V Se " + per.get("V").get("se"));
        // always-N scores F1 2p/(1+p) on N and 0 on every other class that occurs
        int present = 0;
        for (int a = 0; a < 5; a++)
            if (cm[a][0] + cm[a][1] + cm[a][2] + cm[a][3] + cm[a][4] > 0)
                present++;
        double baselineF1 = 2 * majority / (1 + majority) / present;
        assertTrue((Double) j.get("macroF1") > baselineF1 + 0.15, "macro F1 " + j.get("macroF1") + " vs always-N " + baselineF1);

        // eval re-draws the same test beats from the model's records and seed
        Map<String, Object> e = (Map<String, Object>) new EkgEvalCommand().run(args("--db", db.toString(), "--model",
                model.toString(), "--json"), CliProgress.NONE).json();
        assertEquals("intra", e.get("protocol"));
        assertArrayEquals(cm, (long[][]) e.get("confusion"));
        assertEquals(j.get("accuracy"), e.get("accuracy"));

        // classify: annotated beats with their reference classes, or the QRS detector's beats
        Map<String, Object> c = (Map<String, Object>) new EkgClassifyCommand().run(args("--record",
                db.resolve("119").toString(), "--model", model.toString(), "--json"), CliProgress.NONE).json();
        assertEquals("119", c.get("record"));
        assertEquals("annotations", c.get("beatSource"));
        List<Map<String, Object>> beats = (List<Map<String, Object>>) c.get("beats");
        assertEquals(((Number) c.get("count")).intValue(), beats.size());
        assertTrue(beats.size() > 1980, "119 has 1987 beats");
        assertTrue((Double) c.get("agreement") > 0.85, "agreement " + c.get("agreement") + " (119 is 78 % N)");
        assertTrue(Set.of("N", "S", "V", "F", "Q").contains(beats.get(0).get("class")));

        EcgRecord rec = EcgReaders.readWfdb(db.resolve("119.hea"), "atr");
        BeatClassifier.Loaded loaded = Nd4jContext.call(() -> BeatClassifier.load(model));
        BeatClassifier.Predictions p = Nd4jContext.call(() -> BeatClassifier.classify(loaded, rec.withAnnotations(List.of())));
        assertTrue(p.detected());
        assertNull(p.reference());
        assertTrue(Math.abs(p.size() - beats.size()) < 20, p.size() + " detected vs " + beats.size() + " annotated");
        long v = p.counts()[AamiClass.V.ordinal()];
        assertTrue(v > 250 && v < 650, "119 has 444 V beats; detected beats classified V: " + v);
    }

    /** The inter-patient workflow: choose settings with --dev (DS2 unread), then test the chosen model on DS2 once. */
    @Test
    @SuppressWarnings("unchecked")
    void aDevRunReportsHeldOutDs1RecordsAndItsModelIsThenTestedOnDs2(@TempDir Path dir) throws Exception {
        Path db = BeatDatasetTest.mitdb();
        Path model = dir.resolve("dev.zip");
        Map<String, Object> j = (Map<String, Object>) new EkgTrainCommand().run(args("--db", db.toString(), "--protocol",
                "inter", "--records", "101,106,119,100", "--validation-records", "106", "--dev", "--epochs", "1",
                "--max-train-beats", "600", "--out", model.toString(), "--json"), CliProgress.NONE).json();
        assertEquals(true, j.get("dev"));
        assertFalse(j.containsKey("beatsDeChazal"), "held-out DS1 figures are not compared with de Chazal's DS2 ones");
        assertEquals(List.of("106"), j.get("validationRecords"));
        assertEquals(List.of("106"), j.get("testRecords"), "a dev run reports the held-out DS1 record, not DS2's 100");
        assertEquals(((Number) j.get("validationBeats")).intValue(), ((Number) j.get("testBeats")).intValue());
        Map<String, Object> e = (Map<String, Object>) new EkgEvalCommand().run(args("--db", db.toString(), "--model",
                model.toString(), "--records", "101,106,119,100", "--json"), CliProgress.NONE).json();
        assertEquals(true, e.get("trainedInDevRun"));
        assertEquals(List.of("100"), e.get("testRecords"), "the dev model is then tested on DS2");
        CliException bad = assertThrows(CliException.class, () -> new EkgTrainCommand().run(args("--db", db.toString(),
                "--protocol", "inter", "--records", "101,106,100", "--validation-records", "100", "--dev"), CliProgress.NONE));
        assertTrue(bad.getMessage().contains("[100]"), bad.getMessage());
    }

    @Test
    void badInputIsNamed(@TempDir Path dir) throws Exception {
        Path db = BeatDatasetTest.mitdb();
        CliException e = assertThrows(CliException.class,
                () -> new EkgTrainCommand().run(args("--db", db.toString(), "--json"), CliProgress.NONE));
        assertTrue(e.getMessage().contains("--protocol"), e.getMessage());
        e = assertThrows(CliException.class, () -> new EkgTrainCommand().run(args("--db", db.toString(), "--protocol", "cross"),
                CliProgress.NONE));
        assertTrue(e.getMessage().contains("cross"), e.getMessage());
        e = assertThrows(CliException.class, () -> new EkgTrainCommand().run(args("--db", db.toString(), "--protocol", "inter",
                "--records", "100,103"), CliProgress.NONE));
        assertTrue(e.getMessage().contains("no training records"), e.getMessage());
        Path notModel = dir.resolve("x.zip");
        Files.writeString(notModel, "not a zip");
        e = assertThrows(CliException.class, () -> new EkgEvalCommand().run(args("--db", db.toString(), "--model",
                notModel.toString()), CliProgress.NONE));
        assertTrue(e.getMessage().contains("x.zip"), e.getMessage());
    }
}
