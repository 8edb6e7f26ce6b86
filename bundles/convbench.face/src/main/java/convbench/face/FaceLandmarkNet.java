package convbench.face;

import convbench.dl4j.Nd4jContext;
import java.nio.file.Path;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * face-api's FaceLandmark68Net ({@code face_landmark_68_model}): four densely connected blocks of separable
 * convolutions on a 112x112 face crop, 7x7 average pool, a fully connected layer to 68 (x, y) points; rebuilt in
 * SameDiff from the package's weights, with face-api's pre- and post-processing.
 */
public final class FaceLandmarkNet {
    static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};
    static final int SIZE = 112;

    private final SdGraph g;
    private final String output;

    private FaceLandmarkNet(SdGraph g, String output) {
        this.g = g;
        this.output = output;
    }

    static FaceLandmarkNet load(Path modelDir) throws Exception {
        return Nd4jContext.call(() -> {
            SdGraph g = SdGraph.open(modelDir, "face_landmark_68_model");
            SDVariable out = g.input("input", SIZE);
            for (int b = 0; b < 4; b++)
                out = denseBlock4(g, out, "dense" + b, b == 0);
            out = g.avgPool(out, 7, 2, false);
            out = g.dense(out.reshape(-1, 256), "fc/weights", "fc/bias");
            return new FaceLandmarkNet(g, out.name());
        });
    }

    /** face-api's denseBlock4: every separable conv sees the relu of the sum of all earlier outputs. */
    private static SDVariable denseBlock4(SdGraph g, SDVariable x, String p, boolean first) {
        SDVariable out1 = g.relu(first ? g.conv(x, p + "/conv0/filters", p + "/conv0/bias", 2, true)
                : g.separable(x, p + "/conv0", 2, true));
        SDVariable out2 = g.separable(out1, p + "/conv1", 1, true);
        SDVariable out3 = g.separable(g.relu(out1.add(out2)), p + "/conv2", 1, true);
        SDVariable out4 = g.separable(g.relu(out1.add(out2.add(out3))), p + "/conv3", 1, true);
        return g.relu(out1.add(out2.add(out3.add(out4))));
    }

    /**
     * The 68 landmarks of a face crop, in the crop's pixels: face-api centres the crop in a square, resizes it to
     * 112x112, and maps the outputs back assuming half the padding on each side.
     */
    public synchronized double[] landmarks(RgbImage crop) throws Exception {
        float[] chw = crop.toNormalisedChw(SIZE, true, MEAN_RGB);
        float[] out = g.run(output, chw, 1, SIZE);
        int w = crop.width(), h = crop.height();
        double scale = (double) SIZE / Math.max(w, h);
        double sw = w * scale, sh = h * scale;
        double padX = w < h ? Math.abs(sw - sh) / 2 : 0, padY = h < w ? Math.abs(sw - sh) / 2 : 0;
        double[] pts = new double[136];
        for (int i = 0; i < 68; i++) {
            // face-api computes in float32 (tensor ops), then scales the relative point by the crop size
            float rx = ((out[2 * i] * (float) SIZE) - (float) padX) / (float) sw;
            float ry = ((out[2 * i + 1] * (float) SIZE) - (float) padY) / (float) sh;
            pts[2 * i] = rx * w;
            pts[2 * i + 1] = ry * h;
        }
        return pts;
    }
}
