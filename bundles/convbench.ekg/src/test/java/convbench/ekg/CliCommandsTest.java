package convbench.ekg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.ekg.internal.EkgBenchCommand;
import convbench.ekg.internal.EkgQrsCommand;
import convbench.ekg.internal.EkgReadCommand;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CliCommandsTest {
    private static CliArgs args(String... w) {
        return CliArgs.parse(List.of(w), Set.of("json", "exclude-vf"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void readDescribesARecord() throws Exception {
        CliResult r = new EkgReadCommand().run(args(TestData.mitdbRecord("208").toString(), "--json"), CliProgress.NONE);
        Map<String, Object> j = (Map<String, Object>) r.json();
        assertEquals("208", j.get("record"));
        assertEquals(360.0, j.get("fs"));
        assertEquals(650000, j.get("samples"));
        List<Map<String, Object>> sigs = (List<Map<String, Object>>) j.get("signals");
        assertEquals(List.of("MLII", "V1"), sigs.stream().map(s -> s.get("name")).toList());
        assertEquals("mV", sigs.get(0).get("units"));
        assertTrue((Integer) j.get("annotations") > 2955);
        assertTrue(r.text().contains("208"));
    }

    @Test
    void readOfAMissingRecordIsAUserError() {
        CliException e = assertThrows(CliException.class,
                () -> new EkgReadCommand().run(args("--record", "/nonexistent/100"), CliProgress.NONE));
        assertTrue(e.getMessage().contains("/nonexistent/100"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void qrsScoresChosenRecords() throws Exception {
        CliResult r = new EkgQrsCommand().run(args("--db", TestData.mitdb().toString(), "--records", "100,103",
                "--json"), CliProgress.NONE);
        Map<String, Object> j = (Map<String, Object>) r.json();
        List<Map<String, Object>> recs = (List<Map<String, Object>>) j.get("records");
        assertEquals(List.of("100", "103"), recs.stream().map(m -> m.get("record")).toList());
        Map<String, Object> o = (Map<String, Object>) j.get("overall");
        assertEquals(2273L + 2084L, (Long) o.get("tp") + (Long) o.get("fn"));
        assertTrue((Double) o.get("se") > 0.995 && (Double) o.get("ppv") > 0.995, o.toString());
        assertTrue(r.text().contains("overall"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void benchReportsReadAndDetectionSpeed() throws Exception {
        CliResult r = new EkgBenchCommand().run(args("--record", TestData.mitdbRecord("100").toString(), "--repeat",
                "3", "--json"), CliProgress.NONE);
        Map<String, Object> j = (Map<String, Object>) r.json();
        assertTrue((Double) j.get("readMs") > 0);
        assertTrue((Double) j.get("detectXRealTime") > 100, j.toString()); // goal 1000x; loose for a busy CI
        assertEquals(2, j.get("signals"));
        // the classifier part: one training pass and one inference pass per run over the record's annotated beats
        assertTrue(((Number) j.get("classifierBeats")).intValue() > 2000, j.toString()); // 100 has 2273 beats
        assertTrue((Double) j.get("trainBeatsPerSecond") > 0 && (Double) j.get("inferenceBeatsPerSecond") > 0, j.toString());
    }
}
