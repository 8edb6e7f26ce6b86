package convbench.face;

/**
 * Face chips from 68 landmarks: dlib's get_face_chip_details(shape, 150, 0.25) + extract_image_chip, i.e. the
 * least-squares similarity transform from dlib's mean face (landmarks 27-54 and 60-64: nose, eyes, outer mouth
 * and upper inner lip) to the detected landmarks, sampled bilinearly; and face-api's upright box crop.
 */
public final class FaceAligner {
    private FaceAligner() {
    }

    /** dlib's mean face shape, landmarks 17..67, as fractions of the face box (dlib/image_transforms). */
    private static final double[] MEAN_X = {0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856,
            0.689483, 0.799124, 0.904991, 0.98004, 0.490127, 0.490127, 0.490127, 0.490127, 0.36688, 0.426036,
            0.490127, 0.554217, 0.613373, 0.121737, 0.187122, 0.265825, 0.334606, 0.260918, 0.182743, 0.645647,
            0.714428, 0.793132, 0.858516, 0.79751, 0.719335, 0.254149, 0.340985, 0.428858, 0.490127, 0.551395,
            0.639268, 0.726104, 0.642159, 0.556721, 0.490127, 0.423532, 0.338094, 0.290379, 0.428096, 0.490127,
            0.552157, 0.689874, 0.553364, 0.490127, 0.42689};
    private static final double[] MEAN_Y = {0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906,
            0.0344891, 0.0187482, 0.038915, 0.106454, 0.203352, 0.307009, 0.409805, 0.515625, 0.587326, 0.609345,
            0.628106, 0.609345, 0.587326, 0.216423, 0.178758, 0.179852, 0.231733, 0.245099, 0.244077, 0.231733,
            0.179852, 0.178758, 0.216423, 0.244077, 0.245099, 0.780233, 0.745405, 0.727388, 0.742578, 0.727388,
            0.745405, 0.780233, 0.864805, 0.902192, 0.909281, 0.902192, 0.864805, 0.784792, 0.778746, 0.785343,
            0.778746, 0.784792, 0.824182, 0.831803, 0.824182};
    static final double PADDING = 0.25;

    /** Whether dlib uses landmark i (it skips the brows, which move, and the lower lip, which opens). */
    private static boolean used(int i) {
        return i >= 27 && !(i >= 55 && i <= 59) && !(i >= 65 && i <= 67);
    }

    /**
     * The chip-to-image transform [a, b, tx, ty]: image = (a*u - b*v + tx, b*u + a*v + ty) for chip pixel (u, v),
     * fitted by least squares (Umeyama, no reflection) from the template to the landmarks.
     */
    static double[] chipTransform(double[] landmarks, int size) {
        int n = 0;
        double mpx = 0, mpy = 0, mqx = 0, mqy = 0;
        for (int i = 17; i < 68; i++) {
            if (!used(i))
                continue;
            mpx += template(MEAN_X[i - 17], size);
            mpy += template(MEAN_Y[i - 17], size);
            mqx += landmarks[2 * i];
            mqy += landmarks[2 * i + 1];
            n++;
        }
        mpx /= n; mpy /= n; mqx /= n; mqy /= n;
        double sa = 0, sb = 0, norm = 0;
        for (int i = 17; i < 68; i++) {
            if (!used(i))
                continue;
            double px = template(MEAN_X[i - 17], size) - mpx, py = template(MEAN_Y[i - 17], size) - mpy;
            double qx = landmarks[2 * i] - mqx, qy = landmarks[2 * i + 1] - mqy;
            sa += px * qx + py * qy;
            sb += px * qy - py * qx;
            norm += px * px + py * py;
        }
        double a = sa / norm, b = sb / norm;
        return new double[] {a, b, mqx - (a * mpx - b * mpy), mqy - (b * mpx + a * mpy)};
    }

    private static double template(double m, int size) {
        return (PADDING + m) / (2 * PADDING + 1) * size;
    }

    /** dlib's 150x150 face chip; outside the image is black. Large faces are supersampled to avoid aliasing. */
    public static RgbImage dlibChip(RgbImage image, double[] landmarks) {
        int size = FaceRecognitionNet.SIZE;
        double[] t = chipTransform(landmarks, size);
        double scale = Math.hypot(t[0], t[1]); // image pixels per chip pixel
        int k = (int) Math.max(1, Math.min(4, Math.ceil(scale - 0.25)));
        float[] out = new float[size * size * 3];
        float[] px = new float[3];
        for (int v = 0; v < size; v++)
            for (int u = 0; u < size; u++) {
                float r = 0, g = 0, bl = 0;
                for (int sy = 0; sy < k; sy++)
                    for (int sx = 0; sx < k; sx++) {
                        double cu = u + (sx + 0.5) / k - 0.5, cv = v + (sy + 0.5) / k - 0.5;
                        bilinear(image, t[0] * cu - t[1] * cv + t[2], t[1] * cu + t[0] * cv + t[3], px);
                        r += px[0]; g += px[1]; bl += px[2];
                    }
                // whole 0..255 values, as dlib's rgb_pixel chips (and what a saved chip reproduces exactly)
                int o = (v * size + u) * 3;
                out[o] = Math.round(r / (k * k));
                out[o + 1] = Math.round(g / (k * k));
                out[o + 2] = Math.round(bl / (k * k));
            }
        return new RgbImage(size, size, out);
    }

    private static void bilinear(RgbImage img, double x, double y, float[] rgb) {
        int w = img.width(), h = img.height();
        float[] d = img.data();
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        double fx = x - x0, fy = y - y0;
        for (int c = 0; c < 3; c++) {
            double v00 = at(d, w, h, x0, y0, c), v01 = at(d, w, h, x0 + 1, y0, c);
            double v10 = at(d, w, h, x0, y0 + 1, c), v11 = at(d, w, h, x0 + 1, y0 + 1, c);
            rgb[c] = (float) ((v00 * (1 - fx) + v01 * fx) * (1 - fy) + (v10 * (1 - fx) + v11 * fx) * fy);
        }
    }

    private static double at(float[] d, int w, int h, int x, int y, int c) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : d[(y * w + x) * 3 + c];
    }

    /**
     * The box face-api crops for its descriptors (FaceLandmarks.alignDlib): a square of side floor(mean eye-to-mouth
     * distance / 0.45) around the mean of the eye and mouth centres (at 50 % across, 43 % down), upright.
     */
    public static FaceBox faceApiBox(double[] landmarks, double score, int imageWidth, int imageHeight) {
        double[] left = centre(landmarks, 36, 42), right = centre(landmarks, 42, 48), mouth = centre(landmarks, 48, 68);
        double eyeToMouth = (Math.hypot(mouth[0] - left[0], mouth[1] - left[1])
                + Math.hypot(mouth[0] - right[0], mouth[1] - right[1])) / 2;
        double size = Math.floor(eyeToMouth / 0.45);
        double refX = (left[0] + right[0] + mouth[0]) / 3, refY = (left[1] + right[1] + mouth[1]) / 3;
        double x = Math.floor(Math.max(0, refX - 0.5 * size)), y = Math.floor(Math.max(0, refY - 0.43 * size));
        return new FaceBox(x, y, Math.min(size, imageWidth + x), Math.min(size, imageHeight + y), score);
    }

    private static double[] centre(double[] landmarks, int from, int to) {
        double x = 0, y = 0;
        for (int i = from; i < to; i++) {
            x += landmarks[2 * i];
            y += landmarks[2 * i + 1];
        }
        return new double[] {x / (to - from), y / (to - from)};
    }
}
