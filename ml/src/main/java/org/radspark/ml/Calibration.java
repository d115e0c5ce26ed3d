package org.radspark.ml;

import java.util.Arrays;
import java.util.Comparator;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Calibration of predicted probabilities against 0/1 outcomes.
 * <ul>
 * <li>{@link #curve}: equal-width bins on [0, 1]; per bin mean predicted, observed fraction, count.</li>
 * <li>{@link #hosmerLemeshow}: textbook statistic over g risk groups (default 10). Grouping rule:
 * cases sorted by predicted probability (ties keep input order); the case at sorted position
 * r = 0..n-1 goes to group floor(g * r / n), so groups differ in size by at most one.
 * HL = sum over groups (O - E)^2 / (E (1 - E / n_g)), chi-square with g - 2 df.</li>
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

    /** {statistic, df, p-value}. */
    public static double[] hosmerLemeshow(double[] p, int[] y, int groups) {
        int n = p.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> p[i]));
        double[] o = new double[groups];
        double[] e = new double[groups];
        double[] m = new double[groups];
        for (int r = 0; r < n; r++) {
            int g = (int) Math.floor((double) groups * r / n);
            o[g] += y[idx[r]];
            e[g] += p[idx[r]];
            m[g]++;
        }
        double stat = 0;
        for (int g = 0; g < groups; g++) {
            if (m[g] > 0) {
                stat += (o[g] - e[g]) * (o[g] - e[g]) / (e[g] * (1 - e[g] / m[g]));
            }
        }
        int df = groups - 2;
        return new double[] {stat, df, 1 - new ChiSquaredDistribution(null, df).cumulativeProbability(stat)};
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
