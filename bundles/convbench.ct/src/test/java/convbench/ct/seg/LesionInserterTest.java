package convbench.ct.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.ct.api.Volume;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Lesion insertion on synthetic volumes whose answers are known: contrast, radius, blur, noise, placement. */
class LesionInserterTest {
    /** A 48^3 volume of 40 HU tissue with Gaussian noise of sigma 15 HU, 1 mm voxels. */
    static Volume tissue(double sigma, long seed) {
        Volume v = Volume.ofShorts(48, 48, 48, new double[] { 1, 1, 1 }, new double[3], Volume.identityAxes());
        Random r = new Random(seed);
        for (int k = 0; k < 48; k++)
            for (int t = 0; t < 48 * 48; t++)
                v.shortSlice(k)[t] = v.toStored(40 + sigma * r.nextGaussian());
        return v;
    }

    static Volume labels(Volume v) {
        return Volume.ofShorts(v.nx(), v.ny(), v.nz(), v.spacing(), v.origin(), v.axes()).kind(Volume.Kind.LABEL);
    }

    @Test
    void contrastRadiusAndMatchedNoise() {
        Volume v = tissue(15, 1), lab = labels(v);
        Lesion l = new Lesion(new double[] { 24, 24, 24 }, new double[] { 8, 8, 8 }, 80, 0, Double.NaN, Double.NaN);
        Lesion done = LesionInserter.insert(v, lab, l, new Random(2));
        assertEquals(40, done.backgroundHu(), 1.5, "local background");
        assertEquals(15, done.noiseSigmaHu(), 1.5, "local noise estimate");
        // inside (away from the partial-volume rim): background + contrast, with noise of the background's level
        double s = 0, s2 = 0;
        int n = 0;
        long labelled = 0;
        for (int k = 0; k < 48; k++)
            for (int j = 0; j < 48; j++)
                for (int i = 0; i < 48; i++) {
                    if (lab.get(i, j, k) != 0)
                        labelled++;
                    if (l.normalisedDistance2(i, j, k) < 0.7 * 0.7) {
                        double x = v.get(i, j, k);
                        s += x;
                        s2 += x * x;
                        n++;
                    }
                }
        double mean = s / n, sd = Math.sqrt(s2 / n - mean * mean);
        assertEquals(120, mean, 2, "interior = background 40 + contrast 80");
        assertEquals(15, sd, 1.5, "interior noise matches the surroundings");
        assertEquals(4.0 / 3 * Math.PI * 512, labelled, 0.03 * 4.0 / 3 * Math.PI * 512, "label volume = sphere volume");
        // outside the lesion nothing changed
        Volume before = tissue(15, 1);
        assertEquals(before.get(2, 2, 2), v.get(2, 2, 2));
        assertEquals(0, lab.get(24, 24, 24 + 9), 0);
        assertEquals(1, lab.get(24, 24, 24 + 7), 0);
    }

    /** Edge profile of a large noiseless sphere along i through its centre, as the fraction of the contrast. */
    static double[] profile(double blurMm) {
        Volume v = tissue(0, 1), lab = labels(v);
        Lesion l = new Lesion(new double[] { 24, 24, 24 }, new double[] { 12, 12, 12 }, 100, blurMm, Double.NaN, Double.NaN);
        LesionInserter.insert(v, lab, l, new Random(3));
        double[] p = new double[48];
        for (int i = 0; i < 48; i++)
            p[i] = (v.get(i, 24, 24) - 40) / 100.0;
        return p;
    }

    /** Distance (voxels) between the 10 % and 90 % points of the falling edge after the centre, linearly interpolated. */
    static double edgeWidth(double[] p) {
        return crossing(p, 0.1) - crossing(p, 0.9);
    }

    static double crossing(double[] p, double level) {
        for (int i = 24; i < p.length - 1; i++)
            if (p[i] >= level && p[i + 1] < level)
                return i + (p[i] - level) / (p[i] - p[i + 1]);
        throw new AssertionError("no crossing of " + level);
    }

