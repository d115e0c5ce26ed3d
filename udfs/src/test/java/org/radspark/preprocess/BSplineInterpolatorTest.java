package org.radspark.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BSplineInterpolatorTest {

    @Test
    void reproducesTheSamplesAtGridPoints() {
        // Axes shorter than the 18-term horizon use ITK's exact mirror initialisation, so the only error
        // is rounding.
        int nx = 7, ny = 6, nz = 5;
        double[] v = randomVolume(nx, ny, nz, 100.0, 1);
        BSplineInterpolator b = new BSplineInterpolator(v, nx, ny, nz);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    assertEquals(v[i + nx * (j + ny * k)], b.evaluate(i, j, k), 1e-9);
                }
            }
        }
    }

    @Test
    void reproducesGridPointsOnLongAxesAndSingleSlices() {
        // 30 > horizon (truncated causal start, error ~|z|^18 * 6 * max|v| / (1-|z|)^2 ~ 6e-9 for |v| <= 1)
        // and an axis of length 1, which ITK leaves unfiltered and samples with all indices at 0.
        int nx = 30, ny = 4, nz = 1;
        double[] v = randomVolume(nx, ny, nz, 1.0, 2);
        BSplineInterpolator b = new BSplineInterpolator(v, nx, ny, nz);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                assertEquals(v[i + nx * j], b.evaluate(i, j, 0), 1e-8);
            }
        }
    }

    @Test
    void reproducesACubicPolynomialInTheInterior() {
        // Cubic B-spline interpolation is exact for polynomials of degree <= 3 per axis on an unbounded
        // grid. Mirror boundaries disturb the coefficients near the border by a factor ~|z|^distance
        // (|z| = 0.268), so points >= 20 voxels from every border are exact to ~1e-11 here.
        int n = 48;
        double[] v = new double[n * n * n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    v[i + n * (j + n * k)] = cubic(i, j, k, n);
                }
            }
        }
        BSplineInterpolator b = new BSplineInterpolator(v, n, n, n);
        Random r = new Random(3);
        for (int t = 0; t < 500; t++) {
            double x = 20 + 8 * r.nextDouble(), y = 20 + 8 * r.nextDouble(), z = 20 + 8 * r.nextDouble();
            assertEquals(cubic(x, y, z, n), b.evaluate(x, y, z), 1e-10);
        }
    }

    private static double cubic(double x, double y, double z, int n) {
        double u = x / n, v = y / n, w = z / n;
        return u * u * u - 0.5 * u * u + 0.25 * v * v * v + v * w - w * w + u * v * w + 1.0;
    }

    @Test
    void recursiveFilterMatchesDenseMirrorSystem() {
        // Coefficients c solve (c[n-1] + 4 c[n] + c[n+1]) / 6 = f[n] with mirror ends c[-1] = c[1],
        // c[N] = c[N-2]. Solved here by Gaussian elimination, independently of the recursive filter.
        // N = 12 (< horizon 18): ITK's initialisation is the exact mirror sum, agreement to rounding.
        double[] f = {3, -1, 4, 1, -5, 9, 2, -6, 5, 3, -5, 8};
        assertArrayClose(solveMirrorSystem(f), filtered(f), 1e-12);
        // N = 40 (> horizon): the causal start is truncated after 18 terms, an error bounded by
        // |z|^18 / (1 - |z|) * max|6 f| / (1 - |z|) ~ 6e-10 * max|f| that decays away from index 0.
        double[] g = new double[40];
        Random r = new Random(4);
        for (int t = 0; t < g.length; t++) {
            g[t] = 2 * r.nextDouble() - 1;
        }
        assertArrayClose(solveMirrorSystem(g), filtered(g), 1e-9);
        assertEquals(18, BSplineDecomposition.horizon());
    }

    @Test
    void lineOfLengthTwoAndOne() {
        // N = 2: mirror system rows (4 c0 + 2 c1) / 6 = f0 and (2 c0 + 4 c1) / 6 = f1; N = 1 is left as is.
        double[] f = {1.0, 4.0};
        assertArrayClose(solveMirrorSystem(f), filtered(f), 1e-12);
        assertArrayClose(new double[] {7.0}, filtered(new double[] {7.0}), 0);
    }

    @Test
    void mirrorIndexing() {
        // whole-sample symmetric extension of 0..4: ... 2 1 [0 1 2 3 4] 3 2 ...
        int[] expected = {2, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1};
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], BSplineInterpolator.mirror(t - 2, 5), "index " + (t - 2));
        }
        assertEquals(0, BSplineInterpolator.mirror(-2, 1));
        assertEquals(1, BSplineInterpolator.mirror(3, 2));
    }

    @Test
    void weightsSumToOneAndFollowItkSupport() {
        double[] w = new double[4];
        int[] idx = new int[4];
        BSplineInterpolator.axisSupport(2.25, 10, w, idx, 0);
        assertArrayClose(new double[] {1, 2, 3, 4}, new double[] {idx[0], idx[1], idx[2], idx[3]}, 0);
        double d = 0.25;
        assertEquals((1 - d) * (1 - d) * (1 - d) / 6, w[0], 1e-15);
        assertEquals(d * d * d / 6, w[3], 1e-15);
        assertEquals(1.0, w[0] + w[1] + w[2] + w[3], 1e-15);
        // ITK picks the support from the coordinate rounded to float: 2.99999999999 -> 3.0f -> start 2,
        // leaving a slightly negative distance.
        BSplineInterpolator.axisSupport(2.99999999999, 10, w, idx, 0);
        assertEquals(2, idx[0]);
        assertTrue(w[3] < 0);
    }

    private static double[] filtered(double[] f) {
        double[] s = f.clone();
        BSplineDecomposition.filterLine(s, s.length);
        return s;
    }

    static double[] solveMirrorSystem(double[] f) {
        int n = f.length;
        if (n == 1) {
            return f.clone();
        }
        double[][] a = new double[n][n + 1];
        for (int r = 0; r < n; r++) {
            a[r][r] += 4.0 / 6.0;
            a[r][r == 0 ? 1 : r - 1] += 1.0 / 6.0;
            a[r][r == n - 1 ? n - 2 : r + 1] += 1.0 / 6.0;
            a[r][n] = f[r];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double factor = a[r][c] / a[c][c];
                    for (int t = c; t <= n; t++) {
                        a[r][t] -= factor * a[c][t];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = 0; r < n; r++) {
            x[r] = a[r][n] / a[r][r];
        }
        return x;
    }

    static double[] randomVolume(int nx, int ny, int nz, double scale, long seed) {
        Random r = new Random(seed);
        double[] v = new double[nx * ny * nz];
        for (int t = 0; t < v.length; t++) {
            v[t] = scale * r.nextDouble();
        }
        return v;
    }

    static void assertArrayClose(double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], actual[t], tol, "element " + t);
        }
    }
}
