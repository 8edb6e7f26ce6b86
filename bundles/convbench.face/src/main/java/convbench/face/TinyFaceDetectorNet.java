package convbench.face;

import convbench.dl4j.Nd4jContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * face-api's TinyFaceDetector ({@code tiny_face_detector_model}): a Tiny-YOLOv2 with depthwise separable
 * convolutions, 416x416 input, a 13x13 grid of 5 anchor boxes each, rebuilt in SameDiff from the package's
 * weights; box decoding and non-maximum suppression as in face-api's TinyYolov2Base.
 */
public final class TinyFaceDetectorNet {
    static final float[] MEAN_RGB = {117.001f, 114.697f, 97.404f};
    static final double[][] ANCHORS = {{1.603231, 2.094468}, {6.041143, 7.080126}, {2.882459, 3.518061},
            {4.266906, 5.178857}, {9.041765, 10.66308}};
    static final double IOU_THRESHOLD = 0.4;

    private final SdGraph g;
    private final String output;

    private TinyFaceDetectorNet(SdGraph g, String output) {
        this.g = g;
        this.output = output;
    }

    static TinyFaceDetectorNet load(Path modelDir) throws Exception {
        return Nd4jContext.call(() -> {
            SdGraph g = SdGraph.open(modelDir, "tiny_face_detector_model");
            SDVariable x = g.input("input", 416);
            // conv0 is a plain 3x3 'valid' convolution; the rest are separable blocks padded by one ('same')
            SDVariable out = g.maxPool(g.leaky(g.conv(x, "conv0/filters", "conv0/bias", 1, false)), 2, 2, true);
            for (int i = 1; i <= 5; i++) {
                out = g.leaky(g.separable(out, "conv" + i, 1, true));
                out = g.maxPool(out, 2, i < 5 ? 2 : 1, true);
            }
            out = g.conv(out, "conv8/filters", "conv8/bias", 1, false);
            return new TinyFaceDetectorNet(g, out.name());
        });
    }

    /**
     * Faces in the image, best score first, boxes in image pixels (not clipped: a face at the border may reach
     * outside). {@code inputSize} must be a multiple of 32 (face-api's default 416).
     */
    public synchronized List<FaceBox> detect(RgbImage image, int inputSize, double scoreThreshold) throws Exception {
        if (inputSize % 32 != 0 || inputSize <= 0)
            throw new IllegalArgumentException("detector input size must be a positive multiple of 32, got " + inputSize);
        if (!(scoreThreshold > 0 && scoreThreshold < 1))
            throw new IllegalArgumentException("score threshold must lie in (0, 1), got " + scoreThreshold);
        float[] chw = image.toNormalisedChw(inputSize, false, MEAN_RGB);
        float[] out = g.run(output, chw, 1, inputSize);
        int cells = inputSize / 32;
        // face-api corrects for the padding to a square with the rounded, resized image size
        double scale = (double) inputSize / Math.max(image.width(), image.height());
        double cx = (double) inputSize / Math.round(image.width() * scale);
        double cy = (double) inputSize / Math.round(image.height() * scale);
        List<FaceBox> found = new ArrayList<>();
        int plane = cells * cells;
        for (int row = 0; row < cells; row++)
            for (int col = 0; col < cells; col++)
                for (int a = 0; a < ANCHORS.length; a++) {
                    int base = (a * 5) * plane + row * cells + col; // NCHW: channel = anchor * 5 + k
                    double score = sigmoid(out[base + 4 * plane]);
                    if (score <= scoreThreshold)
                        continue;
                    double ctX = (col + sigmoid(out[base])) / cells * cx;
                    double ctY = (row + sigmoid(out[base + plane])) / cells * cy;
                    double w = Math.exp(out[base + 2 * plane]) * ANCHORS[a][0] / cells * cx;
                    double h = Math.exp(out[base + 3 * plane]) * ANCHORS[a][1] / cells * cy;
                    double x = ctX - w / 2, y = ctY - h / 2;
                    found.add(new FaceBox(x * image.width(), y * image.height(), w * image.width(),
                            h * image.height(), score));
                }
        return nonMaxSuppression(found, IOU_THRESHOLD);
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** Greedy NMS, highest score first (boxes over the threshold's IoU with a kept one are dropped). */
    static List<FaceBox> nonMaxSuppression(List<FaceBox> boxes, double iouThreshold) {
        List<FaceBox> rest = new ArrayList<>(boxes);
        rest.sort(Comparator.comparingDouble(FaceBox::score).reversed());
        List<FaceBox> kept = new ArrayList<>();
        while (!rest.isEmpty()) {
            FaceBox best = rest.remove(0);
            kept.add(best);
            rest.removeIf(b -> best.iou(b) > iouThreshold);
        }
        return kept;
    }
}
