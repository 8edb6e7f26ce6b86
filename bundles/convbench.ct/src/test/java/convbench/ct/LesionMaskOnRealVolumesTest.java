package convbench.ct;

import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.ct.api.InVesaliusProject;
import convbench.ct.api.Volume;
import convbench.ct.seg.Lesion;
import convbench.ct.seg.LesionCase;
import convbench.ct.seg.LesionInserter;
import convbench.ct.seg.Resample;
import convbench.ct.seg.TissueMask;
import convbench.ct.api.SeriesLoader;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The lesion search mask on the real volumes: every lesion the inserter places (several draws) has its centre inside,
 * while the mask leaves out most of each volume (air, bone and the partial-volume rims of the phantom's shell and
 * inserts), so the detector is not asked about places no lesion can be.
 */
class LesionMaskOnRealVolumesTest {
    @Test
    void everyInsertedLesionLiesInTheMaskAndMostOfTheVolumeDoesNot() throws Exception {
        LesionInserter.Settings s = LesionInserter.Settings.defaults();
        int h = TissueMask.halfWidth(s, 2.0);
        Volume head = InVesaliusProject.read(TestData.shared("ct/invesalius/Cranium.inv3")).volume();
        Volume plain = new SeriesLoader(TestData.TOOLKIT).load(TestData.onlySeries(TestData.plainSeries())).volume();
        Volume tilted = new SeriesLoader(TestData.TOOLKIT).load(TestData.onlySeries(TestData.tiltedSeries())).volume();
        for (Volume v : new Volume[] { head, plain, tilted }) {
            Volume grid = Resample.isotropic(v, 2.0);
            int lesions = 0;
            double coverage = 0;
            for (long seed = 1; seed <= 4; seed++) {
                LesionCase c = LesionCase.of(v.description(), grid, 2.0, s, seed);
                Volume mask = TissueMask.of(c.image(), h, TissueMask.SHARE);
                coverage = TissueMask.coverage(mask);
                for (Lesion l : c.lesions()) {
                    lesions++;
                    assertTrue(TissueMask.contains(mask, l.centre()), v.description() + ", draw " + seed + ": lesion at "
                            + Arrays.toString(l.centre()) + " outside the mask");
                }
            }
            assertTrue(lesions >= 4, v.description() + ": only " + lesions + " lesions in 4 draws");
            assertTrue(coverage > 0.002 && coverage < 0.35, v.description() + ": mask covers " + coverage);
            System.out.printf("%s: %d lesions in 4 draws, all in the mask; mask %.1f %% of the 2 mm grid%n", v.description(), lesions,
                    100 * coverage);
        }
    }
}
