package org.radspark.ml;

import java.util.Arrays;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Two-sample tests as scipy.stats (1.10) computes them with default arguments: ttest_ind with
 * equal_var True (Student) and False (Welch), two-sided; mannwhitneyu two-sided with
 * method 'auto' (exact null distribution when either sample has at most 8 values and there are
 * no ties, otherwise the normal approximation with tie correction and continuity correction);
 * Benjamini-Hochberg adjusted p-values.
 */
public final class UnivariateTests {
    private static final NormalDistribution N01 = new NormalDistribution(null, 0, 1);

    private UnivariateTests() {
    }

    public static double studentP(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        double sp = ((n1 - 1) * var(a) + (n2 - 1) * var(b)) / (n1 + n2 - 2);
        double t = (mean(a) - mean(b)) / Math.sqrt(sp * (1.0 / n1 + 1.0 / n2));
        return twoSidedT(t, n1 + n2 - 2);
    }

    public static double welchP(double[] a, double[] b) {
        double va = var(a) / a.length;
        double vb = var(b) / b.length;
        double t = (mean(a) - mean(b)) / Math.sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return twoSidedT(t, df);
    }

    private static double twoSidedT(double t, double df) {
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        return 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
    }

    /** Mann-Whitney U of the first sample (U1). */
    public static double mannWhitneyU(double[] a, double[] b) {
        double[] r = ranks(concat(a, b));
        double r1 = 0;
        for (int i = 0; i < a.length; i++) {
            r1 += r[i];
        }
        return r1 - a.length * (a.length + 1) / 2.0;
    }

    public static double mannWhitneyP(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        double[] all = concat(a, b);
        double u1 = mannWhitneyU(a, b);
        double u = Math.max(u1, (double) n1 * n2 - u1);
        double tie = tieSum(all);
        if ((n1 <= 8 || n2 <= 8) && tie == 0) {
            return Math.min(1.0, 2 * exactSf((int) Math.round(u), n1, n2));
        }
        int n = n1 + n2;
        double mu = n1 * n2 / 2.0;
        double s = Math.sqrt(n1 * (double) n2 / 12.0 * ((n + 1) - tie / (n * (double) (n - 1))));
        double z = (u - mu - 0.5) / s;
        return Math.min(1.0, 2 * N01.cumulativeProbability(-z));
    }

    /** P(U &gt;= u) under H0 without ties, by counting arrangements. */
    static double exactSf(int u, int n1, int n2) {
        int max = n1 * n2;
        // f[i][j][k] counts; rolling over i
        double[][] prev = new double[n2 + 1][];
        for (int j = 0; j <= n2; j++) {
            prev[j] = new double[max + 1];
            prev[j][0] = 1; // i = 0: U = 0 only
        }
        for (int i = 1; i <= n1; i++) {
            double[][] cur = new double[n2 + 1][];
            cur[0] = new double[max + 1];
            cur[0][0] = 1;
            for (int j = 1; j <= n2; j++) {
                cur[j] = new double[max + 1];
                for (int k = 0; k <= i * j; k++) {
                    double v = cur[j - 1][k];
                    if (k - j >= 0) {
                        v += prev[j][k - j];
                    }
                    cur[j][k] = v;
                }
            }
            prev = cur;
        }
        double total = 0;
        double tail = 0;
        for (int k = 0; k <= max; k++) {
            total += prev[n2][k];
            if (k >= u) {
                tail += prev[n2][k];
            }
        }
        return tail / total;
    }

    /** Benjamini-Hochberg adjusted p-values (NaN stays NaN and is not counted). */
    public static double[] benjaminiHochberg(double[] p) {
        int m = 0;
        for (double v : p) {
            if (!Double.isNaN(v)) {
                m++;
            }
        }
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(nanLast(p[x]), nanLast(p[y])));
        double[] adj = new double[p.length];
        Arrays.fill(adj, Double.NaN);
        double running = 1.0;
        for (int r = m - 1; r >= 0; r--) {
            int i = idx[r];
            running = Math.min(running, p[i] * m / (r + 1));
            adj[i] = running;
        }
        return adj;
    }

    private static double nanLast(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    /** Mid-ranks (1-based). */
    public static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = mid;
            }
            i = j + 1;
        }
        return r;
    }

    private static double tieSum(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double t = 0;
        int i = 0;
        while (i < s.length) {
            int j = i;
            while (j + 1 < s.length && s[j + 1] == s[i]) {
                j++;
            }
            double c = j - i + 1;
            t += c * c * c - c;
            i = j + 1;
        }
        return t;
    }

    static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    static double var(double[] a) {
        double m = mean(a);
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return s / (a.length - 1);
    }
}
