package org.radspark.preprocess;

/**
 * Cubic B-spline sampling with ITK BSplineInterpolateImageFunction semantics (order 3, the default of
 * sitkBSpline): coefficients from {@link BSplineDecomposition}, support start floor((float) x) - 1,
 * ITK's weight formulas, mirrored indices at the borders and the 64 terms summed x fastest.
 */
public final class BSplineInterpolator extends Interpolator {
    private final double[] coefficients;
    private final double[] wx = new double[4], wy = new double[4], wz = new double[4];
    private final int[] ix = new int[4], iy = new int[4], iz = new int[4];

    public BSplineInterpolator(double[] values, int nx, int ny, int nz) {
        super(values, nx, ny, nz);
        this.coefficients = BSplineDecomposition.coefficients(values, nx, ny, nz);
    }

    /** The prefiltered coefficients (i fastest); not copied. */
    public double[] coefficients() { return coefficients; }

    @Override
    public double evaluate(double i, double j, double k) {
        axisSupport(i, nx, wx, ix, 0);
        axisSupport(j, ny, wy, iy, 0);
        axisSupport(k, nz, wz, iz, 0);
        return combine(wx, ix, 0, wy, iy, 0, wz, iz, 0);
    }

    /**
     * Weights and mirrored coefficient indices of one axis at continuous coordinate {@code x}: four
     * entries written to {@code w[off..off+4)} and {@code idx[off..off+4)}. ITK takes the support start
     * from the coordinate rounded to float, and the weights from the unrounded distance to the second
     * support point.
     */
    public static void axisSupport(double x, int n, double[] w, int[] idx, int off) {
        long first = (long) Math.floor((float) x) - 1;
        double d = x - (double) (first + 1);
        double w3 = (1.0 / 6.0) * d * d * d;
        double w0 = (1.0 / 6.0) + 0.5 * d * (d - 1.0) - w3;
        double w2 = d + w0 - 2.0 * w3;
        double w1 = 1.0 - w0 - w2 - w3;
        w[off] = w0;
        w[off + 1] = w1;
        w[off + 2] = w2;
        w[off + 3] = w3;
        for (int t = 0; t < 4; t++) {
            idx[off + t] = mirror(first + t, n);
        }
    }

    /**
     * Mirror boundary (whole-sample symmetric, period 2(n-1)); every index maps to 0 on an axis of
     * length 1. Agrees with ITK's single reflection wherever that one stays inside the image.
     */
    static int mirror(long index, int n) {
        if (n == 1) {
            return 0;
        }
        long period = 2L * (n - 1);
        long m = Math.abs(index) % period;
        return (int) (m >= n ? period - m : m);
    }

    /**
     * Sum of weight times coefficient over the 4x4x4 support, in ITK's order (x fastest, weight built
     * as (wx * wy) * wz), so results are bit-identical to ITK's general evaluation.
     */
    public double combine(double[] wxs, int[] ixs, int ox, double[] wys, int[] iys, int oy,
                          double[] wzs, int[] izs, int oz) {
        double sum = 0.0;
        int plane = nx * ny;
        for (int c = 0; c < 4; c++) {
            double wzc = wzs[oz + c];
            int zBase = izs[oz + c] * plane;
            for (int b = 0; b < 4; b++) {
                double wyb = wys[oy + b];
                int rowBase = zBase + iys[oy + b] * nx;
                for (int a = 0; a < 4; a++) {
                    double w = wxs[ox + a] * wyb * wzc;
                    sum += w * coefficients[rowBase + ixs[ox + a]];
                }
            }
        }
        return sum;
    }
}
