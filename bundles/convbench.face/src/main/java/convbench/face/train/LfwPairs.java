package convbench.face.train;

import convbench.face.FaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LFW's verification protocol. {@code pairs.txt}: a header "folds n" (or "n" alone, as pairsDevTrain.txt), then for
 * each fold n matched lines "name i j" followed by n mismatched lines "name1 i name2 j" (tab-separated); image i of
 * a person is {@code root/name/name_000i.jpg}. The 10-fold protocol: for each fold, the threshold is the one with the
 * best accuracy on the other nine folds, and the accuracy is measured on the fold; mean and standard deviation over
 * the folds are reported.
 */
public final class LfwPairs {
    /** One pair; fold counts from 0. */
    public record Pair(int fold, String name1, int image1, String name2, int image2) {
        public boolean same() {
            return name1.equals(name2);
        }
    }

    /** Per-fold thresholds and accuracies, on the score scale (higher = same). */
    public record TenFold(double[] thresholds, double[] accuracies, double mean, double std) {
        public Map<String, Object> toMap(boolean distance) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("folds", accuracies.length);
            m.put("meanAccuracy", mean);
            m.put("std", std);
            m.put("accuracies", accuracies);
            m.put("thresholds", distance ? Arrays.stream(thresholds).map(t -> -t).toArray() : thresholds);
            return m;
        }
    }

    private LfwPairs() {
    }

    public static List<Pair> read(Path file) throws FaceException {
        try {
            return parse(Files.readAllLines(file), file.toString());
        } catch (IOException e) {
            throw new FaceException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<Pair> parse(List<String> lines, String source) throws FaceException {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNo = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++)
            if (!lines.get(k).isBlank()) {
                rows.add(lines.get(k).strip().split("\\s+"));
                lineNo.add(k + 1);
            }
        if (rows.isEmpty())
            throw new FaceException(source + ": empty pairs file");
        String[] h = rows.get(0);
        int folds, n;
        try {
            folds = h.length == 2 ? Integer.parseInt(h[0]) : 1;
            n = Integer.parseInt(h[h.length - 1]);
        } catch (NumberFormatException e) {
            throw new FaceException(source + ": line 1 should be 'folds pairs-per-class' (LFW pairs.txt), got '"
                    + String.join(" ", h) + "'");
        }
        if (h.length > 2 || folds < 1 || n < 1)
            throw new FaceException(source + ": bad header '" + String.join(" ", h) + "'");
        if (rows.size() - 1 != folds * 2 * n)
            throw new FaceException(source + ": header says " + folds + " folds of " + n + " matched + " + n
                    + " mismatched pairs = " + folds * 2 * n + " lines, the file has " + (rows.size() - 1));
        List<Pair> pairs = new ArrayList<>();
        for (int k = 1; k < rows.size(); k++) {
            String[] r = rows.get(k);
            int fold = (k - 1) / (2 * n);
            boolean matched = (k - 1) % (2 * n) < n;
            try {
                if (matched && r.length == 3)
                    pairs.add(new Pair(fold, r[0], Integer.parseInt(r[1]), r[0], Integer.parseInt(r[2])));
                else if (!matched && r.length == 4)
                    pairs.add(new Pair(fold, r[0], Integer.parseInt(r[1]), r[2], Integer.parseInt(r[3])));
                else
                    throw new NumberFormatException("expected " + (matched ? "'name i j'" : "'name1 i name2 j'"));
            } catch (NumberFormatException e) {
                throw new FaceException(source + " line " + lineNo.get(k) + ": " + e.getMessage() + ", got '"
                        + String.join(" ", r) + "'");
            }
        }
        return pairs;
    }

    /** {@code root/name/name_%04d.jpg}, LFW's file naming. */
    public static Path image(Path root, String name, int index) {
        return root.resolve(name).resolve(String.format("%s_%04d.jpg", name, index));
    }

    /**
     * The k-fold protocol on pair scores (higher = same).
     *
     * @param fold the fold of every pair, 0..k-1
     */
    public static TenFold evaluate(double[] scores, boolean[] same, int[] fold) {
        int k = Arrays.stream(fold).max().orElse(-1) + 1;
        if (k < 2)
            throw new IllegalArgumentException("the fold protocol needs two folds or more");
        double[] th = new double[k], acc = new double[k];
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
            for (int p = 0; p < scores.length; p++)
                (fold[p] == f ? test : train).add(p);
            th[f] = bestThreshold(scores, same, train);
            acc[f] = accuracy(scores, same, test, th[f]);
        }
        double mean = Arrays.stream(acc).average().orElse(Double.NaN);
        double var = Arrays.stream(acc).map(a -> (a - mean) * (a - mean)).sum() / k;
        return new TenFold(th, acc, mean, Math.sqrt(var));
    }

    /** The threshold (midway between neighbouring scores) with the best accuracy on the given pairs. */
    static double bestThreshold(double[] scores, boolean[] same, List<Integer> pairs) {
        double[] s = pairs.stream().mapToDouble(p -> scores[p]).sorted().distinct().toArray();
        if (s.length == 0)
            throw new IllegalArgumentException("no pairs to choose a threshold on");
        double best = s[0] - 1, bestAcc = accuracy(scores, same, pairs, best);
        for (int k = 0; k < s.length; k++) {
            double t = k + 1 < s.length ? (s[k] + s[k + 1]) / 2 : s[k] + 1;
            double a = accuracy(scores, same, pairs, t);
            if (a > bestAcc) {
                bestAcc = a;
                best = t;
            }
        }
        return best;
    }

    static double accuracy(double[] scores, boolean[] same, List<Integer> pairs, double threshold) {
        if (pairs.isEmpty())
            return Double.NaN;
        int ok = 0;
        for (int p : pairs)
            if ((scores[p] >= threshold) == same[p])
                ok++;
        return (double) ok / pairs.size();
    }
}
