package convbench.face.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The comparison's bookkeeping: distinct identity splits, every mode on the same splits and seeds, the paired
 * difference to random triplets; and the drawn augmentations beyond the hand-picked ones.
 */
class MiningComparisonTest {
    /** Five people with three "photos" of four chips each: a cluster per person in 8 dimensions, plus noise. */
    static EmbeddingSet clusters(long seed) {
        Random r = new Random(seed);
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> sources = new ArrayList<>(), augs = new ArrayList<>();
        for (int id = 0; id < 5; id++) {
            float[] centre = new float[8];
            for (int k = 0; k < 8; k++)
                centre[k] = (float) r.nextGaussian();
            for (int photo = 0; photo < 3; photo++)
                for (int chip = 0; chip < 4; chip++) {
                    float[] x = centre.clone();
                    for (int k = 0; k < 8; k++)
                        x[k] += (float) (0.6 * r.nextGaussian());
                    rows.add(x);
                    labels.add(id);
                    sources.add("p" + id + "/" + photo + ".jpg");
                    augs.add("a" + chip);
                }
        }
        return new EmbeddingSet("test", List.of("p0", "p1", "p2", "p3", "p4"), rows.toArray(float[][]::new),
                labels.stream().mapToInt(Integer::intValue).toArray(), sources.toArray(String[]::new), augs.toArray(String[]::new));
    }

    @Test
    void splitsAreDistinctHeldOutSets() {
        List<int[]> s = MiningComparison.splits(clusters(1), 0.4, 10);
        assertEquals(10, s.size(), "five people, two held out: ten different pairs");
        Set<String> seen = new HashSet<>();
        for (int[] held : s) {
            assertEquals(2, held.length);
            assertTrue(seen.add(Arrays.toString(held)));
        }
        assertEquals(10, MiningComparison.splits(clusters(1), 0.4, 50).size(), "no more splits than there are");
    }

    @Test
    void everyModeRunsOnTheSameSplitsAndIsComparedWithRandom() throws Exception {
        SiameseTrainer.Config base = new SiameseTrainer.Config(SiameseHead.Loss.TRIPLET, Mining.RANDOM, new int[] {4}, true, 0.2,
                1e-2, 2, 3, 4, 1);
        MiningComparison.Result r = MiningComparison.run(clusters(2), 0.4, 2, 1, base, List.of("batch-hard", "random", "binary"),
                (d, t, last) -> { }, () -> false);
        assertEquals(2, r.splits().size());
        assertEquals(6, r.runs().size());
        for (MiningComparison.Run run : r.runs())
            assertTrue(run.heldOutAuc() >= 0 && run.heldOutAuc() <= 1 && run.heldOut().size() == 2, run.toString());
        MiningComparison.Summary hard = r.summaries().get(0), random = r.summaries().get(1);
        assertEquals("batch-hard", hard.mode());
        double[] diff = new double[2];
        for (int s = 1; s <= 2; s++) {
            int split = s;
            double h = r.runs().stream().filter(x -> x.mode().equals("batch-hard") && x.split() == split).findFirst().orElseThrow().heldOutAuc();
            double q = r.runs().stream().filter(x -> x.mode().equals("random") && x.split() == split).findFirst().orElseThrow().heldOutAuc();
            diff[s - 1] = h - q;
        }
        assertEquals((diff[0] + diff[1]) / 2, hard.vsRandomMean(), 1e-12);
        assertEquals(Math.abs(diff[0] - diff[1]) / Math.sqrt(2), hard.vsRandomSd(), 1e-12);
        assertTrue(Double.isNaN(random.vsRandomMean()), "random is not compared with itself");
        assertThrows(IllegalArgumentException.class, () -> MiningComparison.run(clusters(2), 0.4, 1, 1, base, List.of("hardest"),
                (d, t, last) -> { }, () -> false));
    }

    /** Contrast scales every pixel's distance to the chip's mean grey level; brightness then scales the result. */
    @Test
    void contrastScalesAboutTheMeanGreyLevel() {
        float[] px = new float[4 * 4 * 3];
        for (int k = 0; k < px.length; k++)
            px[k] = 40 + 10 * (k % 7);
        double mean = 0;
        for (float p : px)
            mean += p;
        mean /= px.length;
        convbench.face.RgbImage chip = new convbench.face.RgbImage(4, 4, px);
        float[] half = ChipAugmenter.apply(chip, new ChipAugmenter.Variant("c", false, 0, 1, 0, 0, 1, 0.5)).data();
        float[] darker = ChipAugmenter.apply(chip, new ChipAugmenter.Variant("c", false, 0, 1, 0, 0, 0.8, 0.5)).data();
        for (int k = 0; k < px.length; k++) {
            assertEquals(mean + (px[k] - mean) * 0.5, half[k], 1e-3);
            assertEquals(0.8 * half[k], darker[k], 1e-3);
        }
    }

    @Test
    void drawnAugmentationsAreFixedAndExtendTheHandPickedOnes() {
        List<ChipAugmenter.Variant> twenty = ChipAugmenter.first(20);
        assertEquals(ChipAugmenter.VARIANTS, twenty.subList(0, ChipAugmenter.VARIANTS.size()));
        assertEquals(twenty.subList(0, 16), ChipAugmenter.first(16), "variant k does not depend on how many are asked for");
        assertEquals(20, twenty.stream().map(ChipAugmenter.Variant::name).distinct().count());
        for (ChipAugmenter.Variant v : twenty.subList(12, 20)) {
            assertTrue(Math.abs(v.degrees()) <= 12 && v.zoom() >= 0.9 && v.zoom() <= 1.15 && v.brightness() >= 0.7
                    && v.brightness() <= 1.3 && v.contrast() >= 0.7 && v.contrast() <= 1.3, v.toString());
        }
        assertTrue(twenty.subList(12, 20).stream().anyMatch(v -> v.contrast() != 1), "drawn variants change the contrast");
        assertTrue(ChipAugmenter.VARIANTS.stream().allMatch(v -> v.contrast() == 1), "the hand-picked ones keep it");
        assertNotEquals(twenty.get(12), twenty.get(13));
        assertThrows(IllegalArgumentException.class, () -> ChipAugmenter.first(ChipAugmenter.MAX + 1));
    }
}
