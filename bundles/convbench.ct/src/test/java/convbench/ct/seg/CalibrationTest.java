package convbench.ct.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.ct.api.Volume;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tissue mask's geometry and the operating point chosen on calibration cases with hand-made probabilities. */
class CalibrationTest {
    @Test
    void maskKeepsTheBlockInteriorAndDropsItsRimAndTheAir() {
        LesionCase c = PatchSamplerTest.blockCase();
        Volume mask = TissueMask.of(c.image(), 3, TissueMask.SHARE);
        assertTrue(TissueMask.contains(mask, c.lesions().get(0).centre()), "the lesion centre is searched");
        assertTrue(TissueMask.contains(mask, new double[] { 32, 32, 24 }));
        assertFalse(TissueMask.contains(mask, new double[] { 5, 5, 5 }), "air");
        // on a face half the cube is air (4/7 tissue), one voxel in 5/7, two voxels in 6/7 >= 0.8
        assertFalse(TissueMask.contains(mask, new double[] { 16, 32, 24 }));
        assertFalse(TissueMask.contains(mask, new double[] { 17, 32, 24 }));
        assertTrue(TissueMask.contains(mask, new double[] { 18, 32, 24 }));
        assertTrue(TissueMask.contains(mask, new double[] { 45, 32, 24 }));
        assertFalse(TissueMask.contains(mask, new double[] { 46, 32, 24 }));
        // inside the interior 28^3 of 64 x 64 x 48, less its edges (two axes at 6/7: 0.73 < 0.8), more than the inner 26^3
        double c28 = 28.0 * 28 * 28 / (64 * 64 * 48), edges = 12 * 26 / (64.0 * 64 * 48) + 8 / (64.0 * 64 * 48);
        assertEquals(c28 - edges, TissueMask.coverage(mask), 1e-9);
        assertEquals(3, TissueMask.halfWidth(new LesionInserter.Settings(5, 10, 40, 100, 1, 0.5, 4), 2.0));
    }

    @Test
    void choosesTheSizeThatDropsFalsePositivesAndTheThresholdThatKeepsTheLesion() {
        LesionCase c = PatchSamplerTest.blockCase();
        Volume p = Volume.ofFloats(64, 64, 48, new double[] { 1, 1, 1 }, new double[3], Volume.identityAxes());
        int lesionVoxels = 0;
        for (int k = 0; k < 48; k++)
            for (int t = 0; t < 64 * 64; t++)
                if (c.labels().shortSlice(k)[t] != 0) {
                    p.floatSlice(k)[t] = 0.7f;
                    lesionVoxels++;
                }
        // a confident 3 x 3 x 3 false positive and a single-voxel one, both above the lesion's score
        for (int k = 40; k < 43; k++)
            for (int j = 2; j < 5; j++)
                for (int i = 2; i < 5; i++)
                    p.floatSlice(k)[j * 64 + i] = 0.95f;
        p.floatSlice(2)[60 * 64 + 60] = 0.99f;
        assertTrue(lesionVoxels > 32, "lesion voxels " + lesionVoxels);
        Calibration.Choice choice = Calibration.choose(List.of(c), List.of(p));
        // only components of >= 32 voxels leave the lesion alone; thresholds above 0.7 lose it; ties keep the lowest
        assertEquals(new LesionSegmenter.Thresholds(0.3, 0.3, 32), choice.thresholds());
        assertEquals(1.0, (double) choice.figures().get("cpm"), 1e-12);
        assertEquals(2.0 * lesionVoxels / (2.0 * lesionVoxels + 28), (double) choice.figures().get("dice"), 1e-12);
    }
}
