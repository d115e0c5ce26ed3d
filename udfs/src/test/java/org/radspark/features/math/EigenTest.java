package org.radspark.features.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EigenTest {
    private static double[][] solve(double[] a, int n) {
        double[] re = new double[n], im = new double[n];
        Eigen.eigenvalues(a.clone(), n, re, im);
        Integer[] order = new Integer[n];
        for (int t = 0; t < n; t++) {
            order[t] = t;
        }
        Arrays.sort(order, (x, y) -> re[x] != re[y] ? Double.compare(re[x], re[y]) : Double.compare(im[x], im[y]));
        double[][] out = new double[2][n];
        for (int t = 0; t < n; t++) {
            out[0][t] = re[order[t]];
            out[1][t] = im[order[t]];
        }
        return out;
    }

    @Test
    void companionMatrixWithRealAndComplexRoots() {
        // (x-1)(x-2)(x-3)(x^2+1) = x^5 - 6x^4 + 12x^3 - 12x^2 + 11x - 6
        double[] c = {-6, 11, -12, 12, -6};
        int n = 5;
        double[] a = new double[n * n];
        for (int i = 1; i < n; i++) {
            a[i * n + i - 1] = 1;
        }
        for (int i = 0; i < n; i++) {
            a[i * n + n - 1] = -c[i];
        }
        double[][] ev = solve(a, n);
        assertArrayEquals(new double[] {0, 0, 1, 2, 3}, ev[0], 1e-9);
        assertArrayEquals(new double[] {-1, 1, 0, 0, 0}, ev[1], 1e-9);
    }

    @Test
    void symmetricMatrixMatchesTraceAndKnownSpectrum() {
        // tridiagonal (2, -1) matrix: eigenvalues 2 - 2 cos(k pi / (n + 1))
        int n = 8;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 2;
            if (i > 0) {
                a[i * n + i - 1] = -1;
                a[(i - 1) * n + i] = -1;
            }
        }
        double[] expected = new double[n];
        for (int k = 1; k <= n; k++) {
            expected[k - 1] = 2 - 2 * Math.cos(k * Math.PI / (n + 1));
        }
        Arrays.sort(expected);
        double[][] ev = solve(a, n);
        assertArrayEquals(expected, ev[0], 1e-12);
        assertArrayEquals(new double[n], ev[1], 1e-12);
    }

    @Test
    void badlyScaledSimilarityKeepsTheSpectrum() {
        // M = D^-1 (H T H) D: T upper triangular with diagonal 1..6, H a Householder reflection (its own inverse),
        // D a diagonal scaling over ten orders of magnitude that balancing has to undo
        int n = 6;
        Random rnd = new Random(7);
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) {
            t[i * n + i] = i + 1;
            for (int j = i + 1; j < n; j++) {
                t[i * n + j] = rnd.nextDouble();
            }
        }
        double[] v = {1, -2, 0.5, 3, -1, 2};
        double vv = 0;
        for (double x : v) {
            vv += x * x;
        }
        double[] h = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i * n + j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv;
            }
        }
        double[] m = multiply(multiply(h, t, n), h, n);
        double[] d = {1e-6, 1, 1e4, 3, 1e-3, 50};
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i * n + j] *= d[j] / d[i];
            }
        }
        double[][] ev = solve(m, n);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, ev[0], 1e-9);
        assertArrayEquals(new double[n], ev[1], 1e-9);
    }

    private static double[] multiply(double[] x, double[] y, int n) {
        double[] r = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    r[i * n + j] += x[i * n + k] * y[k * n + j];
                }
            }
        }
        return r;
    }

    @Test
    void rejectsNonFiniteInput() {
        assertThrows(ArithmeticException.class,
            () -> Eigen.eigenvalues(new double[] {1, Double.NaN, 0, 1}, 2, new double[2], new double[2]));
    }
}
