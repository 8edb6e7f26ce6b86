package convbench.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Examples from a {@code .npy} file of shape {@code [N, C, ...spatial]} (e.g. beat windows [N, 1, 256], image
 * patches [N, 3, 64, 64], sub-volumes [N, 1, 32, 32, 32]), read one at a time. Optional labels: a {@code .npy} of
 * N class ids (one-hot encoded here over {@code classes}).
 */
public final class NpySource implements ExampleSource, AutoCloseable {
    private final NpyFile features;
    private final int[] labels;
    private final int classes;

    private NpySource(NpyFile features, int[] labels, int classes) {
        this.features = features;
        this.labels = labels;
        this.classes = classes;
    }

    public static NpySource open(Path features) throws IOException {
        NpyFile f = NpyFile.open(features);
        if (f.shape().length < 3 || f.shape().length > 5) {
            f.close();
            throw new IOException(features + ": examples must be [N, C, W], [N, C, H, W] or [N, C, D, H, W], got "
                    + java.util.Arrays.toString(f.shape()));
        }
        return new NpySource(f, null, 0);
    }

    /** @param labels a .npy of N class ids 0..classes-1 */
    public static NpySource open(Path features, Path labels, int classes) throws IOException {
        NpySource s = open(features);
        try (NpyFile l = NpyFile.open(labels)) {
            if (l.shape().length != 1 || l.count() != s.size())
                throw new IOException(labels + ": expected " + s.size() + " class ids, got shape " + java.util.Arrays.toString(l.shape()));
            int[] ids = new int[l.count()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) l.read(i)[0];
                if (ids[i] < 0 || ids[i] >= classes)
                    throw new IOException(labels + ": entry " + i + " is class " + ids[i] + ", outside 0.." + (classes - 1));
            }
            return new NpySource(s.features, ids, classes);
        }
    }

    public Path file() {
        return features.file();
    }

    @Override
    public int size() {
        return features.count();
    }

    @Override
    public int[] featureShape() {
        return features.itemShape();
    }

    @Override
    public Example get(int index) {
        try {
            float[] v = features.read(index);
            INDArray x = Nd4j.create(v, toLong(features.itemShape()), 'c');
            INDArray y = null;
            if (labels != null) {
                y = Nd4j.zeros(DataType.FLOAT, classes);
                y.putScalar(labels[index], 1f);
            }
            return new Example(x, y);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int label(int index) {
        if (labels == null)
            throw new IllegalStateException(features.file() + ": no labels");
        return labels[index];
    }

    @Override
    public void close() throws IOException {
        features.close();
    }

    private static long[] toLong(int[] s) {
        long[] l = new long[s.length];
        for (int i = 0; i < s.length; i++)
            l[i] = s[i];
        return l;
    }
}
