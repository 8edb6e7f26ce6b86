package convbench.core.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Class decisions from network outputs: the arg-max over axis 1, for every example and position. */
public final class Classes {
    private Classes() {
    }

    /**
     * @param scores [N, K] or [N, K, ...spatial]; K = 1 is a sigmoid: class 1 when the score is >= 0.5
     * @return the class of every example (and position, C-order over N and the spatial axes)
     */
    public static int[] argMax(INDArray scores) {
        INDArray s = toRows(scores);
        if (s.size(1) == 1) {
            float[] v = s.castTo(DataType.FLOAT).dup('c').data().asFloat();
            int[] r = new int[v.length];
            for (int i = 0; i < v.length; i++)
                r[i] = v[i] >= 0.5f ? 1 : 0;
            return r;
        }
        return s.argMax(1).castTo(DataType.INT).dup('c').toIntVector();
    }

    /** [N, K, ...spatial] -> [N * prod(spatial), K] (one row per example and position). */
    public static INDArray toRows(INDArray scores) {
        if (scores.rank() == 2)
            return scores;
        if (scores.rank() < 2)
            throw new IllegalArgumentException("scores need a class axis: " + java.util.Arrays.toString(scores.shape()));
        int rank = scores.rank();
        int[] perm = new int[rank];
        perm[0] = 0;
        for (int i = 2; i < rank; i++)
            perm[i - 1] = i;
        perm[rank - 1] = 1;
        INDArray moved = scores.permute(perm).dup('c');
        return moved.reshape('c', moved.length() / scores.size(1), scores.size(1));
    }
}
