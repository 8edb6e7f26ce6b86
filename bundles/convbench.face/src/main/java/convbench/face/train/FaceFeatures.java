package convbench.face.train;

import convbench.face.FaceAnalyzer;
import convbench.face.FaceException;
import convbench.face.RgbImage;

/**
 * What a Siamese head takes as input for an aligned chip. {@link #DLIB}: the frozen dlib ResNet's 128-d embedding
 * (the seed's "precompute the embeddings"; the head fine-tunes a pretrained encoder). {@link #PIXELS}: the chip
 * itself, 32x32 grey levels standardised per chip (1024 values): the head is then the whole encoder, trained from
 * scratch, as the seed's Siamese network is before any pretraining. {@link #MIDDLE}: the frozen ResNet's mid-level
 * features (its conv128 stage averaged over positions, 128 values): pretrained but not yet shaped into a face metric,
 * so the head has something to learn and something to start from.
 */
public final class FaceFeatures {
    public static final String DLIB = "dlib";
    public static final String PIXELS = "pixels";
    public static final String MIDDLE = "dlib-mid";
    static final int PIXEL_SIZE = 32;

    private FaceFeatures() {
    }

    public static String check(String input) {
        if (!input.equals(DLIB) && !input.equals(PIXELS) && !input.equals(MIDDLE))
            throw new IllegalArgumentException("unknown input '" + input + "': dlib (128-d embeddings), dlib-mid (the ResNet's"
                    + " 128 mid-level channels) or pixels (32x32 chips)");
        return input;
    }

    public static float[][] of(String input, FaceAnalyzer analyzer, RgbImage... chips) throws FaceException {
        if (check(input).equals(DLIB))
            return analyzer.embed(chips);
        if (input.equals(MIDDLE))
            try {
                return analyzer.recognitionNet().middleFeatures(chips);
            } catch (Exception e) {
                throw new FaceException("mid-level features failed: " + e, e);
            }
        float[][] out = new float[chips.length][];
        for (int k = 0; k < chips.length; k++)
            out[k] = pixels(chips[k]);
        return out;
    }

    /** Grey levels of the chip resized to 32x32, minus their mean, over their standard deviation (lighting drops out). */
    static float[] pixels(RgbImage chip) {
        float[] rgb = chip.resizeBilinear(PIXEL_SIZE, PIXEL_SIZE).data();
        float[] g = new float[PIXEL_SIZE * PIXEL_SIZE];
        double mean = 0;
        for (int i = 0; i < g.length; i++) {
            g[i] = 0.299f * rgb[3 * i] + 0.587f * rgb[3 * i + 1] + 0.114f * rgb[3 * i + 2];
            mean += g[i];
        }
        mean /= g.length;
        double var = 0;
        for (float v : g)
            var += (v - mean) * (v - mean);
        double sd = Math.sqrt(var / g.length) + 1e-6;
        for (int i = 0; i < g.length; i++)
            g[i] = (float) ((g[i] - mean) / sd);
        return g;
    }
}
