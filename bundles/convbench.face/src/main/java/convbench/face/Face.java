package convbench.face;

/**
 * One face found in an image: its detector box (image pixels), 68 landmarks (x0, y0, x1, y1, ... in image pixels;
 * iBUG 300-W order: jaw 0-16, brows 17-26, nose 27-35, eyes 36-47, mouth 48-67), the aligned 150x150 chip the
 * embedding was computed from, and the 128-d embedding (null until embedded).
 */
public record Face(FaceBox box, double[] landmarks, RgbImage chip, float[] embedding) {

    /** Landmark {@code i}'s x. */
    public double x(int i) {
        return landmarks[2 * i];
    }

    public double y(int i) {
        return landmarks[2 * i + 1];
    }
}
