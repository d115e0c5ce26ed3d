package org.radspark.filters;

/** Helpers shared by the voxel-wise image types. */
final class PointFilters {
    private PointFilters() {
    }

    /** max|x| over the whole image, NaN when any voxel is NaN (as numpy.max). */
    static double maxAbs(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            double a = Math.abs(x);
            if (a > m || Double.isNaN(a)) {
                m = a;
                if (Double.isNaN(a)) {
                    return a;
                }
            }
        }
        return m;
    }
}
