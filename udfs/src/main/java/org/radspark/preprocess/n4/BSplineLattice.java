package org.radspark.preprocess.n4;

/**
 * Uniform tensor-product B-spline of degree d over the index box [0, n_a - 1] of a 3D grid, with S_a spans
 * per axis and S_a + d control points (Lee, Wolberg and Shin 1997). Inside span s with local coordinate t
 * the value is sum over a of c[s + a] * N_d(t + d - a), N_d the cardinal B-spline on [0, d + 1].
 */
final class BSplineLattice {
    final int order;
    final int[] spans;
    final int[] size; // control points per axis
    final double[] extent; // n_a - 1 (1 for single-voxel axes)
    final double[] coefficients;

    BSplineLattice(int order, int[] spans, double[] extent) {
        this.order = order;
        this.spans = spans.clone();
        this.extent = extent.clone();
        this.size = new int[] {spans[0] + order, spans[1] + order, spans[2] + order};
        this.coefficients = new double[size[0] * size[1] * size[2]];
    }

    /** Cardinal B-spline of degree d at x (support [0, d + 1]). */
    static double cardinal(int d, double x) {
        if (x < 0 || x >= d + 1) {
            return 0;
        }
        if (d == 0) {
            return 1;
        }
        return (x * cardinal(d - 1, x) + (d + 1 - x) * cardinal(d - 1, x - 1)) / d;
    }

    /** Span index and the d+1 basis weights of every coordinate along one axis. */
    static final class AxisBasis {
        final int[] span;
        final double[] weight; // (d + 1) per coordinate

        AxisBasis(int[] span, double[] weight) {
            this.span = span;
            this.weight = weight;
        }
    }

    AxisBasis basis(int axis, double[] coordinates) {
        int d = order;
        int[] span = new int[coordinates.length];
        double[] w = new double[coordinates.length * (d + 1)];
        for (int i = 0; i < coordinates.length; i++) {
            double u = coordinates[i] / extent[axis] * spans[axis];
            int s = (int) Math.floor(u);
            if (s >= spans[axis]) {
                s = spans[axis] - 1;
            }
            if (s < 0) {
                s = 0;
            }
            double t = u - s;
            span[i] = s;
            for (int a = 0; a <= d; a++) {
                w[i * (d + 1) + a] = cardinal(d, t + d - a);
            }
        }
        return new AxisBasis(span, w);
    }

    /**
     * One pass of Lee-Wolberg-Shin B-spline approximation of the values at grid points (ix, iy, iz) taken
     * from the three axis bases: returns the control-point increments (zero where no point has support).
     */
    double[] approximate(AxisBasis bx, AxisBasis by, AxisBasis bz, int[] px, int[] py, int[] pz, double[] values) {
        int d1 = order + 1;
        double[] num = new double[coefficients.length];
        double[] den = new double[coefficients.length];
        double[] w = new double[d1 * d1 * d1];
        for (int p = 0; p < values.length; p++) {
            int x = px[p], y = py[p], z = pz[p];
            double sum2 = 0;
            int n = 0;
            for (int c = 0; c < d1; c++) {
                double wz = bz.weight[z * d1 + c];
                for (int b = 0; b < d1; b++) {
                    double wyz = by.weight[y * d1 + b] * wz;
                    for (int a = 0; a < d1; a++) {
                        double v = bx.weight[x * d1 + a] * wyz;
                        w[n++] = v;
                        sum2 += v * v;
                    }
                }
            }
            if (sum2 == 0) {
                continue;
            }
            double r = values[p] / sum2;
            n = 0;
            int sx = bx.span[x], sy = by.span[y], sz = bz.span[z];
            for (int c = 0; c < d1; c++) {
                for (int b = 0; b < d1; b++) {
                    int row = (sx) + size[0] * ((sy + b) + size[1] * (sz + c));
                    for (int a = 0; a < d1; a++, n++) {
                        double v = w[n];
                        double v2 = v * v;
                        num[row + a] += v2 * v * r;
                        den[row + a] += v2;
                    }
                }
            }
        }
        for (int i = 0; i < num.length; i++) {
            num[i] = den[i] > 0 ? num[i] / den[i] : 0;
        }
        return num;
    }

    void add(double[] delta) {
        for (int i = 0; i < coefficients.length; i++) {
            coefficients[i] += delta[i];
        }
    }

    /** Value at grid point (x, y, z) of the three axis bases. */
    double evaluate(AxisBasis bx, AxisBasis by, AxisBasis bz, int x, int y, int z) {
        int d1 = order + 1;
        int sx = bx.span[x], sy = by.span[y], sz = bz.span[z];
        double s = 0;
        for (int c = 0; c < d1; c++) {
            double wz = bz.weight[z * d1 + c];
            for (int b = 0; b < d1; b++) {
                double wyz = by.weight[y * d1 + b] * wz;
                int row = sx + size[0] * ((sy + b) + size[1] * (sz + c));
                for (int a = 0; a < d1; a++) {
                    s += bx.weight[x * d1 + a] * wyz * coefficients[row + a];
                }
            }
        }
        return s;
    }

    /**
     * The same function on a lattice with twice the spans per axis (B-spline two-scale relation:
     * N_d(x) = 2^-d sum_k C(d+1, k) N_d(2x - k)), so fitting can continue at a finer resolution.
     */
    BSplineLattice refine() {
        BSplineLattice fine = new BSplineLattice(order, new int[] {2 * spans[0], 2 * spans[1], 2 * spans[2]}, extent);
        double[] mask = new double[order + 2];
        for (int k = 0; k <= order + 1; k++) {
            mask[k] = binomial(order + 1, k) / Math.pow(2, order);
        }
        // refine axis by axis: c'_m = sum_j mask[m - 2j + d] c_j
        double[] cur = coefficients.clone();
        int[] dims = size.clone();
        for (int axis = 0; axis < 3; axis++) {
            int[] nd = dims.clone();
            nd[axis] = fine.size[axis];
            double[] next = new double[nd[0] * nd[1] * nd[2]];
            int[] strideOld = {1, dims[0], dims[0] * dims[1]};
            int[] strideNew = {1, nd[0], nd[0] * nd[1]};
            for (int k = 0; k < nd[2]; k++) {
                for (int j = 0; j < nd[1]; j++) {
                    for (int i = 0; i < nd[0]; i++) {
                        int[] at = {i, j, k};
                        int m = at[axis];
                        double s = 0;
                        for (int c = 0; c < dims[axis]; c++) {
                            int kk = m - 2 * c + order;
                            if (kk < 0 || kk > order + 1) {
                                continue;
                            }
                            at[axis] = c;
                            s += mask[kk] * cur[at[0] * strideOld[0] + at[1] * strideOld[1] + at[2] * strideOld[2]];
                        }
                        at[axis] = m;
                        next[i * strideNew[0] + j * strideNew[1] + k * strideNew[2]] = s;
                    }
                }
            }
            cur = next;
            dims = nd;
        }
        System.arraycopy(cur, 0, fine.coefficients, 0, cur.length);
        return fine;
    }

    private static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
