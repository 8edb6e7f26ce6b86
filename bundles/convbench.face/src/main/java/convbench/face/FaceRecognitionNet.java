package convbench.face;

import convbench.core.units.SameDiffProbe;
import convbench.dl4j.Nd4jContext;
import java.nio.file.Path;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The dlib face recognition ResNet as face-api ships it ({@code face_recognition_model}): a 150x150 RGB face chip
 * to a 128-d embedding (99.38 % on LFW in dlib's evaluation). 29 convolutions in residual blocks with
 * per-channel scale layers, rebuilt in SameDiff from the package's weights as face-api's FaceRecognitionNet
 * composes them.
 */
public final class FaceRecognitionNet {
    static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};
    public static final int SIZE = 150;
    public static final int DIMENSIONS = 128;

    /** Channels of the mid-level features: the residual stage before the last two down-samplings. */
    public static final int MIDDLE_DIMENSIONS = 128;

    private final SdGraph g;
    private final String output;
    private final String middle;
    private SameDiffProbe probe;

    private FaceRecognitionNet(SdGraph g, String output, String middle) {
        this.g = g;
        this.output = output;
        this.middle = middle;
    }

    static FaceRecognitionNet load(Path modelDir) throws Exception {
        return Nd4jContext.call(() -> {
            SdGraph g = SdGraph.open(modelDir, "face_recognition_model");
            SDVariable x = g.input("input", SIZE);
            // 150 -> 72 (7x7 'valid', stride 2) -> 35 (3x3 max pool, stride 2): the size residualDown starts from
            long k = g.weights.get("conv32_down/conv/filters").shape()[0];
            SDVariable out = g.maxPool(convLayer(g, x, "conv32_down", 2, true), 3, 2, false);
            int[] size = {(int) (((SIZE - k) / 2 + 1 - 3) / 2 + 1)};
            out = residual(g, out, "conv32_1");
            out = residual(g, out, "conv32_2");
            out = residual(g, out, "conv32_3");
            out = residualDown(g, out, "conv64_down", 32, 64, size);
            out = residual(g, out, "conv64_1");
            out = residual(g, out, "conv64_2");
            out = residual(g, out, "conv64_3");
            out = residualDown(g, out, "conv128_down", 64, 128, size);
            out = residual(g, out, "conv128_1");
            out = residual(g, out, "conv128_2");
            SDVariable middle = out.mean(2, 3); // the 128 channels of the conv128 stage, averaged over its positions
            out = residualDown(g, out, "conv256_down", 128, 256, size);
            out = residual(g, out, "conv256_1");
            out = residual(g, out, "conv256_2");
            out = residualDown(g, out, "conv256_down_out", 256, 256, size);
            out = g.dense(out.mean(2, 3), "fc", null);
            return new FaceRecognitionNet(g, out.name(), middle.name());
        });
    }

    /** conv (+bias), then dlib's affine "scale" layer, then relu unless told otherwise. */
    private static SDVariable convLayer(SdGraph g, SDVariable x, String p, int stride, boolean relu) {
        SDVariable out = g.conv(x, p + "/conv/filters", p + "/conv/bias", stride, stride == 1);
        out = out.mul(g.channels(p + "/scale/weights")).add(g.channels(p + "/scale/biases"));
        return relu ? g.relu(out) : out;
    }

    private static SDVariable residual(SdGraph g, SDVariable x, String p) {
        SDVariable out = convLayer(g, convLayer(g, x, p + "/conv1", 1, true), p + "/conv2", 1, false);
        return g.relu(out.add(x));
    }

    /**
     * The down-sampling block: the shortcut is a 2x2 average pool, zero-padded to the new channel count; the
     * strided 'valid' branch comes out one smaller on odd sizes and gets a zero row and column (as face-api does).
     */
    private static SDVariable residualDown(SdGraph g, SDVariable x, String p, int cIn, int cOut, int[] size) {
        SDVariable out = convLayer(g, convLayer(g, x, p + "/conv1", 2, true), p + "/conv2", 1, false);
        int pooled = size[0] / 2, strided = (size[0] - 3) / 2 + 1; // the strided convolutions are 3x3
        if (strided != pooled)
            out = g.padAfter(out, 0, pooled - strided, pooled - strided);
        SDVariable shortcut = g.avgPool(x, 2, 2, false);
        if (cOut != cIn)
            shortcut = g.padAfter(shortcut, cOut - cIn, 0, 0);
        size[0] = pooled;
        return g.relu(shortcut.add(out));
    }

    /** Embeddings of 150x150 face chips (any count), one row of 128 per chip. */
    public float[][] embed(RgbImage... chips) throws Exception {
        return run(output, DIMENSIONS, chips);
    }

    /**
     * Mid-level features of 150x150 chips: the conv128 stage's channels averaged over its positions (what the net
     * computes halfway, before the layers that dlib's metric learning shaped most), one row of 128 per chip.
     */
    public float[][] middleFeatures(RgbImage... chips) throws Exception {
        return run(middle, MIDDLE_DIMENSIONS, chips);
    }

    /**
     * The net for the Unit Explorer: its convolution and pooling outputs, examples as {@link #input(RgbImage)} makes
     * them. The probe runs the same graph, so it is used on the device lane like the embeddings.
     */
    public synchronized SameDiffProbe unitProbe() {
        if (probe == null)
            probe = new SameDiffProbe(g.sd, "input", new int[] {3, SIZE, SIZE});
        return probe;
    }

    /** A chip as the net takes it: [3, 150, 150] channels first, mean RGB subtracted, over 255. */
    public static float[] input(RgbImage chip) {
        // face-api pads and resizes any crop to 150x150 (centred); a 150x150 chip passes unchanged
        return chip.toNormalisedChw(SIZE, true, MEAN_RGB);
    }

    private synchronized float[][] run(String variable, int dims, RgbImage... chips) throws Exception {
        int n = chips.length;
        if (n == 0)
            return new float[0][];
        int per = 3 * SIZE * SIZE;
        float[] batch = new float[n * per];
        for (int i = 0; i < n; i++) {
            float[] chw = input(chips[i]);
            System.arraycopy(chw, 0, batch, i * per, per);
        }
        float[] out = g.run(variable, batch, n, SIZE);
        float[][] rows = new float[n][dims];
        for (int i = 0; i < n; i++)
            System.arraycopy(out, i * dims, rows[i], 0, dims);
        return rows;
    }
}