    @Test
    void blurWidensTheEdgeAsAGaussianOfTheChosenSigma() {
        double[] sharp = profile(0), blurred = profile(2);
        // no blur: only the one-voxel partial-volume rim (interpolated 10-90 %: 1.6 voxels when the rim voxel is half
        // full); sigma 2: the 10-90 % width of an error-function edge, 2.56 sigma
        assertTrue(edgeWidth(sharp) <= 1.7, "sharp edge " + edgeWidth(sharp));
        assertEquals(2.56 * 2, edgeWidth(blurred), 0.6, "blurred edge");
        // half height where the radius says (12 voxels from the centre); blurring a sphere moves it in by about
        // sigma^2 / R (the curvature), and the centre keeps its full contrast
        assertEquals(36, crossing(sharp, 0.5), 0.15);
        assertEquals(36 - 4.0 / 12, crossing(blurred, 0.5), 0.15);
        assertEquals(1.0, blurred[24], 0.01);
    }

    @Test
    void placesLesionsOnlyInTissueNeverInAirAndApart() {
        // left half air (-1000 HU), right half tissue
        Volume v = tissue(10, 4);
        for (int k = 0; k < 48; k++)
            for (int j = 0; j < 48; j++)
                for (int i = 0; i < 24; i++)
                    v.set(i, j, k, -1000);
        LesionInserter.Settings s = new LesionInserter.Settings(3, 5, 50, 60, 0.5, 0.5, 3);
        List<Lesion> placed = LesionInserter.place(v, s, new Random(5));
        assertFalse(placed.isEmpty());
        for (Lesion l : placed) {
            assertTrue(l.centre()[0] - l.radii()[0] >= 24, "lesion reaches into air: " + java.util.Arrays.toString(l.centre()));
            assertTrue(l.maxRadius() >= 3 * 0.6 - 1e-9 && l.maxRadius() <= 5 * 1.4 + 1e-9);
            assertTrue(l.contrastHu() >= 50 && l.contrastHu() <= 60);
        }
        for (int a = 0; a < placed.size(); a++)
            for (int b = a + 1; b < placed.size(); b++) {
                double d = 0;
                for (int c = 0; c < 3; c++)
                    d += Math.pow(placed.get(a).centre()[c] - placed.get(b).centre()[c], 2);
                assertTrue(Math.sqrt(d) > placed.get(a).maxRadius() + placed.get(b).maxRadius(), "lesions overlap");
            }
        // an all-air volume has no room: the case says so rather than inserting into air
        Volume air = tissue(0, 1);
        for (int k = 0; k < 48; k++)
            java.util.Arrays.fill(air.shortSlice(k), air.toStored(-1000));
        assertTrue(LesionInserter.place(air, s, new Random(6)).isEmpty());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LesionCase.of("air.nii", air, 1.0, s, 1));
        assertTrue(e.getMessage().contains("air.nii") && e.getMessage().contains("no room"), e.getMessage());
    }

    @Test
    void caseResamplesToTheTaskGridAndLabelsEveryLesion() {
        Volume v = Volume.ofShorts(64, 64, 20, new double[] { 0.5, 0.5, 2.5 }, new double[] { 10, 20, 30 }, Volume.identityAxes());
        for (int k = 0; k < 20; k++)
            java.util.Arrays.fill(v.shortSlice(k), (short) 30);
        LesionCase c = LesionCase.of("flat", v, 1.0, new LesionInserter.Settings(3, 3, 100, 100, 0, 0, 1), 9);
        assertEquals(32, c.image().nx());
        assertEquals(48, c.image().nz());
        assertEquals(1.0, c.image().spacing()[2], 1e-12);
        assertEquals(10, c.image().origin()[0], 1e-12);
        assertEquals(1, c.lesions().size());
        assertEquals(4.0 / 3 * Math.PI * 27, c.foregroundVoxels(), 0.12 * 4.0 / 3 * Math.PI * 27);
        Lesion l = c.lesions().get(0);
        assertEquals(130, c.image().get((int) Math.round(l.centre()[0]), (int) Math.round(l.centre()[1]), (int) Math.round(l.centre()[2])), 1);
    }
}
