package org.radspark.preprocess;

/**
 * Samples one scalar volume (i fastest) at continuous voxel indices, as ITK's
 * InterpolateImageFunction subclasses do. Instances may keep scratch state and are not thread-safe.
 */
public abstract class Interpolator {
    protected final int nx, ny, nz;

    protected Interpolator(double[] values, int nx, int ny, int nz) {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("volume size must be positive: " + nx + "x" + ny + "x" + nz);
        }
        if (values.length != (long) nx * ny * nz) {
            throw new IllegalArgumentException("volume has " + values.length + " values, size needs "
                + (long) nx * ny * nz);
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
    }

    /** Builds the interpolator of the given kind over {@code values} (not copied; must not change). */
    public static Interpolator create(InterpolatorType type, double[] values, int nx, int ny, int nz) {
        switch (type) {
            case NEAREST_NEIGHBOR:
                return new NearestNeighborInterpolator(values, nx, ny, nz);
            case LINEAR:
                return new LinearInterpolator(values, nx, ny, nz);
            case BSPLINE:
                return new BSplineInterpolator(values, nx, ny, nz);
            default:
                throw new IllegalArgumentException("interpolator '" + type.sitkName()
                    + "' is not supported; use sitkNearestNeighbor, sitkLinear or sitkBSpline");
        }
    }

    /**
     * ITK's ImageFunction::IsInsideBuffer for a continuous index: every coordinate must satisfy
     * {@code -0.5 <= c < size - 0.5} (upper bound exclusive; NaN is outside). Points failing this get
     * the resampler's default value instead of being interpolated.
     */
    public final boolean isInsideBuffer(double i, double j, double k) {
        return insideAxis(i, nx) && insideAxis(j, ny) && insideAxis(k, nz);
    }

    static boolean insideAxis(double c, int n) {
        return c >= -0.5 && c < n - 0.5;
    }

    /** Interpolated value at continuous index (i, j, k); the caller checks {@link #isInsideBuffer} first. */
    public abstract double evaluate(double i, double j, double k);

    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }
}
