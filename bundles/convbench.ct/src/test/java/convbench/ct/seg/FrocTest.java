package convbench.ct.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import convbench.ct.api.Volume;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FROC counting and candidate finding, against figures worked out by hand. */
class FrocTest {
    @Test
    void sensitivityAtFalsePositivesPerVolume() {
        // 2 volumes, 4 lesions (0, 1 in volume 0; 2, 3 in volume 1)
        Froc f = new Froc(2, 4);
        f.add(new Froc.Mark(0, 0.95, 0)); // TP: lesion 0
        f.add(new Froc.Mark(1, 0.90, -1)); // FP 1
        f.add(new Froc.Mark(0, 0.85, 0)); // second hit of lesion 0: ignored
        f.add(new Froc.Mark(1, 0.80, 2)); // TP: lesion 2
        f.add(new Froc.Mark(0, 0.70, -1)); // FP 2
        f.add(new Froc.Mark(1, 0.60, -1)); // FP 3
        f.add(new Froc.Mark(0, 0.50, 1)); // TP: lesion 1
        f.add(new Froc.Mark(1, 0.40, -1)); // FP 4
        f.add(new Froc.Mark(1, 0.30, -1)); // FP 5
        f.add(new Froc.Mark(0, 0.20, -1)); // FP 6
        f.add(new Froc.Mark(1, 0.10, 3)); // TP: lesion 3, but after 6 FP = 3 per volume
        f.add(new Froc.Mark(0, 0.05, -1)); // FP 7
        // by threshold: 0.95 -> 1/4 at 0 FP/vol; 0.90 -> 0.5 FP/vol; 0.80 -> 2/4 at 0.5; 0.70 -> 1.0; 0.60 -> 1.5;
        // 0.50 -> 3/4 at 1.5; 0.40 -> 2.0; 0.30 -> 2.5; 0.20 -> 3.0; 0.10 -> 4/4 at 3.0; 0.05 -> 3.5
        assertEquals(0.25, f.sensitivityAt(0), 1e-12);
        assertEquals(0.5, f.sensitivityAt(1), 1e-12);
        assertEquals(0.75, f.sensitivityAt(2), 1e-12);
        assertEquals(1.0, f.sensitivityAt(4), 1e-12);
        assertEquals(0.0, new Froc(3, 2).sensitivityAt(4), 0);
        assertEquals(13, f.curve().size());
        // LUNA16's CPM: mean over 1/8, 1/4, 1/2, 1, 2, 4, 8 FP/volume of 0.25, 0.25, 0.5, 0.5, 0.75, 1, 1
        assertEquals(4.25 / 7, f.cpm(), 1e-12);
    }

    @Test
    void tiedScoresEnterTogether() {
        Froc f = new Froc(1, 1);
        f.add(new Froc.Mark(0, 0.9, -1));
        f.add(new Froc.Mark(0, 0.9, -1));
        f.add(new Froc.Mark(0, 0.9, 0));
        // all three at once: 2 FP with the hit, so at 1 FP/volume nothing is found
        assertEquals(0.0, f.sensitivityAt(1), 0);
        assertEquals(1.0, f.sensitivityAt(2), 0);
    }

    @Test
    void candidatesAreConnectedComponentsScoredByPeak() {
        Volume p = Volume.ofFloats(10, 10, 10, new double[] { 1, 1, 1 }, new double[3], Volume.identityAxes());
        // blob A: 2x2x2 at (1..2, 1..2, 1..2), peak 0.9; blob B: a diagonal (26-connected) pair, 0.6 and 0.8
        for (int k = 1; k <= 2; k++)
            for (int j = 1; j <= 2; j++)
                for (int i = 1; i <= 2; i++)
                    p.set(i, j, k, 0.7);
        p.set(2, 2, 2, 0.9);
        p.set(6, 6, 6, 0.6);
        p.set(7, 7, 7, 0.8);
        p.set(9, 0, 9, 0.49); // below the threshold
        List<Detections.Candidate> c = Detections.find(p, 0.5);
        assertEquals(2, c.size());
        assertEquals(0.9, c.get(0).score(), 1e-6);
        assertEquals(8, c.get(0).voxels());
        double wA = 7 * 0.7 + 0.9;
        assertEquals((4 * 0.7 * 1 + 3 * 0.7 * 2 + 0.9 * 2) / wA, c.get(0).centre()[0], 1e-6);
        assertEquals(0.8, c.get(1).score(), 1e-6);
        assertEquals(2, c.get(1).voxels());
        assertEquals((0.6 * 6 + 0.8 * 7) / 1.4, c.get(1).centre()[2], 1e-6);
        // LUNA16 hit test: within the radius
        Lesion l = new Lesion(new double[] { 7, 7, 7 }, new double[] { 2, 2, 2 }, 50, 0, 0, 0);
        assertEquals(true, l.contains(c.get(1).centre()));
        assertEquals(false, l.contains(c.get(0).centre()));
    }
}
