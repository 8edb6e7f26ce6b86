package convbench.face.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.face.FaceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LFW's pairs.txt format (3 folds of 2 matched + 2 mismatched pairs here) and the k-fold threshold protocol. */
class LfwPairsTest {
    private static final String PAIRS = """
            3\t2
            Abel_Pacheco\t1\t4
            Akhmed_Zakayev\t1\t3
            Abdel_Madi_Shabneh\t1\tDean_Barker\t1
            Abdel_Madi_Shabneh\t1\tGiancarlo_Fisichella\t1
            Abdullah_Gul\t13\t14
            Adrien_Brody\t2\t7
            Abdul_Rahman\t1\tPaul_Wolfowitz\t1
            Abid_Hamid_Mahmud_Al-Tikriti\t1\tAnjela_Lauren_Smith\t1
            Alan_Ball\t1\t2
            Albert_Costa\t4\t6
            Aaron_Peirsol\t3\tMichael_Phelps\t2
            Aaron_Pena\t1\tAustin_Kearns\t1
            """;

    @Test
    void parsesFoldsMatchedAndMismatched(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pairs.txt");
        Files.writeString(f, PAIRS);
        List<LfwPairs.Pair> p = LfwPairs.read(f);
        assertEquals(12, p.size());
        assertEquals(new LfwPairs.Pair(0, "Abel_Pacheco", 1, "Abel_Pacheco", 4), p.get(0));
        assertEquals(new LfwPairs.Pair(0, "Abdel_Madi_Shabneh", 1, "Giancarlo_Fisichella", 1), p.get(3));
        assertEquals(new LfwPairs.Pair(1, "Abdullah_Gul", 13, "Abdullah_Gul", 14), p.get(4));
        assertEquals(new LfwPairs.Pair(2, "Aaron_Pena", 1, "Austin_Kearns", 1), p.get(11));
        assertTrue(p.get(8).same());
        assertEquals(false, p.get(10).same());
        assertEquals(dir.resolve("Abdullah_Gul/Abdullah_Gul_0013.jpg"), LfwPairs.image(dir, "Abdullah_Gul", 13));
    }

    @Test
    void badFilesSayWhatIsWrong() {
        FaceException count = assertThrows(FaceException.class, () -> LfwPairs.parse(List.of("2\t2", "A\t1\t2"), "p.txt"));
        assertTrue(count.getMessage().contains("8 lines, the file has 1"), count.getMessage());
        FaceException shape = assertThrows(FaceException.class, () -> LfwPairs.parse(List.of("1\t1", "A\t1\tB\t2", "A\t1\t2"), "p.txt"));
        assertTrue(shape.getMessage().contains("line 2"), shape.getMessage());
    }

    @Test
    void eachFoldsThresholdComesFromTheOtherFolds() throws Exception {
        List<LfwPairs.Pair> p = LfwPairs.parse(PAIRS.lines().toList(), "pairs.txt");
        // scores in file order: per fold 2 matched, then 2 mismatched
        double[] s = {0.9, 0.8, 0.1, 0.2, /* fold 1 */ 0.7, 0.6, 0.3, 0.65, /* fold 2 */ 0.95, 0.5, 0.4, 0.42};
        boolean[] same = new boolean[s.length];
        int[] fold = new int[s.length];
        for (int k = 0; k < s.length; k++) {
            same[k] = p.get(k).same();
            fold[k] = p.get(k).fold();
        }
        LfwPairs.TenFold r = LfwPairs.evaluate(s, same, fold);
        // fold 0 tested with the threshold of folds 1+2: midway 0.42..0.5 (7 of 8 right there)
        assertArrayEquals(new double[] {0.46, 0.46, 0.45}, r.thresholds(), 1e-9);
        assertArrayEquals(new double[] {1.0, 0.75, 1.0}, r.accuracies(), 1e-12);
        assertEquals(2.75 / 3, r.mean(), 1e-12);
    }
}
