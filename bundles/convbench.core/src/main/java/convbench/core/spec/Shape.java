package convbench.core.spec;

import java.util.Arrays;

/**
 * The shape of one example's activations without the batch axis: channels plus spatial sizes (NCW, NCHW, NCDHW
 * order), or a flat vector of {@code channels} values when {@code spatial} is empty.
 */
public record Shape(int channels, int[] spatial) {
    public Shape {
        spatial = spatial.clone();
    }

    public static Shape flat(int size) {
        return new Shape(size, new int[0]);
    }

    /** @param dims channels first, e.g. {@code [1, 256]} for a one-lead signal of 256 samples */
    public static Shape of(int... dims) {
        if (dims.length == 0)
            throw new IllegalArgumentException("a shape needs at least the channel count");
        return new Shape(dims[0], Arrays.copyOfRange(dims, 1, dims.length));
    }

    public boolean isFlat() {
        return spatial.length == 0;
    }

    /** 0 for flat, 1 for NCW, 2 for NCHW, 3 for NCDHW. */
    public int dims() {
        return spatial.length;
    }

    public long size() {
        long n = channels;
        for (int s : spatial)
            n *= s;
        return n;
    }

    /** Channels followed by the spatial sizes. */
    public int[] toArray() {
        int[] a = new int[spatial.length + 1];
        a[0] = channels;
        System.arraycopy(spatial, 0, a, 1, spatial.length);
        return a;
    }

    /** With a leading batch axis, as ND4J wants it. */
    public long[] batchShape(long batch) {
        long[] a = new long[spatial.length + 2];
        a[0] = batch;
        a[1] = channels;
        for (int i = 0; i < spatial.length; i++)
            a[i + 2] = spatial[i];
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && s.channels == channels && Arrays.equals(s.spatial, spatial);
    }

    @Override
    public int hashCode() {
        return 31 * channels + Arrays.hashCode(spatial);
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
