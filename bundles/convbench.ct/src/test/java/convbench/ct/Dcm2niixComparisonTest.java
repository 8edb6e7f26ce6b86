package convbench.ct;

import static org.junit.jupiter.api.Assertions.*;

import convbench.ct.api.Geometry;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.Nifti;
import convbench.ct.api.SeriesLoader;
import convbench.ct.api.Volume;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer check: dcm2niix (Debian) converts both dcm_qa_ct series; ConvBench's volumes must hold the same voxels
 * once axes are matched (dcm2niix flips the rows to make NIfTI's y run anterior-wards).
 */
class Dcm2niixComparisonTest {
    @TempDir
    Path tmp;

    @Test
    void plainSeriesEqualsDcm2niixVoxelForVoxel() throws Exception {
        TestData.dcm2niix(TestData.plainSeries(), tmp);
        Volume peer = Nifti.read(tmp.resolve("STD_BRAIN_5MM_201.nii"));
        LoadedSeries ours = new SeriesLoader(TestData.TOOLKIT).load(TestData.onlySeries(TestData.plainSeries()));
        int[][] map = axisMap(ours.volume(), peer);
        assertEquals(0, countDifferences(ours.volume(), peer, map), "voxels differing from dcm2niix");
        // same place in the patient: our first voxel is where dcm2niix puts the matching one
        double[] a = ours.volume().world(0, 0, 0);
        double[] b = peer.world(map[0][1] < 0 ? peer.nx() - 1 : 0, map[1][1] < 0 ? peer.ny() - 1 : 0, map[2][1] < 0 ? peer.nz() - 1 : 0);
        assertTrue(Geometry.norm(Geometry.sub(a, b)) < 0.01, "origin differs: " + java.util.Arrays.toString(a) + " vs " + java.util.Arrays.toString(b));
        assertArrayEquals(ours.volume().spacing(), peer.spacing(), 1e-4);
    }

    @Test
    void tiltedSeriesKeptShearedEqualsDcm2niixAndDeTiltedMatchesItsTiltCorrection() throws Exception {
        TestData.dcm2niix(TestData.tiltedSeries(), tmp);
        var series = TestData.onlySeries(TestData.tiltedSeries());
        SeriesLoader loader = new SeriesLoader(TestData.TOOLKIT);

        // as acquired: the same 512 x 512 x 54 voxels dcm2niix writes before its tilt correction
        LoadedSeries sheared = loader.load(series, SeriesLoader.Options.defaults().withDeTilt(false), (f, m) -> { });
        Volume peer = Nifti.read(tmp.resolve("STEREOTAXIS_201.nii"));
        assertEquals(0, countDifferences(sheared.volume(), peer, axisMap(sheared.volume(), peer)), "voxels differing from dcm2niix");

        // de-tilted: compare with dcm2niix's _Tilt_1 file where both grids put a voxel at the same patient position
        LoadedSeries ours = loader.load(series);
        Volume corrected = Nifti.read(tmp.resolve("STEREOTAXIS_201_Tilt_1.nii"));
        assertEquals(corrected.nx() * corrected.ny() * corrected.nz(), ours.volume().nx() * ours.volume().ny() * ours.volume().nz(),
                "de-tilted grid size: ours " + ours.volume() + ", dcm2niix " + corrected);
        long compared = 0, within1 = 0;
        double sumAbs = 0;
        Volume v = ours.volume();
        for (int k = 0; k < v.nz(); k += 3)
            for (int j = 0; j < v.ny(); j += 2)
                for (int i = 0; i < v.nx(); i += 2) {
                    double[] idx = corrected.index(v.world(i, j, k));
                    int pi = (int) Math.round(idx[0]), pj = (int) Math.round(idx[1]), pk = (int) Math.round(idx[2]);
                    if (pi < 0 || pj < 0 || pk < 0 || pi >= corrected.nx() || pj >= corrected.ny() || pk >= corrected.nz())
                        continue;
                    if (Math.abs(idx[0] - pi) > 0.05 || Math.abs(idx[1] - pj) > 0.05 || Math.abs(idx[2] - pk) > 0.05)
                        continue;
                    double d = Math.abs(v.get(i, j, k) - corrected.get(pi, pj, pk));
                    compared++;
                    sumAbs += d;
                    if (d <= 1)
                        within1++;
                }
        long sampled = (long) ((v.nz() + 2) / 3) * ((v.ny() + 1) / 2) * ((v.nx() + 1) / 2);
        String stats = String.format(Locale.ROOT, "%d of %d sampled voxels on shared grid points, %.4f within 1 HU, mean |diff| %.3f HU",
                compared, sampled, within1 / (double) compared, sumAbs / compared);
        System.out.println("de-tilt vs dcm2niix _Tilt_1: " + stats);
        assertTrue(compared > 0.9 * sampled, stats);
        // both interpolate linearly on the same grid; only rounding of the interpolated HU differs
        assertTrue(within1 > 0.99 * compared, stats);
        assertTrue(sumAbs / compared < 0.1, stats);
    }

    /**
     * For each of our axes: the peer axis pointing the same way (or opposite: sign -1). Axes are matched by
     * direction, so a flip or permutation is undone and anything else fails.
     */
    static int[][] axisMap(Volume ours, Volume peer) {
        int[][] map = new int[3][2];
        for (int c = 0; c < 3; c++) {
            double best = 0;
            for (int p = 0; p < 3; p++) {
                double d = Geometry.dot(ours.axis(c), peer.axis(p));
                if (Math.abs(d) > Math.abs(best)) {
                    best = d;
                    map[c][0] = p;
                }
            }
            assertTrue(Math.abs(best) > 0.9, "our axis " + c + " has no counterpart in dcm2niix's affine");
            map[c][1] = best > 0 ? 1 : -1;
        }
        int[] ourDims = ours.dims(), peerDims = peer.dims();
        for (int c = 0; c < 3; c++)
            assertEquals(peerDims[map[c][0]], ourDims[c], "size along axis " + c);
        return map;
    }

    static long countDifferences(Volume ours, Volume peer, int[][] map) {
        int[] pd = peer.dims();
        long diff = 0;
        int[] idx = new int[3];
        for (int k = 0; k < ours.nz(); k++)
            for (int j = 0; j < ours.ny(); j++)
                for (int i = 0; i < ours.nx(); i++) {
                    int[] o = { i, j, k };
                    for (int c = 0; c < 3; c++)
                        idx[map[c][0]] = map[c][1] > 0 ? o[c] : pd[map[c][0]] - 1 - o[c];
                    if (ours.get(i, j, k) != peer.get(idx[0], idx[1], idx[2]))
                        diff++;
                }
        return diff;
    }
}
