package convbench.face;

/** A face's box in image pixels (x, y top-left; may reach outside the image) and the detector's score. */
public record FaceBox(double x, double y, double width, double height, double score) {

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double area() {
        return width * height;
    }

    /** Intersection over union with another box. */
    public double iou(FaceBox o) {
        double w = Math.max(0, Math.min(right(), o.right()) - Math.max(x, o.x));
        double h = Math.max(0, Math.min(bottom(), o.bottom()) - Math.max(y, o.y));
        double inter = w * h;
        return inter / (area() + o.area() - inter);
    }

    /** Clipped to the image and floored to whole pixels, as face-api crops faces (Box.clipAtImageBorders). */
    int[] clippedPixels(int imageWidth, int imageHeight) {
        double cx = Math.max(x, 0), cy = Math.max(y, 0);
        double w = Math.min(right() - cx, imageWidth - cx), h = Math.min(bottom() - cy, imageHeight - cy);
        return new int[] {(int) Math.floor(cx), (int) Math.floor(cy), (int) Math.floor(w), (int) Math.floor(h)};
    }

    /** [x, y, w, h] rounded to 0.1 px, for JSON. */
    public double[] toArray() {
        return new double[] {r(x), r(y), r(width), r(height)};
    }

    private static double r(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
