package org.radspark.ibsi2;

/**
 * Convolution kernels on flat volumes (i fastest, dims {nx, ny, nz}). A 1D kernel is a list of taps:
 * {@code out[n] = sum_t w[t] * in[n + offset[t]]} along one axis, with the outside of the image read
 * through a {@link BoundaryCondition}. One line buffer per call; no allocation per voxel.
 */
public final class Convolver {
    private Convolver() {
    }

    /** Taps of a 1D kernel: weights and the input offset each weight reads. */
    public static final class Taps {
        final double[] w;
        final int[] offset;

        public Taps(double[] w, int[] offset) {
            if (w.length != offset.length || w.length == 0) {
                throw new IllegalArgumentException("taps need as many offsets as weights (at least one)");
            }
            this.w = w.clone();
            this.offset = offset.clone();
        }

        /** A kernel h applied as a true convolution, centred at index {@code h.length / 2}, dilated by {@code step}. */
        public static Taps convolution(double[] h, int step) {
            int c = h.length / 2;
            int[] off = new int[h.length];
            for (int t = 0; t < h.length; t++) {
                off[t] = step * (c - t);
            }
            return new Taps(h, off);
        }

        /** A symmetric (odd-length) kernel centred on its middle tap. */
        public static Taps centred(double[] h) {
            if (h.length % 2 == 0) {
                throw new IllegalArgumentException("a centred kernel needs an odd length, got " + h.length);
            }
            int r = h.length / 2;
            int[] off = new int[h.length];
            for (int t = 0; t < h.length; t++) {
                off[t] = t - r;
            }
            return new Taps(h, off);
        }

        int reach() {
            int m = 0;
            for (int o : offset) {
                m = Math.max(m, Math.abs(o));
            }
            return m;
        }
    }

    /** Convolves {@code in} along {@code axis} (0 = i, 1 = j, 2 = k) into a new array. */
    public static double[] along(double[] in, int[] dims, int axis, Taps taps, BoundaryCondition bc) {
        int nx = dims[0], ny = dims[1], nz = dims[2];
        int n = dims[axis];
        int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
        int pad = taps.reach();
        double[] line = new double[n + 2 * pad];
        double[] out = new double[in.length];
        double[] w = taps.w;
        int[] off = taps.offset;
        int lines = in.length / n;
        for (int l = 0; l < lines; l++) {
            int base;
            if (axis == 0) {
                base = l * nx;
            } else if (axis == 1) {
                base = (l / nx) * nx * ny + (l % nx);
            } else {
                base = l;
            }
            for (int p = -pad; p < n + pad; p++) {
                int q = bc.map(p, n);
                line[p + pad] = q < 0 ? 0.0 : in[base + q * stride];
            }
            for (int p = 0; p < n; p++) {
                double s = 0;
                int at = p + pad;
                for (int t = 0; t < w.length; t++) {
                    s += w[t] * line[at + off[t]];
                }
                out[base + p * stride] = s;
            }
        }
        return out;
    }

    /**
     * Non-separable complex 2D convolution in the plane of axes (a, b), for every position along the
     * third axis. Kernel {@code kr + i*ki} is (2ra+1) x (2rb+1), index {@code u + (2ra+1) * v} for offsets
     * (u - ra, v - rb); applied as a true convolution. Returns the modulus of the complex response.
     */
    public static double[] planeModulus(double[] in, int[] dims, int a, int b, double[] kr, double[] ki,
                                        int ra, int rb, BoundaryCondition bc) {
        int c = 3 - a - b;
        int na = dims[a], nb = dims[b], nc = dims[c];
        int[] stride = {1, dims[0], dims[0] * dims[1]};
        int sa = stride[a], sb = stride[b], sc = stride[c];
        int wa = na + 2 * ra, wb = nb + 2 * rb;
        int ka = 2 * ra + 1, kb = 2 * rb + 1;
        double[] plane = new double[wa * wb];
        double[] out = new double[in.length];
        for (int z = 0; z < nc; z++) {
            int base = z * sc;
            for (int v = -rb; v < nb + rb; v++) {
                int qv = bc.map(v, nb);
                for (int u = -ra; u < na + ra; u++) {
                    int qu = bc.map(u, na);
                    plane[(u + ra) + wa * (v + rb)] = qu < 0 || qv < 0 ? 0.0 : in[base + qu * sa + qv * sb];
                }
            }
            for (int y = 0; y < nb; y++) {
                for (int x = 0; x < na; x++) {
                    double sr = 0, si = 0;
                    for (int v = 0; v < kb; v++) {
                        // true convolution: kernel offset (u-ra, v-rb) reads the input at (x-(u-ra), y-(v-rb))
                        int row = (x + 2 * ra) + wa * (y + 2 * rb - v);
                        int krow = ka * v;
                        for (int u = 0; u < ka; u++) {
                            double val = plane[row - u];
                            sr += kr[krow + u] * val;
                            si += ki[krow + u] * val;
                        }
                    }
                    out[base + x * sa + y * sb] = Math.sqrt(sr * sr + si * si);
                }
            }
        }
        return out;
    }
}
