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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        assertArrayEquals(new int[] {9, 126}, d.featureShape());
        assertArrayEquals(new long[] {9, 126}, d.source().get(0).features().shape());
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
        for (int ch = 2; ch < 9; ch++)
            for (int t = 1; t < 126; t++)
                assertEquals(f[ch][0], f[ch][t]);
        double meanPrev = 0;
        for (int i = 0; i < d.size(); i++)
            meanPrev += d.features(i)[2][0];
        assertEquals(0, meanPrev / d.size(), 0.05, "prev RR / record mean - 1 averages to ~0");
    }

    /**
     * The first ten beats of record 100 (rdann: N at 77, 370, 662, 946, 1231, 1515, 1809, A at 2044, N at 2402, 2706):
     * the first and last have no RR pair, so eight beats remain, whose previous RRs (293, 292, 284, 285, 284, 294, 235,
     * 358 samples) average 2325 / 8 = 290.625 samples.
     */
    @Test
    void rrFeaturesMatchHandComputedValuesOnAnExcerptOf100() throws Exception {
        EcgRecord rec = EcgReaders.readWfdb(mitdb().resolve("100.hea"), "atr");
        EcgRecord excerpt = rec.withAnnotations(rec.annotations().subList(0, 11)); // "(N" rhythm + 10 beats
        BeatDataset d = BeatDataset.of(List.of(BeatClassifier.WINDOWS.extract(excerpt)));
        assertEquals(8, d.size());
        assertEquals(2044, d.sample(6));
        assertEquals(AamiClass.S.ordinal(), d.label(6), "A is an S beat");
        double mean = 290.625;
        // the A beat: previous 2044-1809, next 2402-2044, local = mean of the 7 RRs since 77 = (2044-77)/7 = 281;
        // irregularity before it: RRs 293 292 284 285 284 294 differ by 1+8+1+1+10 = 21 in 5 steps, mean RR 1732/6
        assertRr(d, 6, 235 / mean - 1, 358 / mean - 1, 281 / mean - 1, 235 / 281.0 - 1, 358 / 281.0 - 1, 358 / 235.0 - 1,
                21 / 5.0 / (1732 / 6.0));
        // the N beat after it: previous 358, next 2706-2402 = 304, local (2402-77)/8 = 290.625; irregularity now
        // includes the A beat's short 235: (21 + 59) / 6 over a mean of 1967/7 = 281
        assertRr(d, 7, 358 / mean - 1, 304 / mean - 1, 290.625 / mean - 1, 358 / 290.625 - 1, 304 / 290.625 - 1,
                304 / 358.0 - 1, 80 / 6.0 / 281);
        // the first kept beat: previous 370-77, next 662-370, local = its previous RR, no RRs before it
        assertRr(d, 0, 293 / mean - 1, 292 / mean - 1, 293 / mean - 1, 0, 292 / 293.0 - 1, 292 / 293.0 - 1, 0);

        // channel 0 is scaled so that the record's median peak-to-peak is 1; channel 1 is channel 0 less the
        // record's median beat, so its sample-wise median over the record is 0
        float[] p2p = new float[d.size()];
        for (int i = 0; i < d.size(); i++) {
            float[] w = d.features(i)[0];
            float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
            for (float v : w) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            p2p[i] = hi - lo;
        }
        java.util.Arrays.sort(p2p);
        assertEquals(1, p2p[d.size() / 2], 1e-5);
        for (int t = 0; t < d.width(); t += 5) {
            float[] col = new float[d.size()];
            for (int i = 0; i < d.size(); i++)
                col[i] = d.features(i)[1][t];
            java.util.Arrays.sort(col);
            assertEquals(0, col[d.size() / 2], 1e-6, "median deviation at sample " + t);
        }
        // a large gap (a missed beat) saturates instead of feeding the net a huge value
        float[][] rr = BeatDataset.relativeRr(new float[][] {{0.8f, 0.8f, 0.8f, 1, 0}, {0.8f, 8f, 0.8f, 1, 0}});
        assertEquals(BeatDataset.RR_MAX, rr[1][1]);
    }

    /** Pearson's r of x[t] and y[t + shift] where both exist. */
    private static double correlation(float[] x, float[] y, int shift) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = 0;
        for (int t = Math.max(0, -shift); t < x.length && t + shift < y.length; t++, n++) {
            double a = x[t], b = y[t + shift];
            sx += a;
            sy += b;
            sxx += a * a;
            syy += b * b;
            sxy += a * b;
        }
        return (sxy - sx * sy / n) / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
    }

    private static void assertRr(BeatDataset d, int beat, double... expected) {
        float[][] f = d.features(beat);
        assertEquals(BeatDataset.RR_CHANNELS, expected.length);
        for (int c = 0; c < expected.length; c++)
            assertEquals(expected[c], f[BeatDataset.WAVE_CHANNELS + c][0], 1e-5, "beat " + beat + " RR feature " + c);
    }

    @Test
    void leaveRecordsOutValidationAndDevRunsNeverMixRecordsOrReadDs2() throws Exception {
        Path db = mitdb();
        List<String> available = List.of("100", "101", "103", "106", "119", "201");
        Protocol.Data d = Protocol.INTER.prepare(db, available, null, 7, 0,
                new Protocol.Holdout(List.of("106", "201"), true), null);
        assertTrue(d.dev());
        assertEquals(List.of("101", "106", "119", "201"), d.trainRecords());
        assertEquals(Set.of("101", "119"), Set.copyOf(d.train().recordsPresent()));
        assertEquals(List.of("106", "201"), d.validation().recordsPresent());
        assertSame(d.validation(), d.test(), "a dev run reports the held-out DS1 records");
        assertEquals(List.of("106", "201"), d.testRecords());
        assertTrue(d.test().recordsPresent().stream().allMatch(AamiClass.DS1::contains), "DS2 is not read");
        Set<String> trainKeys = keys(d.train());
        assertTrue(keys(d.validation()).stream().noneMatch(trainKeys::contains));
        // a seeded random split of the DS1 records never puts one record on both sides
        for (long seed = 1; seed <= 3; seed++) {
            Protocol.Data r = Protocol.INTER.prepare(db, available, null, seed, 0, Protocol.Holdout.DEFAULT, null);
            Set<String> tr = Set.copyOf(r.train().recordsPresent());
            assertTrue(r.validation().recordsPresent().stream().noneMatch(tr::contains), "seed " + seed);
            assertFalse(r.dev());
            assertEquals(List.of("100", "103"), r.test().recordsPresent());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Protocol.INTER.prepare(db, available,
                null, 7, 0, new Protocol.Holdout(List.of("100"), true), null));
        assertTrue(e.getMessage().contains("[100]") && e.getMessage().contains("DS1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Protocol.INTRA.prepare(db, available, null, 7, 0,
                new Protocol.Holdout(List.of("101"), false), null));
        assertTrue(e.getMessage().contains("intra"), e.getMessage());
    }

    @Test
    void augmentationDistortsOnlyTheWaveformAndIsReproducible() throws Exception {
        BeatDataset d = BeatDataset.load(mitdb(), List.of("119"), BeatClassifier.WINDOWS, null);
        convbench.dl4j.Nd4jContext.run(() -> {
            var a = d.augmentedSource(3);
            var b = d.augmentedSource(3);
            var plain = d.source();
            for (int i = 0; i < 50; i++) {
                var ea = a.get(i);
                float[][] fa = ea.features().toFloatMatrix(), fb = b.get(i).features().toFloatMatrix();
                float[][] fp = plain.get(i).features().toFloatMatrix();
                assertArrayEquals(fb, fa, "same seed, same visits, same distortions");
                assertEquals(plain.get(i).label(), ea.label(), "the label is kept");
                for (int c = BeatDataset.WAVE_CHANNELS; c < BeatDataset.CHANNELS; c++)
                    assertArrayEquals(fp[c], fa[c], "RR channel " + c + " is left exact");
                double diff = 0;
                for (int t = 0; t < fa[0].length; t++) {
                    // channel 1 is still channel 0 less the same median beat
                    assertEquals(fp[0][t] - fp[1][t], fa[0][t] - fa[1][t], 1e-5);
                    diff += Math.abs(fa[0][t] - fp[0][t]);
                }
                assertTrue(diff > 0, "beat " + i + " not distorted");
                // shifted back by at most 3 samples, the distorted beat correlates with the original
                double best = -1;
                for (int shift = -3; shift <= 3; shift++)
                    best = Math.max(best, correlation(fp[0], fa[0], shift));
                assertTrue(best > 0.9, "beat " + i + " distorted beyond recognition: r = " + best);
            }
            assertFalse(java.util.Arrays.deepEquals(a.get(0).features().toFloatMatrix(), a.get(0).features().toFloatMatrix()),
                    "every visit draws afresh");
        });
    }

    /**
     * Example by example, the source holds {@link BeatDataset#features} and the one-hot label of every beat, in any
     * order, stacked into batches, and in a subset's own source.
     */
    @Test
    void sourceExamplesHoldEveryBeatsFeaturesAndLabel() throws Exception {
        BeatDataset d = BeatDataset.load(mitdb(), List.of("119", "208"), BeatClassifier.WINDOWS, null);
        convbench.dl4j.Nd4jContext.run(() -> {
            var src = d.source();
            int[] order = new int[d.size()];
            for (int i = 0; i < order.length; i++)
                order[i] = (int) ((i * 7919L) % order.length); // every beat once, out of order (7919 is prime)
            for (int i : order) {
                var e = src.get(i);
                assertEquals(Nd4j.create(d.features(i)), e.features(), "beat " + i);
                INDArray oneHot = Nd4j.zeros(DataType.FLOAT, AamiClass.values().length).putScalar(d.label(i), 1f);
                assertEquals(oneHot, e.label(), "beat " + i);
                assertEquals(d.label(i), src.label(i));
            }
            int[] some = {5, 3000, 17, 4500, 5};
            var batch = convbench.core.data.Batches.batch(src, some, 0, some.length);
            var sub = d.subset(some).source();
            for (int k = 0; k < some.length; k++) {
                assertEquals(Nd4j.create(d.features(some[k])), batch.getFeatures().slice(k), "batch row " + k);
                assertEquals(src.get(some[k]).label(), batch.getLabels().slice(k), "batch row " + k);
                assertEquals(src.get(some[k]).features(), sub.get(k).features(), "subset beat " + k);
            }
        });
    }

    /**
     * The sources fill a batch in one array instead of stacking one ND4J array per beat; the batches the trainer and
     * evaluator pull ({@link convbench.core.data.BatchIterator}) must hold what stacking the beats' examples gave, for
     * every beat, out of order, through the core's subset view, and for the augmented source (same seed, same visits).
     */
    @Test
    void batchesHoldTheStackedExamplesOfEveryBeat() throws Exception {
        BeatDataset d = BeatDataset.load(mitdb(), List.of("119", "208"), BeatClassifier.WINDOWS, null);
        convbench.dl4j.Nd4jContext.run(() -> {
            var src = d.source();
            int[] order = new int[d.size()];
            for (int i = 0; i < order.length; i++)
                order[i] = (int) ((i * 7919L) % order.length); // every beat once, out of order (7919 is prime)
            var it = new convbench.core.data.BatchIterator(src, order, 100);
            for (int from = 0; it.hasNext(); from += 100) {
                var batch = it.next();
                var stacked = convbench.core.data.Batches.batch(src, order, from, Math.min(order.length, from + 100));
                assertEquals(stacked.getFeatures(), batch.getFeatures(), "batch at " + from);
                assertEquals(stacked.getLabels(), batch.getLabels(), "batch at " + from);
            }
            int[] some = {5, 3000, 17, 4500, 5};
            var viaSubset = src.subset(new int[] {0, 5, 17, 3000, 4500}).batch(new int[] {1, 3, 2, 4, 1}, 0, 5);
            assertEquals(convbench.core.data.Batches.batch(src, some, 0, some.length).getFeatures(), viaSubset.getFeatures());
            assertEquals(Nd4j.create(d.features(3000)), viaSubset.getFeatures().slice(1));
            assertEquals(1f, viaSubset.getLabels().getFloat(1, d.label(3000)));
            var a = d.augmentedSource(9).batch(some, 0, some.length);
            var b = convbench.core.data.Batches.batch(d.augmentedSource(9), some, 0, some.length);
            assertEquals(b.getFeatures(), a.getFeatures(), "augmented: same seed, same visits, same distortions");
            assertNotEquals(Nd4j.create(d.features(5)), a.getFeatures().slice(0), "augmented beats are distorted");
        });
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
