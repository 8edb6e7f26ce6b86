package convbench.ct.api;

/** Small 3-vector helpers for patient geometry. */
public final class Geometry {
    private Geometry() {
    }

    public static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    public static double[] cross(double[] a, double[] b) {
        return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
    }

    public static double[] sub(double[] a, double[] b) {
        return new double[] { a[0] - b[0], a[1] - b[1], a[2] - b[2] };
    }

    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** Solves m x = d for a 3x3 m (Cramer's rule; the matrices here are small and well conditioned). */
    public static double[] solve(double[][] m, double[] d) {
        double det = det(m);
        if (Math.abs(det) < 1e-12)
            throw new IllegalArgumentException("singular geometry (axes are parallel)");
        double[] x = new double[3];
        for (int c = 0; c < 3; c++) {
            double[][] mc = { m[0].clone(), m[1].clone(), m[2].clone() };
            for (int r = 0; r < 3; r++)
                mc[r][c] = d[r];
            x[c] = det(mc) / det;
        }
        return x;
    }

    public static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }
}
