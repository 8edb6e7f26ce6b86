package convbench.ct.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
                n += p[4];
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
        PatchSampler half = new PatchSampler(List.of(c), 16, 2000, 0.5, 1);
        assertEquals(0.5, share(half, false, false), 0.03, "share of oversampled patches");
        PatchSampler some = new PatchSampler(List.of(c), 16, 300, 0.5, 2);
        assertEquals(1.0, share(some, true, true), 0, "an oversampled patch always holds lesion voxels");
        // without oversampling few patches see a lesion (two 3 mm lesions in 96 x 96 x 64 voxels)
        PatchSampler none = new PatchSampler(List.of(c), 16, 300, 0, 3);
        assertEquals(0.0, share(none, false, false), 0);
        double uniform = share(none, false, true);
        assertTrue(uniform < 0.2, "uniform patches with a lesion: " + uniform);
    }

    @Test
    void patchesAreReproducibleInsideTheVolumeAndNormalised() {
        LesionCase c = flatCase();
        PatchSampler s = new PatchSampler(List.of(c), 16, 50, 0.5, 4);
        for (int i = 0; i < 50; i++) {
            int[] p = s.placement(i);
            assertArrayEquals(p, s.placement(i));
            assertTrue(p[1] >= 0 && p[1] + 16 <= 96 && p[3] >= 0 && p[3] + 16 <= 64, java.util.Arrays.toString(p));
        }
        float[][] xy = s.patch(0);
        assertEquals(16 * 16 * 16, xy[0].length);
        // tissue at 40 HU is 0 after normalisation; air saturates at -2, far above soft tissue at +2
        assertEquals(0f, PatchSampler.normalise(40));
        assertEquals(-2f, PatchSampler.normalise(-1000));
        assertEquals(2f, PatchSampler.normalise(1500));
        for (int t = 0; t < xy[0].length; t++)
            if (xy[1][t] == 0 && xy[0][t] != 0)
                assertTrue(Math.abs(xy[0][t]) < 1.01, "background voxel " + xy[0][t]);
    }
}
