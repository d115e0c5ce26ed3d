package org.radspark.ibsi;

import java.util.Arrays;

/** Shared statistics of the IBSI first-order families (IBSI-1 manual sections 3.3 and 3.4). */
final class IbsiStats {

    private IbsiStats() {
    }

    /**
     * Percentile with linear interpolation between closest ranks (position p (n - 1) in the sorted
     * values), the convention of most IBSI-compliant software.
     */
    static double percentile(double[] sorted, double p) {
        double h = p * (sorted.length - 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Central moment of the given order (divided by n). */
    static double moment(double[] x, double mean, int order) {
        double s = 0;
        for (double v : x) {
            s += Math.pow(v - mean, order);
        }
        return s / x.length;
    }

    static double meanAbsDeviation(double[] x, double centre) {
        double s = 0;
        for (double v : x) {
            s += Math.abs(v - centre);
        }
        return s / x.length;
    }

    /** Mean absolute deviation from the mean of the values within [P10, P90]. */
    static double robustMeanAbsDeviation(double[] sorted) {
        double p10 = percentile(sorted, 0.10), p90 = percentile(sorted, 0.90);
        double s = 0;
        int n = 0;
        for (double v : sorted) {
            if (v >= p10 && v <= p90) {
                s += v;
                n++;
            }
        }
        double m = s / n, d = 0;
        for (double v : sorted) {
            if (v >= p10 && v <= p90) {
                d += Math.abs(v - m);
            }
        }
        return d / n;
    }

    /** The statistics shared by intensity-based statistics and the intensity histogram, in IBSI order. */
    record Common(double mean, double variance, double skewness, double kurtosis, double median, double min,
                  double p10, double p90, double max, double iqr, double range, double mad, double rmad,
                  double medad, double cov, double qcod) {
    }

    static Common common(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        double mean = mean(s);
        double m2 = moment(s, mean, 2), m3 = moment(s, mean, 3), m4 = moment(s, mean, 4);
        double skew = m2 == 0 ? 0 : m3 / Math.pow(m2, 1.5);
        double kurt = m2 == 0 ? 0 : m4 / (m2 * m2) - 3;
        double median = percentile(s, 0.5);
        double p25 = percentile(s, 0.25), p75 = percentile(s, 0.75);
        return new Common(mean, m2, skew, kurt, median, s[0], percentile(s, 0.1), percentile(s, 0.9),
            s[s.length - 1], p75 - p25, s[s.length - 1] - s[0], meanAbsDeviation(s, mean),
            robustMeanAbsDeviation(s), meanAbsDeviation(s, median), Math.sqrt(m2) / mean,
            (p75 - p25) / (p75 + p25));
    }
}
