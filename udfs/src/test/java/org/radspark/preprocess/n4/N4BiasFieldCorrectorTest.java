package org.radspark.preprocess.n4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;

class N4BiasFieldCorrectorTest {
    static final int N = 64;
    static final double[] CLASS_MEAN = {100, 65, 35};

    /** Tissue class of a voxel (0..2), -1 outside the head-like sphere. */
    static int tissue(int i, int j, int k) {
        double x = (i - 31.5) / 30, y = (j - 31.5) / 30, z = (k - 31.5) / 30;
        double r = Math.sqrt(x * x + y * y + z * z);
        if (r > 1) {
            return -1;
        }
        // nested shells with interleaved blobs, so every class spans the whole field of view
        double blob = Math.sin(7 * x) * Math.sin(6 * y) * Math.sin(5 * z + 0.5);
        if (r > 0.85) {
            return 2;
        }
        return blob > 0.15 ? 0 : blob < -0.25 ? 2 : 1;
    }

    /** Log of the true bias: a low-order polynomial, about +-30 % at the extremes. */
    static double logBias(int i, int j, int k) {
        double x = (i - 31.5) / 31.5, y = (j - 31.5) / 31.5, z = (k - 31.5) / 31.5;
        return 0.19 * x - 0.14 * y * y + 0.12 * z + 0.08 * x * z - 0.07 * y;
    }

    @Test
    void recoversASmoothPolynomialBias() {
        Geometry g = new Geometry(N, N, N, new double[] {1, 1, 1}, new double[3], Geometry.identityDirection());
        Random rnd = new Random(11);
        double[] clean = new double[N * N * N], biased = new double[clean.length], trueBias = new double[clean.length];
        int[] labels = new int[clean.length], cls = new int[clean.length];
        for (int k = 0; k < N; k++) {
            for (int j = 0; j < N; j++) {
                for (int i = 0; i < N; i++) {
                    int idx = i + N * (j + N * k);
                    int t = tissue(i, j, k);
                    cls[idx] = t;
                    double v = t < 0 ? 2 + rnd.nextGaussian() * 0.5 : CLASS_MEAN[t] + rnd.nextGaussian() * 3;
                    clean[idx] = Math.max(v, 0.1);
                    trueBias[idx] = Math.exp(logBias(i, j, k));
                    biased[idx] = clean[idx] * trueBias[idx];
                    labels[idx] = t < 0 ? 0 : 1;
                }
            }
        }
        N4Settings s = N4Settings.fromMap(Map.of("n4ShrinkFactor", 2));
        long t0 = System.nanoTime();
        N4BiasFieldCorrector.Result r = new N4BiasFieldCorrector(s).correct(new Image(g, biased), new Mask(g, labels));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        double[] est = r.biasField().voxels(), corr = r.corrected().voxels();
        double pearson = pearson(est, trueBias, labels);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0) {
                lo = Math.min(lo, trueBias[i]);
                hi = Math.max(hi, trueBias[i]);
            }
        }
        StringBuilder report = new StringBuilder(String.format(java.util.Locale.ROOT,
            "N4 %d ms, true bias %.2f..%.2f in the mask, iterations %s, last convergence %.2e,"
                + " Pearson(field, true) = %.4f%n", ms, lo, hi,
            java.util.Arrays.toString(r.iterationsPerLevel()), r.lastConvergence(), pearson));
        boolean ok = pearson > 0.95;
        for (int c = 0; c < 3; c++) {
            double cvClean = cov(clean, cls, c), cvBiased = cov(biased, cls, c), cvCorr = cov(corr, cls, c);
            report.append(String.format(java.util.Locale.ROOT,
                "  class %d (mean %.0f): CoV clean %.4f, biased %.4f, corrected %.4f (%+.1f %% of clean)%n", c,
                CLASS_MEAN[c], cvClean, cvBiased, cvCorr, 100 * (cvCorr / cvClean - 1)));
            ok &= Math.abs(cvCorr - cvClean) <= 0.10 * cvClean;
        }
        System.out.print(report);
        assertTrue(ok, report.toString());
    }

    static double cov(double[] v, int[] cls, int c) {
        double s = 0, s2 = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (cls[i] == c) {
                s += v[i];
                s2 += v[i] * v[i];
                n++;
            }
        }
        double mean = s / n;
        return Math.sqrt((s2 - n * mean * mean) / (n - 1)) / mean;
    }

    static double pearson(double[] a, double[] b, int[] mask) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (mask[i] != 0) {
                sa += a[i];
                sb += b[i];
                saa += a[i] * a[i];
                sbb += b[i] * b[i];
                sab += a[i] * b[i];
                n++;
            }
        }
        double cov = sab - sa * sb / n, va = saa - sa * sa / n, vb = sbb - sb * sb / n;
        return cov / Math.sqrt(va * vb);
    }

    @Test
    void latticeRefinementKeepsTheFunctionAndBasisSumsToOne() {
        Random rnd = new Random(3);
        for (int order = 1; order <= 3; order++) {
            BSplineLattice coarse = new BSplineLattice(order, new int[] {1, 2, 1}, new double[] {20, 16, 9});
            for (int i = 0; i < coarse.coefficients.length; i++) {
                coarse.coefficients[i] = rnd.nextGaussian();
            }
            BSplineLattice fine = coarse.refine();
            double[][] c = {{0, 3.3, 10, 19.99, 20}, {0, 7.5, 8, 16}, {0, 4.5, 9}};
            BSplineLattice.AxisBasis[] a = new BSplineLattice.AxisBasis[3], b = new BSplineLattice.AxisBasis[3];
            for (int d = 0; d < 3; d++) {
                a[d] = coarse.basis(d, c[d]);
                b[d] = fine.basis(d, c[d]);
                for (int p = 0; p < c[d].length; p++) {
                    double sum = 0;
                    for (int q = 0; q <= order; q++) {
                        sum += a[d].weight[p * (order + 1) + q];
                    }
                    assertEquals(1, sum, 1e-12);
                }
            }
            for (int x = 0; x < c[0].length; x++) {
                for (int y = 0; y < c[1].length; y++) {
                    for (int z = 0; z < c[2].length; z++) {
                        assertEquals(coarse.evaluate(a[0], a[1], a[2], x, y, z), fine.evaluate(b[0], b[1], b[2], x, y, z),
                            1e-12, "order " + order);
                    }
                }
            }
        }
    }

    @Test
    void settingsFromParameterNames() {
        N4Settings s = N4Settings.fromMap(Map.of("n4ShrinkFactor", 3, "n4Iterations", List.of(20, 10),
            "n4ConvergenceThreshold", 1e-4, "n4SplineOrder", 2, "n4ControlPoints", 6, "n4Mask", false));
        assertEquals(3, s.shrinkFactor());
        assertArrayEquals(new int[] {20, 10}, s.iterations());
        assertArrayEquals(new int[] {6, 6, 6}, s.controlPoints());
        assertEquals(2, s.splineOrder());
        assertEquals(false, s.mask());
        assertEquals(0.01, s.wienerNoise());
        assertThrows(IllegalArgumentException.class, () -> N4Settings.fromMap(Map.of("n4ControlPoints", List.of(3, 4, 4))));
        assertThrows(IllegalArgumentException.class, () -> N4Settings.fromMap(Map.of("n4Mask", "yes")));
    }
}
