package convbench.ct.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.ct.api.Volume;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Patch sampling: the foreground oversampling ratio, reproducibility, and what a patch holds. */
class PatchSamplerTest {
    static LesionCase flatCase() {
        Volume v = Volume.ofShorts(96, 96, 64, new double[] { 1, 1, 1 }, new double[3], Volume.identityAxes());
        for (int k = 0; k < 64; k++)
            java.util.Arrays.fill(v.shortSlice(k), (short) 40);
        return LesionCase.of("flat", v, 1.0, new LesionInserter.Settings(3, 3, 100, 100, 0, 0, 2), 11);
    }

    static double share(PatchSampler s, boolean oversampledOnly, boolean withLesion) {
        int n = 0, of = 0;
        for (int i = 0; i < s.size(); i++) {
            int[] p = s.placement(i);
            if (oversampledOnly && p[4] == 0)
                continue;
            of++;
            if (!withLesion) {
                n += p[4] == 1 ? 1 : 0;
                continue;
            }
            for (float y : s.patch(i)[1])
                if (y != 0) {
                    n++;
                    break;
                }
        }
        return (double) n / of;
    }

    @Test
    void oversamplesTheForegroundAtTheChosenRatio() {
        LesionCase c = flatCase();
        assertEquals(2, c.lesions().size());
        PatchSampler half = new PatchSampler(List.of(c), 16, 2000, 0.5, 0, 1);
        assertEquals(0.5, share(half, false, false), 0.03, "share of oversampled patches");
        PatchSampler some = new PatchSampler(List.of(c), 16, 300, 0.5, 0, 2);
        assertEquals(1.0, share(some, true, true), 0, "an oversampled patch always holds lesion voxels");
        // without oversampling few patches see a lesion (two 3 mm lesions in 96 x 96 x 64 voxels)
        PatchSampler none = new PatchSampler(List.of(c), 16, 300, 0, 0, 3);
        assertEquals(0.0, share(none, false, false), 0);
        double uniform = share(none, false, true);
        assertTrue(uniform < 0.2, "uniform patches with a lesion: " + uniform);
    }

    @Test
    void patchesAreReproducibleInsideTheVolumeAndNormalised() {
        LesionCase c = flatCase();
        PatchSampler s = new PatchSampler(List.of(c), 16, 50, 0.5, 0, 4);
        for (int i = 0; i < 50; i++) {
            int[] p = s.placement(i);
            assertArrayEquals(p, s.placement(i));
            assertTrue(p[1] >= 0 && p[1] + 16 <= 96 && p[3] >= 0 && p[3] + 16 <= 64, java.util.Arrays.toString(p));
        }
        float[][] xy = s.patch(0);
        assertEquals(16 * 16 * 16, xy[0].length);
        // the window -200..300 HU: 50 HU is 0 after normalisation; air saturates at -2, bone at +2
        assertEquals(0f, PatchSampler.normalise(50));
        assertEquals(-1.6f, PatchSampler.normalise(-150), 1e-6f);
        assertEquals(-2f, PatchSampler.normalise(-1000));
        assertEquals(2f, PatchSampler.normalise(1500));
        for (int t = 0; t < xy[0].length; t++)
            if (xy[1][t] == 0 && xy[0][t] != 0)
                assertTrue(Math.abs(xy[0][t]) < 1.01, "background voxel " + xy[0][t]);
    }

    /** A tissue block (60 HU) in air with one lesion inside: rims are the block's surface, never the lesion. */
    static LesionCase blockCase() {
        Volume v = Volume.ofShorts(64, 64, 48, new double[] { 1, 1, 1 }, new double[3], Volume.identityAxes());
        for (int k = 0; k < 48; k++)
            for (int j = 0; j < 64; j++)
                for (int i = 0; i < 64; i++)
                    v.shortSlice(k)[j * 64 + i] = v.toStored(i >= 16 && i < 48 && j >= 16 && j < 48 && k >= 8 && k < 40 ? 60 : -1000);
        return LesionCase.of("block", v, 1.0, new LesionInserter.Settings(4, 4, 80, 80, 0, 0, 1), 5);
    }

    @Test
    void hardNegativesLieOnTissueRimsAndMinedFalsePositives() {
        LesionCase c = blockCase();
        assertEquals(1, c.lesions().size());
        PatchSampler s = new PatchSampler(List.of(c), 16, 1000, 0.2, 0.5, 7);
        int hard = 0, lesion = 0;
        for (int i = 0; i < s.size(); i++) {
            int[] p = s.placement(i);
            if (p[4] == 1)
                lesion++;
            if (p[4] != 2)
                continue;
            hard++;
            // a rim voxel at the patch's centre give or take a quarter patch: the patch reaches the block's surface
            boolean touches = false;
            for (int a = 1; a <= 3 && !touches; a++) {
                int lo = a == 3 ? 8 : 16, hi = a == 3 ? 39 : 47;
                touches = (p[a] <= lo && p[a] + 16 > lo) || (p[a] <= hi && p[a] + 16 > hi);
            }
            assertTrue(touches, "hard negative patch off the block's surface: " + java.util.Arrays.toString(p));
        }
        assertEquals(0.5, hard / 1000.0, 0.05);
        assertEquals(0.2, lesion / 1000.0, 0.05);
        // mined false positives: half the hard negatives are centred (give or take a quarter patch) on them
        PatchSampler mined = s.withMined(List.of(List.<int[]>of(new int[] { 30, 30, 12 })));
        int near = 0;
        for (int i = 0; i < mined.size(); i++) {
            int[] p = mined.placement(i);
            if (p[4] == 2 && Math.abs(p[1] + 8 - 30) <= 4 && Math.abs(p[2] + 8 - 30) <= 4 && Math.abs(p[3] + 8 - 12) <= 4)
                near++;
        }
        assertEquals(0.25, near / 1000.0, 0.05);
        assertThrows(IllegalArgumentException.class, () -> new PatchSampler(List.of(c), 16, 10, 0.6, 0.5, 1));
    }
}
