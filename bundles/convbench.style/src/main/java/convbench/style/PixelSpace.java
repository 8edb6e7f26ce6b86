package convbench.style;

import convbench.core.importer.ImagePreprocessing;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RGB pixels 0..255 to and from the network's input space. Every {@link ImagePreprocessing} mode is an affine map
 * per pixel (channel reordering, offsets, scales); it is measured here from the mode itself, so the inverse never
 * repeats the constants. G is optimised in the network's space: for caffe preprocessing that is RGB -> BGR minus
 * the ImageNet means, a permutation plus a shift, so steps and gradients keep pixel units.
 */
public final class PixelSpace {
    private final ImagePreprocessing mode;
    private final double[][] forward = new double[3][3]; // out = forward * rgb + offset
    private final double[] offset = new double[3];
    private final double[][] inverse;

    public PixelSpace(ImagePreprocessing mode) {
        this.mode = mode;
        float[] zero = new float[3];
        mode.apply(zero);
        for (int c = 0; c < 3; c++)
            offset[c] = zero[c];
        for (int j = 0; j < 3; j++) {
            float[] unit = new float[3];
            unit[j] = 1;
            mode.apply(unit);
            for (int c = 0; c < 3; c++)
                forward[c][j] = unit[c] - offset[c];
        }
        inverse = invert(forward);
    }

    public ImagePreprocessing mode() {
        return mode;
    }

    /** Interleaved RGB 0..255 (h, w, 3) to a [1, h, w, 3] network input. */
    public INDArray toNetwork(float[] rgb, int height, int width, DataType dtype) {
        float[] x = rgb.clone();
        mode.apply(x);
        return Nd4j.createFromArray(x).reshape(1, height, width, 3).castTo(dtype);
    }

    /** A [1, h, w, 3] network input back to interleaved RGB (not clipped). */
    public float[] toRgb(INDArray x) {
        float[] v = x.castTo(DataType.FLOAT).dup('c').reshape(-1).toFloatVector();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i += 3)
            for (int c = 0; c < 3; c++) {
                double s = 0;
                for (int k = 0; k < 3; k++)
                    s += inverse[c][k] * (v[i + k] - offset[k]);
                out[i + c] = (float) s;
            }
        return out;
    }

    /** Per network channel, the lowest value a pixel in 0..255 maps to. */
    double[] lowerBounds() {
        return bound(0);
    }

    /** Per network channel, the highest value a pixel in 0..255 maps to. */
    double[] upperBounds() {
        return bound(255);
    }

    /** Per network channel, the image of the RGB box [0,255]^3 (for projecting Adam's steps onto valid pixels). */
    private double[] bound(double which) {
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            double lo = offset[c], hi = offset[c];
            for (int j = 0; j < 3; j++) {
                double a = forward[c][j] * 255;
                lo += Math.min(0, a);
                hi += Math.max(0, a);
            }
            out[c] = which == 0 ? lo : hi;
        }
        return out;
    }

    private static double[][] invert(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        if (Math.abs(det) < 1e-12)
            throw new IllegalArgumentException("the preprocessing is not invertible");
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
                r[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / det;
            }
        return r;
    }
}
