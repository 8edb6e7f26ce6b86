package convbench.ct.seg;

/**
 * One inserted lesion on a volume's voxel grid: an axis-aligned ellipsoid with its centre (fractional voxel index
 * i, j, k), semi-axes in voxels, contrast in HU over the local background and Gaussian partial-volume blur (sigma, mm).
 */
public record Lesion(double[] centre, double[] radii, double contrastHu, double blurMm, double noiseSigmaHu,
        double backgroundHu) {
    public Lesion {
        centre = centre.clone();
        radii = radii.clone();
    }

    /** The same lesion with the local background and noise estimated where it was inserted. */
    public Lesion withLocal(double noiseSigma, double background) {
        return new Lesion(centre, radii, contrastHu, blurMm, noiseSigma, background);
    }

    /** Squared normalised distance of a voxel position from the centre: at most 1 inside the ellipsoid. */
    public double normalisedDistance2(double i, double j, double k) {
        double a = (i - centre[0]) / radii[0], b = (j - centre[1]) / radii[1], c = (k - centre[2]) / radii[2];
        return a * a + b * b + c * c;
    }

    /** LUNA16's hit test: a detection whose centre lies within the lesion (its radius, per axis for an ellipsoid). */
    public boolean contains(double[] ijk) {
        return normalisedDistance2(ijk[0], ijk[1], ijk[2]) <= 1;
    }

    public double maxRadius() {
        return Math.max(radii[0], Math.max(radii[1], radii[2]));
    }

    /** Semi-axes in millimetres on a grid of this spacing. */
    public double[] radiiMm(double[] spacing) {
        return new double[] { radii[0] * spacing[0], radii[1] * spacing[1], radii[2] * spacing[2] };
    }
}
