package convbench.core.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fingerprint of a data set for model metadata: SHA-256 over the example count, the feature shape and the values
 * of up to {@code maxExamples} evenly spaced examples (features and labels), so a model records what it saw
 * without reading terabytes again.
 */
public final class DataFingerprint {
    private DataFingerprint() {
    }

    public static String of(ExampleSource source, int maxExamples) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int n = source.size();
        md.update(ByteBuffer.allocate(4).putInt(n).array());
        for (int s : source.featureShape())
            md.update(ByteBuffer.allocate(4).putInt(s).array());
        int take = Math.min(n, Math.max(1, maxExamples));
        for (int k = 0; k < take; k++) {
            int i = (int) ((long) k * n / take);
            Example e = source.get(i);
            update(md, e.features());
            if (e.label() != null)
                update(md, e.label());
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, INDArray a) {
        float[] v = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer b = ByteBuffer.allocate(v.length * 4);
        for (float f : v)
            b.putFloat(f);
        md.update(b.array());
    }
}
