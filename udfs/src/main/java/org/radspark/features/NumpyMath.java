package org.radspark.features;

/**
 * Small numerical helpers that reproduce numpy's floating-point evaluation order, so that sums and
 * percentiles agree with pyradiomics to the last bits where numpy's algorithm is deterministic.
 */
final class NumpyMath {
    private NumpyMath() {
    }

    /** Pairwise summation as numpy's add.reduce does it on a contiguous float64 array. */
    static double sum(double[] a, int from, int n) {
        if (n < 8) {
            double s = 0.0;
            for (int i = 0; i < n; i++) {
                s += a[from + i];
            }
            return s;
        }
        if (n <= 128) {
            double r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            double r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i = 8;
            int end = n - (n % 8);
            for (; i < end; i += 8) {
                int p = from + i;
                r0 += a[p];
                r1 += a[p + 1];
                r2 += a[p + 2];
                r3 += a[p + 3];
                r4 += a[p + 4];
                r5 += a[p + 5];
                r6 += a[p + 6];
                r7 += a[p + 7];
            }
            double s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                s += a[from + i];
            }
            return s;
        }
        int half = n / 2;
        half -= half % 8;
        return sum(a, from, half) + sum(a, from + half, n - half);
    }

    static double sum(double[] a) {
        return sum(a, 0, a.length);
    }

    static double mean(double[] a) {
        return sum(a) / a.length;
    }

    /**
     * numpy.percentile with the default 'linear' method on an ascending sorted array (q in percent).
     */
    static double percentileSorted(double[] sorted, double q) {
        int n = sorted.length;
        double quantile = q / 100.0;
        double virtualIndex = (n - 1) * quantile;
        double lowerD = Math.floor(virtualIndex);
        double gamma = virtualIndex - lowerD;
        int lower = (int) Math.max(0, Math.min(n - 1, lowerD));
        int upper = Math.min(n - 1, lower + 1);
        if (lowerD >= n - 1) {
            lower = n - 1;
            upper = n - 1;
        }
        return lerp(sorted[lower], sorted[upper], gamma);
    }

    /** numpy's _lerp: interpolate from the nearer end for numerical symmetry. */
    static double lerp(double a, double b, double t) {
        double diff = b - a;
        if (t >= 0.5) {
            return b - diff * (1 - t);
        }
        return a + diff * t;
    }
}
