package convbench.ekg.classify;

import static org.junit.jupiter.api.Assertions.*;

import convbench.ekg.AamiClass;
import convbench.ekg.Annotation;
import convbench.ekg.EcgReaders;
import convbench.ekg.EcgRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Beat sets and protocol splits on a few real MIT-BIH records. */
class BeatDatasetTest {
    static Path mitdb() {
        String p = System.getProperty("convbench.shared.data");
        if (p == null)
            fail("system property convbench.shared.data is not set (the parent pom's surefire argLine sets it)");
        Path db = Path.of(p, "ecg", "mitdb");
        if (!Files.isRegularFile(db.resolve("100.hea")))
            fail("no MIT-BIH records in " + db + ": the tests need the real data");
        return db;
    }

    @Test
    void beatsHaveWindowRrChannelsAndAamiLabelsOfTheirAnnotations() throws Exception {
        Path db = mitdb();
        BeatDataset d = BeatDataset.load(db, List.of("119", "208"), BeatClassifier.WINDOWS, null);
        assertArrayEquals(new int[] {5, 126}, d.featureShape());
        assertArrayEquals(new long[] {5, 126}, d.source().get(0).features().shape());
        assertEquals(List.of("119", "208"), d.records());
        // every beat's label is the AAMI class of the .atr symbol at its R peak
        for (String r : List.of("119", "208")) {
            EcgRecord rec = EcgReaders.readWfdb(db.resolve(r + ".hea"), "atr");
            Map<Long, AamiClass> truth = new HashMap<>();
            long beats = 0;
            for (Annotation a : rec.annotations())
                if (a.isBeat()) {
                    truth.put(a.sample(), AamiClass.of(a));
                    beats++;
                }
            int n = 0;
            for (int i = 0; i < d.size(); i++)
                if (d.record(i).equals(r)) {
                    assertEquals(truth.get(d.sample(i)).ordinal(), d.label(i), r + " beat at " + d.sample(i));
                    n++;
                }
            // only the first and last beat (no RR pair) and windows past the record's ends are left out
            assertTrue(n >= beats - 4 && n <= beats - 2, r + ": " + n + " of " + beats + " beats");
        }
        long[] c = d.classCounts();
        // 119: 1543 N, 444 V; 208: 1586 N, 992 V, 373 F, 2 S (mitdb directory of records)
        assertTrue(c[AamiClass.V.ordinal()] >= 1430 && c[AamiClass.V.ordinal()] <= 1436, "V " + c[AamiClass.V.ordinal()]);
        assertTrue(c[AamiClass.F.ordinal()] >= 370 && c[AamiClass.F.ordinal()] <= 373, "F " + c[AamiClass.F.ordinal()]);
        assertEquals(2, c[AamiClass.S.ordinal()]);
        // a one-hot label over N S V F Q, and RR channels constant along the window, ~0 for a regular beat
        var e = d.source().get(0);
        assertEquals(1f, e.label().getFloat(d.label(0)));
        assertEquals(1f, e.label().sumNumber().floatValue());
        float[][] f = d.features(0);
        for (int ch = 1; ch < 5; ch++)
            for (int t = 1; t < 126; t++)
                assertEquals(f[ch][0], f[ch][t]);
        double meanPrev = 0;
        for (int i = 0; i < d.size(); i++)
            meanPrev += d.features(i)[1][0];
        assertEquals(0, meanPrev / d.size(), 0.05, "prev RR / record mean - 1 averages to ~0");
    }

    @Test
    void interPatientKeepsDs1AndDs2ApartAndLeavesPacedOut() throws Exception {
        Path db = mitdb();
        List<String> available = List.of("100", "101", "102", "103", "106", "119");
        Protocol.Data d = Protocol.INTER.prepare(db, available, null, 7, 0, null);
        assertEquals(List.of("101", "106", "119"), d.trainRecords());
        assertEquals(List.of("100", "103"), d.testRecords(), "DS2 records; 102 is paced");
        Set<String> train = new HashSet<>(d.train().recordsPresent()), val = new HashSet<>(d.validation().recordsPresent());
        Set<String> test = new HashSet<>(d.test().recordsPresent());
        assertEquals(Set.of("100", "103"), test);
        assertTrue(AamiClass.DS1.containsAll(train) && AamiClass.DS1.containsAll(val), train + " " + val);
        assertTrue(train.stream().noneMatch(test::contains) && val.stream().noneMatch(test::contains), "no test beat in training");
        assertTrue(train.stream().noneMatch(val::contains), "validation leaves whole DS1 records out: " + train + " / " + val);
        assertEquals(1, val.size());
    }

    @Test
    void intraSplitIsSeededAndEvalRedrawsTheSameTestBeats() throws Exception {
        Path db = mitdb();
        List<String> recs = List.of("119", "208");
        Protocol.Data d = Protocol.INTRA.prepare(db, recs, null, 5, 0, null);
        int total = d.train().size() + d.validation().size() + d.test().size();
        assertEquals(Math.round(total * 0.2), d.test().size());
        assertEquals(Math.round((total - d.test().size()) * 0.1), d.validation().size());
        BeatDataset again = Protocol.INTRA.testSet(db, recs, null, 5, null);
        assertEquals(keys(d.test()), keys(again));
        Set<String> trainKeys = keys(d.train());
        assertTrue(keys(d.test()).stream().noneMatch(trainKeys::contains), "a beat in both train and test");
        assertNotEquals(keys(d.test()), keys(Protocol.INTRA.testSet(db, recs, null, 6, null)), "another seed, another split");

        Protocol.Data capped = Protocol.INTRA.prepare(db, recs, null, 5, 1500, null);
        assertEquals(1500, capped.train().size());
        assertEquals(d.train().size(), capped.trainBeatsBeforeSubsampling());
        long[] all = d.train().classCounts(), kept = capped.train().classCounts();
        for (AamiClass c : List.of(AamiClass.S, AamiClass.V, AamiClass.F))
            assertEquals(all[c.ordinal()], kept[c.ordinal()], "every " + c + " beat is kept; only N beats are dropped");
        assertEquals(d.test().size(), capped.test().size(), "the test set stays whole");
    }

    @Test
    void classWeightsAreTemperedAndAverageOne() {
        long[] counts = {9000, 100, 800, 100, 0};
        double[] w = BeatClassifier.classWeights(counts);
        double mean = 0;
        for (int c = 0; c < 5; c++)
            mean += w[c] * counts[c];
        assertEquals(1, mean / 10000, 1e-12);
        assertEquals(0, w[4]);
        assertEquals(Math.sqrt(90), w[1] / w[0], 1e-9, "square root of the frequency ratio");
        assertThrows(IllegalArgumentException.class, () -> Protocol.parse("cross"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Protocol.INTER.prepare(mitdb(), List.of("100", "103"), null, 1, 0, null));
        assertTrue(e.getMessage().contains("no training records"), e.getMessage());
    }

    private static Set<String> keys(BeatDataset d) {
        Set<String> k = new HashSet<>();
        for (int i = 0; i < d.size(); i++)
            k.add(d.record(i) + "@" + d.sample(i));
        return k;
    }
}
