package convbench.ekg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** QRS detection, scoring, AAMI classes, beat windows and display decimation on real MIT-BIH records. */
class BeatsTest {
    @ParameterizedTest
    @ValueSource(strings = {"100", "101", "103"})
    void qrsDetectorFindsTheReferenceBeats(String record) throws IOException {
        EcgRecord rec = EcgReaders.open(TestData.mitdbRecord(record));
        long[] ref = BeatScorer.referenceBeats(rec.annotations());
        long t0 = System.nanoTime();
        int[] found = new QrsDetector().detect(rec);
        double seconds = (System.nanoTime() - t0) / 1e9;
        BeatScorer.Score s = BeatScorer.score(ref, found, rec.fs());
        assertTrue(s.se() >= 0.995 && s.ppv() >= 0.995, record + ": " + s + " Se " + s.se() + " +P " + s.ppv());
        assertTrue(seconds < 2, record + ": detection took " + seconds + " s"); // cold JIT; > 900x real time
    }

    @Test
    void scorerCountsOneToOneWithinTheWindow() {
        long[] ref = {1000, 2000, 3000, 4000};
        // 1054 is 150 ms at 360 Hz away: a match; 2060 is 60 samples > 54 away: FP and FN; 2990 and 3010
        // both near 3000: one TP, one FP
        int[] det = {1054, 2060, 2990, 3010, 4000};
        BeatScorer.Score s = BeatScorer.score(ref, det, 360);
        assertEquals(new BeatScorer.Score(3, 2, 1), s);
        assertEquals(0.75, s.se(), 1e-12);
        assertEquals(0.6, s.ppv(), 1e-12);
    }

    @Test
    void aamiMapAndInterPatientSplit() throws IOException {
        assertEquals(AamiClass.N, AamiClass.of("e"));
        assertEquals(AamiClass.S, AamiClass.of("J"));
        assertEquals(AamiClass.V, AamiClass.of("E"));
        assertEquals(AamiClass.F, AamiClass.of("F"));
        assertEquals(AamiClass.Q, AamiClass.of("f"));
        assertNull(AamiClass.of("+"));
        assertNull(AamiClass.of("~"));
        assertEquals(22, AamiClass.DS1.size());
        assertEquals(22, AamiClass.DS2.size());
        Set<String> all = new HashSet<>(AamiClass.DS1);
        all.addAll(AamiClass.DS2);
        all.addAll(AamiClass.PACED);
        assertEquals(48, all.size(), "DS1, DS2 and the paced records are disjoint and cover all 48 records");
        // every MIT-BIH beat label maps to a class; PROVENANCE.md counts 109,494 beat labels in all
        Map<AamiClass, Integer> counts = new EnumMap<>(AamiClass.class);
        long beats = 0;
        for (String r : all) {
            for (Annotation a : WfdbAnnotations.read(TestData.mitdb().resolve(r + ".atr"))) {
                assertEquals(a.isBeat(), AamiClass.of(a) != null, r + " " + a);
                if (a.isBeat()) {
                    beats++;
                    counts.merge(AamiClass.of(a), 1, Integer::sum);
                }
            }
        }
        assertEquals(109_494, beats);
        assertTrue(counts.get(AamiClass.F) > 500 && counts.get(AamiClass.S) > 2000, counts.toString());
    }

    @Test
    void beatWindowsStreamRecordByRecord() {
        BeatWindows bw = BeatWindows.standard();
        assertEquals(126, bw.length());
        Path db = TestData.mitdb();
        Iterator<BeatWindows.Beats> it = bw.iterate(db, List.of("100", "208"));
        BeatWindows.Beats b100 = it.next(), b208 = it.next();
        assertFalse(it.hasNext());
        assertEquals("100", b100.record());
        assertEquals(2271, b100.size()); // 2273 beats less the first and last
        assertEquals(126, b100.windows()[0].length);
        assertEquals(BeatWindows.RR_FEATURES, b100.rr()[0].length);
        assertEquals(AamiClass.N, b100.labels()[0]);
        // the R peak sits at 0.25 s into the window: the sample 45 (0.25 s x 180 Hz) is near the maximum
        float[] w = b100.windows()[100];
        int arg = 0;
        for (int k = 0; k < w.length; k++)
            if (w[k] > w[arg])
                arg = k;
        assertTrue(Math.abs(arg - 45) <= 4, "R peak at window sample " + arg);
        long v = java.util.Arrays.stream(b208.labels()).filter(c -> c == AamiClass.V).count();
        long f = java.util.Arrays.stream(b208.labels()).filter(c -> c == AamiClass.F).count();
        assertTrue(v > 900 && f > 300, "208 has many V and F beats: " + v + " V, " + f + " F");
        float rrPrev = b100.rr()[100][0];
        assertEquals((b100.samples()[100] - b100.samples()[99]) / 360.0, rrPrev, 1e-5);
    }

    @Test
    void minMaxDecimationKeepsEveryPeak() throws IOException {
        float[] x = EcgReaders.open(TestData.mitdbRecord("100")).physical(0);
        int buckets = 1000;
        float[][] mm = Decimator.minMax(x, 0, x.length, buckets);
        float gmax = -Float.MAX_VALUE, gmin = Float.MAX_VALUE, dmax = -Float.MAX_VALUE, dmin = Float.MAX_VALUE;
        for (float v : x) {
            gmax = Math.max(gmax, v);
            gmin = Math.min(gmin, v);
        }
        for (int b = 0; b < buckets; b++) {
            assertTrue(mm[0][b] <= mm[1][b]);
            dmax = Math.max(dmax, mm[1][b]);
            dmin = Math.min(dmin, mm[0][b]);
        }
        assertEquals(gmax, dmax);
        assertEquals(gmin, dmin);
        // bucket 7 covers samples [4550, 5200): brute force agrees
        float m = -Float.MAX_VALUE;
        for (int i = 4550; i < 5200; i++)
            m = Math.max(m, x[i]);
        assertEquals(m, mm[1][7]);
    }
}
