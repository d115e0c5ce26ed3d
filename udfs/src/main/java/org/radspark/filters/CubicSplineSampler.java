package org.radspark.filters;

import org.radspark.image.Geometry;

/**
 * Cubic B-spline sampling of a volume at index coordinates as scipy.ndimage.map_coordinates(order=3,
 * mode='constant', cval=0) does it, for pyradiomics' LBP3D: the volume is first turned into spline
 * coefficients along each axis (pole sqrt(3) - 2, gain 6, whole-sample mirror boundaries); a point whose
 * coordinate on some axis lies outside [0, n - 1] gives 0, any other point sums the 4x4x4 coefficients
 * around it (mirrored at the edges) with the cubic B-spline weights.
 */
final class CubicSplineSampler {
    private static final double POLE = Math.sqrt(3.0) - 2.0;

    private final int nx, ny, nz;
    private final double[] coefficients;

    CubicSplineSampler(Geometry g, double[] voxels) {
        nx = g.nx();
        ny = g.ny();
        nz = g.nz();
        coefficients = voxels.clone();
        int[] n = {nx, ny, nz};
        int[] stride = {1, nx, nx * ny};
        double[] line = new double[Math.max(nx, Math.max(ny, nz))];
        for (int axis : new int[] {2, 1, 0}) { // numpy axis order z, y, x
            int len = n[axis];
            if (len < 2) {
                continue;
            }
            int a = axis == 0 ? 1 : 0, b = axis == 2 ? 1 : 2;
            for (int ib = 0; ib < n[b]; ib++) {
                for (int ia = 0; ia < n[a]; ia++) {
                    int start = ia * stride[a] + ib * stride[b];
                    for (int t = 0; t < len; t++) {
                        line[t] = coefficients[start + t * stride[axis]];
                    }
                    filter(line, len);
                    for (int t = 0; t < len; t++) {
                        coefficients[start + t * stride[axis]] = line[t];
                    }
                }
            }
        }
    }

    /** Interpolation coefficients of one line in place (causal then anti-causal recursion). */
    private static void filter(double[] c, int n) {
        double z = POLE;
        double gain = (1 - z) * (1 - 1 / z);
        for (int i = 0; i < n; i++) {
            c[i] *= gain;
        }
        // causal initial value: the recursion run over the mirrored, periodic extension of the line
        double zn1 = Math.pow(z, n - 1);
        double c0 = c[0] + zn1 * c[n - 1];
        double zi = z;
        for (int i = 1; i < n - 1; i++) {
            c0 += zi * (c[i] + zn1 * c[n - 1 - i]);
            zi *= z;
        }
        c[0] = c0 / (1 - zn1 * zn1);
        for (int i = 1; i < n; i++) {
            c[i] += z * c[i - 1];
        }
        c[n - 1] = (z * c[n - 2] + c[n - 1]) * z / (z * z - 1);
        for (int i = n - 2; i >= 0; i--) {
            c[i] = z * (c[i + 1] - c[i]);
        }
    }

    private static int mirror(int k, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        k = Math.floorMod(k, period);
        return k < n ? k : period - k;
    }

    private static void weights(double t, double[] w) {
        double t2 = t * t, t3 = t2 * t, s = 1 - t;
        w[0] = s * s * s / 6.0;
        w[1] = (4.0 - 6.0 * t2 + 3.0 * t3) / 6.0;
        w[2] = (1.0 + 3.0 * t + 3.0 * t2 - 3.0 * t3) / 6.0;
        w[3] = t3 / 6.0;
    }

    /** The spline's value at index coordinates (x, y, z); 0 outside the grid. */
    double sample(double x, double y, double z) {
        if (!(x >= 0 && x <= nx - 1 && y >= 0 && y <= ny - 1 && z >= 0 && z <= nz - 1)) {
            return 0.0;
        }
        int fx = (int) Math.floor(x), fy = (int) Math.floor(y), fz = (int) Math.floor(z);
        double[] wx = new double[4], wy = new double[4], wz = new double[4];
        weights(x - fx, wx);
        weights(y - fy, wy);
        weights(z - fz, wz);
        double sum = 0;
        for (int c = 0; c < 4; c++) {
            int kz = mirror(fz - 1 + c, nz) * nx * ny;
            for (int b = 0; b < 4; b++) {
                int jy = mirror(fy - 1 + b, ny) * nx;
                double row = 0;
                for (int a = 0; a < 4; a++) {
                    row += wx[a] * coefficients[kz + jy + mirror(fx - 1 + a, nx)];
                }
                sum += wz[c] * wy[b] * row;
            }
        }
        return sum;
    }
}
