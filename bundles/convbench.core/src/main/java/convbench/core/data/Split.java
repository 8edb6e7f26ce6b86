package convbench.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/** A train/validation split of example indices, reproducible from its seed. */
public record Split(int[] train, int[] validation) {
    /** A random fraction of the examples for validation (at least one when fraction > 0). */
    public static Split random(int n, double validationFraction, long seed) {
        check(validationFraction);
        int[] order = Sampling.shuffled(n, seed, -1);
        int v = validationFraction == 0 ? 0 : Math.max(1, (int) Math.round(n * validationFraction));
        if (v >= n)
            throw new IllegalArgumentException("validation fraction " + validationFraction + " of " + n
                    + " examples leaves nothing to train on");
        int[] val = Arrays.copyOfRange(order, 0, v);
        int[] train = Arrays.copyOfRange(order, v, n);
        Arrays.sort(val);
        Arrays.sort(train);
        return new Split(train, val);
    }

    /**
     * Whole groups go to validation (e.g. all beats of a record: leave-records-out, so validation never sees a
     * patient the training saw), about {@code validationFraction} of the groups.
     *
     * @param groups the group of every example
     */
    public static Split byGroup(int[] groups, double validationFraction, long seed) {
        check(validationFraction);
        int[] ids = Arrays.stream(groups).distinct().sorted().toArray();
        if (ids.length < 2 && validationFraction > 0)
            throw new IllegalArgumentException("a group split needs at least two groups, got " + ids.length);
        int[] perm = ids.clone();
        Sampling.shuffle(perm, Sampling.random(seed, -2));
        int v = validationFraction == 0 ? 0 : Math.max(1, Math.min(ids.length - 1, (int) Math.round(ids.length * validationFraction)));
        TreeMap<Integer, Boolean> isVal = new TreeMap<>();
        for (int i = 0; i < perm.length; i++)
            isVal.put(perm[i], i < v);
        List<Integer> train = new ArrayList<>(), val = new ArrayList<>();
        for (int i = 0; i < groups.length; i++)
            (isVal.get(groups[i]) ? val : train).add(i);
        return new Split(train.stream().mapToInt(Integer::intValue).toArray(), val.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void check(double f) {
        if (!(f >= 0 && f < 1))
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + f);
    }
}
