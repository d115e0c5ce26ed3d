package org.radspark.preprocess;

/**
 * Cubic B-spline interpolation coefficients by recursive filtering (Unser 1999, "Splines: a perfect
 * fit", Box 2) with ITK BSplineDecompositionImageFilter semantics: pole sqrt(3)-2, gain 6, mirror
 * boundaries, causal start truncated after the horizon given by a 1e-10 tolerance.
 */
public final class BSplineDecomposition {
    /** The single pole of the cubic B-spline prefilter. */
    public static final double POLE = Math.sqrt(3.0) - 2.0;
    /** ITK's default tolerance for the causal initialisation. */
    public static final double TOLERANCE = 1e-10;

    private BSplineDecomposition() {
    }

    /**
     * Coefficients of a volume (i fastest): the 1D filter applied along i, then j, then k. Axes of
     * length 1 are left as they are.
     */
    public static double[] coefficients(double[] data, int nx, int ny, int nz) {
        double[] c = data.clone();
        double[] scratch = new double[Math.max(nx, Math.max(ny, nz))];
        filterAxis(c, nx, 1, ny * nz, nx, scratch);        // lines along i start at every (j, k)
        filterAxisStrided(c, nx, ny, nz, scratch);
        return c;
    }

    private static void filterAxis(double[] c, int n, int stride, int lines, int lineStep, double[] scratch) {
        if (n == 1) {
            return;
        }
        for (int line = 0; line < lines; line++) {
            int start = line * lineStep;
            for (int t = 0; t < n; t++) {
                scratch[t] = c[start + t * stride];
            }
            filterLine(scratch, n);
            for (int t = 0; t < n; t++) {
                c[start + t * stride] = scratch[t];
            }
        }
    }

    private static void filterAxisStrided(double[] c, int nx, int ny, int nz, double[] scratch) {
        int plane = nx * ny;
        if (ny > 1) {
            for (int k = 0; k < nz; k++) {
                for (int i = 0; i < nx; i++) {
                    int start = i + k * plane;
                    for (int t = 0; t < ny; t++) {
                        scratch[t] = c[start + t * nx];
                    }
                    filterLine(scratch, ny);
                    for (int t = 0; t < ny; t++) {
                        c[start + t * nx] = scratch[t];
                    }
                }
            }
        }
        if (nz > 1) {
            for (int p = 0; p < plane; p++) {
                for (int t = 0; t < nz; t++) {
                    scratch[t] = c[p + t * plane];
                }
                filterLine(scratch, nz);
                for (int t = 0; t < nz; t++) {
                    c[p + t * plane] = scratch[t];
                }
            }
        }
    }

    /**
     * Replaces {@code s[0..n)} by its cubic B-spline coefficients (in place). A line of length 1 is
     * left unchanged, as ITK does.
     */
    public static void filterLine(double[] s, int n) {
        if (n == 1) {
            return;
        }
        double z = POLE;
        double gain = 1.0 * (1.0 - z) * (1.0 - 1.0 / z);
        for (int t = 0; t < n; t++) {
            s[t] *= gain;
        }
        s[0] = initialCausal(s, n, z);
        for (int t = 1; t < n; t++) {
            s[t] += z * s[t - 1];
        }
        s[n - 1] = (z / (z * z - 1.0)) * (z * s[n - 2] + s[n - 1]);
        for (int t = n - 2; t >= 0; t--) {
            s[t] = z * (s[t + 1] - s[t]);
        }
    }

    /** Number of terms of the truncated causal sum: ceil(log(tolerance) / log|z|), 18 for the cubic pole. */
    public static long horizon() {
        return (long) Math.ceil(Math.log(TOLERANCE) / Math.log(Math.abs(POLE)));
    }

    /**
     * First causal coefficient for mirror boundaries: a sum truncated after {@link #horizon()} terms
     * when the line is longer than that, otherwise the exact closed form over the mirrored line.
     */
    private static double initialCausal(double[] s, int n, double z) {
        long horizon = horizon();
        double zn = z;
        if (horizon < n) {
            double sum = s[0];
            for (int t = 1; t < horizon; t++) {
                sum += zn * s[t];
                zn *= z;
            }
            return sum;
        }
        double iz = 1.0 / z;
        double z2n = Math.pow(z, (double) (n - 1));
        double sum = s[0] + z2n * s[n - 1];
        z2n *= z2n * iz;
        for (int t = 1; t <= n - 2; t++) {
            sum += (zn + z2n) * s[t];
            zn *= z;
            z2n *= iz;
        }
        return sum / (1.0 - zn * zn);
    }
}
