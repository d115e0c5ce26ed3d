package org.radspark.preprocess;

/** Nearest-neighbour sampling with ITK NearestNeighborInterpolateImageFunction semantics (Math::RoundHalfIntegerUp). */
public final class NearestNeighborInterpolator extends Interpolator {
    private final double[] values;

    public NearestNeighborInterpolator(double[] values, int nx, int ny, int nz) {
        super(values, nx, ny, nz);
        this.values = values;
    }

    /**
     * Rounds half-way cases up, computed as ITK does it on 64-bit x86 ({@code rint(2x + 0.5) >> 1},
     * with round-half-to-even {@code rint}); this stays exact where floor(x + 0.5) would round the
     * sum, e.g. for odd integers above 2^52.
     */
    public static long roundHalfUp(double x) {
        return ((long) Math.rint(2.0 * x + 0.5)) >> 1;
    }

    /** Linear index (i fastest) of the voxel nearest to a continuous index that is inside the buffer. */
    public static int nearestIndex(double i, double j, double k, int nx, int ny) {
        return (int) roundHalfUp(i) + nx * ((int) roundHalfUp(j) + ny * (int) roundHalfUp(k));
    }

    @Override
    public double evaluate(double i, double j, double k) {
        return values[nearestIndex(i, j, k, nx, ny)];
    }
}
