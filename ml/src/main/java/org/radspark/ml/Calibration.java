package org.radspark.ml;

import java.util.Arrays;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Calibration of predicted probabilities against 0/1 outcomes.
 * <ul>
 * <li>{@link #curve}: equal-width bins on [0, 1]; per bin mean predicted, observed fraction, count.</li>
 * <li>{@link #hosmerLemeshow}: the Hosmer-Lemeshow test as R's ResourceSelection::hoslem.test computes it
 * (the tool of the seed studies): groups cut at the distinct quantiles of the predicted risk.</li>
 * <li>{@link #recalibration}: logistic recalibration y ~ a + b logit(p) (Cox): calibration
 * intercept a and slope b; calibration-in-the-large = intercept of y ~ offset(logit p).</li>
 * <li>{@link #brier}: mean squared difference between probability and outcome.</li>
 * </ul>
 */
public final class Calibration {

    private Calibration() {
    }

    /** Rows {bin lower bound, bin upper bound, mean predicted, observed fraction, count}; empty bins omitted. */
    public static double[][] curve(double[] p, int[] y, int bins) {
        double[] sumP = new double[bins];
        double[] sumY = new double[bins];
        int[] cnt = new int[bins];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(bins - 1, (int) Math.floor(p[i] * bins));
            sumP[b] += p[i];
            sumY[b] += y[i];
            cnt[b]++;
        }
        return java.util.stream.IntStream.range(0, bins).filter(b -> cnt[b] > 0)
                .mapToObj(b -> new double[] {(double) b / bins, (double) (b + 1) / bins, sumP[b] / cnt[b],
                    sumY[b] / cnt[b], cnt[b]})
                .toArray(double[][]::new);
    }

    /**
     * Hosmer-Lemeshow goodness of fit as ResourceSelection::hoslem.test(y, p, g) (0.3-6): the breaks are the
     * distinct values among R's type-7 quantiles of p at probabilities k/g, k = 0..g; a case belongs to the group
     * (b_k, b_k+1], the first group also holding b_0; X^2 = sum over groups and both outcomes of (O - E)^2 / E
     * with E = sum of p (outcome 1) or of 1 - p (outcome 0); df = G - 2 for the G groups holding cases.
     * An empty group makes X^2 NaN, as in R. Fewer than 2 groups (all predictions equal), where R stops with an
     * error, gives NaN throughout.
     *
     * @return {statistic, df, p-value}
     */
    public static double[] hosmerLemeshow(double[] p, int[] y, int groups) {
        if (groups < 2) {
            throw new IllegalArgumentException("Hosmer-Lemeshow needs at least 2 groups, got " + groups);
        }
        int n = p.length;
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        // R: quantile(p, seq(0, 1, 1/g)) (type 7), then unique()
        double[] breaks = new double[groups + 1];
        int nb = 0;
        double step = 1.0 / groups;
        for (int k = 0; k <= groups; k++) {
            double q = quantile7(sorted, k * step);
            if (nb == 0 || q != breaks[nb - 1]) {
                breaks[nb++] = q;
            }
        }
        if (nb < 2) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        int bins = nb - 1;
        double[] o1 = new double[bins], o0 = new double[bins], e1 = new double[bins], e0 = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < n; i++) {
            // R: cut(p, breaks, include.lowest = TRUE), right-closed: b[k] < p <= b[k+1], or p == b[0]
            int lo = 0, hi = nb - 1;
            while (hi - lo >= 2) {
                int mid = (hi + lo) >>> 1;
                if (p[i] > breaks[mid]) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            o1[lo] += y[i];
            o0[lo] += 1 - y[i];
            e1[lo] += p[i];
            e0[lo] += 1 - p[i];
            count[lo]++;
        }
        // R sums the observed-minus-expected matrix column by column: outcome 0 over the groups, then outcome 1
        double stat = 0;
        for (int b = 0; b < bins; b++) {
            stat += (o0[b] - e0[b]) * (o0[b] - e0[b]) / e0[b];
        }
        int g = 0;
        for (int b = 0; b < bins; b++) {
            stat += (o1[b] - e1[b]) * (o1[b] - e1[b]) / e1[b];
            g += count[b] > 0 ? 1 : 0;
        }
        if (g < 2) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        int df = g - 2;
        double pValue;
        if (Double.isNaN(stat)) {
            pValue = Double.NaN;
        } else if (df == 0) {
            // chi-square with 0 df is a point mass at 0: R's pchisq(x, 0) is 1 for x > 0 and 0 at x = 0
            pValue = stat > 0 ? 0 : 1;
        } else {
            pValue = 1 - new ChiSquaredDistribution(null, df).cumulativeProbability(stat);
        }
        return new double[] {stat, df, pValue};
    }

    /** R's quantile type 7 of ascending {@code x} at probability {@code prob}: x[lo] + h (x[hi] - x[lo]) as R forms it. */
    static double quantile7(double[] x, double prob) {
        // R's 1-based index, formed as R forms it (1 + a, then its floor, differ in rounding from a's)
        double index = 1 + (x.length - 1) * prob;
        double lo = Math.floor(index);
        double hi = Math.ceil(index);
        double q = x[(int) lo - 1];
        if (index > lo && x[(int) hi - 1] != q) {
            double h = index - lo;
            q = (1 - h) * q + h * x[(int) hi - 1];
        }
        return q;
    }

    /** {calibration intercept, calibration slope, calibration-in-the-large}. */
    public static double[] recalibration(double[] p, int[] y) {
        int n = p.length;
        double[][] lp = new double[n][1];
        double[] lpv = new double[n];
        double[] yd = new double[n];
        for (int i = 0; i < n; i++) {
            lpv[i] = Math.log(p[i] / (1 - p[i]));
            lp[i][0] = lpv[i];
            yd[i] = y[i];
        }
        LogisticFit cox = LogisticFit.fit(lp, yd);
        LogisticFit large = LogisticFit.fit(new double[n][0], yd, lpv);
        return new double[] {cox.coef[0], cox.coef[1], large.coef[0]};
    }

    public static double brier(double[] p, int[] y) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += (p[i] - y[i]) * (p[i] - y[i]);
        }
        return s / p.length;
    }
}
