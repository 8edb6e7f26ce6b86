package convbench.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Example orders for one epoch. Every order depends only on (seed, epoch), never on a random generator carried
 * from epoch to epoch, so a run resumed at epoch e sees exactly the batches an uninterrupted run would.
 */
public final class Sampling {
    private Sampling() {
    }

    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++)
            order[i] = i;
        return order;
    }

    /** The random generator for (seed, epoch); also used by sources that sample (e.g. patch positions). */
    public static SplittableRandom random(long seed, long epoch) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + 1);
    }

    /** A permutation of 0..n-1 (Fisher-Yates). */
    public static int[] shuffled(int n, long seed, int epoch) {
        int[] order = identity(n);
        shuffle(order, random(seed, epoch));
        return order;
    }

    /**
     * Balanced sampling: {@code count} indices with every class drawn equally often (minority classes are drawn with
     * replacement, majority classes without when they have enough examples), in random order.
     *
     * @param labels the class of every example
     */
    public static int[] balanced(int[] labels, int count, long seed, int epoch) {
        int classes = 0;
        for (int l : labels)
            classes = Math.max(classes, l + 1);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++)
            byClass.add(new ArrayList<>());
        for (int i = 0; i < labels.length; i++)
            byClass.get(labels[i]).add(i);
        List<int[]> present = new ArrayList<>();
        for (List<Integer> members : byClass)
            if (!members.isEmpty())
                present.add(members.stream().mapToInt(Integer::intValue).toArray());
        if (present.isEmpty())
            throw new IllegalArgumentException("no labelled examples to sample from");
        SplittableRandom rnd = random(seed, epoch);
        int[] order = new int[count];
        int k = 0;
        for (int c = 0; c < present.size(); c++) {
            int[] members = present.get(c).clone();
            int quota = count / present.size() + (c < count % present.size() ? 1 : 0);
            shuffle(members, rnd);
            for (int j = 0; j < quota; j++)
                order[k++] = j < members.length ? members[j] : members[rnd.nextInt(members.length)];
        }
        shuffle(order, rnd);
        return order;
    }

    /** The class of every example of a source (reads labels through {@link ExampleSource#label}). */
    public static int[] labels(ExampleSource source) {
        int[] labels = new int[source.size()];
        for (int i = 0; i < labels.length; i++)
            labels[i] = source.label(i);
        return labels;
    }

    public static long[] classCounts(int[] labels, int classes) {
        long[] counts = new long[classes];
        for (int l : labels) {
            if (l < 0 || l >= classes)
                throw new IllegalArgumentException("class " + l + " outside 0.." + (classes - 1));
            counts[l]++;
        }
        return counts;
    }

    /**
     * Class weights inversely proportional to frequency, w_c = N / (K n_c) over the K classes present, so that the
     * weighted count of every class is equal and the mean weight per example is 1. Absent classes get weight 0.
     */
    public static double[] inverseFrequencyWeights(long[] counts) {
        long total = 0;
        int present = 0;
        for (long c : counts) {
            total += c;
            if (c > 0)
                present++;
        }
        double[] w = new double[counts.length];
        for (int c = 0; c < counts.length; c++)
            w[c] = counts[c] == 0 ? 0 : (double) total / (present * (double) counts[c]);
        return w;
    }

    static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
