package org.radspark.preprocess;

/**
 * Trilinear sampling with ITK LinearInterpolateImageFunction semantics: lerps along x, then y, then z,
 * skipping an axis whose fractional distance is not positive or whose upper neighbour is past the
 * last voxel (so the half voxel beyond the last centre takes the edge value).
 */
public final class LinearInterpolator extends Interpolator {
    private final double[] values;

    public LinearInterpolator(double[] values, int nx, int ny, int nz) {
        super(values, nx, ny, nz);
        this.values = values;
    }

    /** Floor as ITK computes it on 64-bit x86: {@code rint(2x - 0.5) >> 1}. */
    static long floorItk(double x) {
        return ((long) Math.rint(2.0 * x - 0.5)) >> 1;
    }

    @Override
    public double evaluate(double i, double j, double k) {
        int bi = (int) Math.max(floorItk(i), 0);
        int bj = (int) Math.max(floorItk(j), 0);
        int bk = (int) Math.max(floorItk(k), 0);
        double di = i - bi, dj = j - bj, dk = k - bk;
        boolean ax = di > 0 && bi + 1 <= nx - 1;
        boolean ay = dj > 0 && bj + 1 <= ny - 1;
        boolean az = dk > 0 && bk + 1 <= nz - 1;
        int sx = ax ? 1 : 0;
        int sy = ay ? nx : 0;
        int sz = az ? nx * ny : 0;
        int base = bi + nx * (bj + ny * bk);
        double plane0 = bilinear(base, sx, sy, ax, ay, di, dj);
        if (!az) {
            return plane0;
        }
        double plane1 = bilinear(base + sz, sx, sy, ax, ay, di, dj);
        return plane0 + (plane1 - plane0) * dk;
    }

    private double bilinear(int base, int sx, int sy, boolean ax, boolean ay, double di, double dj) {
        double row0 = linear(base, sx, ax, di);
        if (!ay) {
            return row0;
        }
        double row1 = linear(base + sy, sx, ax, di);
        return row0 + (row1 - row0) * dj;
    }

    private double linear(int base, int sx, boolean ax, double di) {
        double v0 = values[base];
        if (!ax) {
            return v0;
        }
        double v1 = values[base + sx];
        return v0 + (v1 - v0) * di;
    }
}
