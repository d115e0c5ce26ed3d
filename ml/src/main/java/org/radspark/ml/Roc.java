package org.radspark.ml;

import java.util.Arrays;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Area under the ROC curve with DeLong's variance (DeLong, DeLong and Clarke-Pearson 1988), its
 * 95 % confidence interval (AUC +/- z * sqrt(var), clipped to [0, 1], as pROC's ci.auc with
 * method "delong"), and the paired DeLong test of two correlated AUCs (as pROC's roc.test).
 * Higher scores mean "more likely positive" (pROC direction "&lt;"); labels are 0/1; ties count 1/2.
 */
public final class Roc {

    private static final NormalDistribution N01 = new NormalDistribution(null, 0, 1);

    private Roc() {
    }

    /** Mann-Whitney AUC with mid-ranks for ties. */
    public static double auc(double[] score, int[] label) {
        return placements(score, label).auc;
    }

    /** AUC with DeLong variance. */
    public static final class DeLong {
        public final double auc;
        public final double variance;
        final double[] v10;
        final double[] v01;

        DeLong(double auc, double variance, double[] v10, double[] v01) {
            this.auc = auc;
            this.variance = variance;
            this.v10 = v10;
            this.v01 = v01;
        }

        public double[] ci(double level) {
            double z = N01.inverseCumulativeProbability(0.5 + level / 2);
            double se = Math.sqrt(variance);
            return new double[] {Math.max(0, auc - z * se), Math.min(1, auc + z * se)};
        }
    }

    public static DeLong delong(double[] score, int[] label) {
        Placements pl = placements(score, label);
        double var = sampleVar(pl.v10) / pl.v10.length + sampleVar(pl.v01) / pl.v01.length;
        return new DeLong(pl.auc, var, pl.v10, pl.v01);
    }

    /** Paired DeLong test; returns {z, two-sided p, auc1, auc2}. */
    public static double[] pairedTest(double[] score1, double[] score2, int[] label) {
        DeLong a = delong(score1, label);
        DeLong b = delong(score2, label);
        double cov = sampleCov(a.v10, b.v10) / a.v10.length + sampleCov(a.v01, b.v01) / a.v01.length;
        double z = (a.auc - b.auc) / Math.sqrt(a.variance + b.variance - 2 * cov);
        double p = 2 * N01.cumulativeProbability(-Math.abs(z));
        return new double[] {z, p, a.auc, b.auc};
    }

    private static final class Placements {
        double auc;
        double[] v10;
        double[] v01;
    }

    private static Placements placements(double[] score, int[] label) {
        int n1 = 0;
        for (int l : label) {
            n1 += l == 1 ? 1 : 0;
        }
        int n0 = label.length - n1;
        if (n1 == 0 || n0 == 0) {
            throw new IllegalArgumentException("both classes are needed for an AUC");
        }
        double[] cases = new double[n1];
        double[] controls = new double[n0];
        int a = 0;
        int c = 0;
        for (int i = 0; i < label.length; i++) {
            if (label[i] == 1) {
                cases[a++] = score[i];
            } else {
                controls[c++] = score[i];
            }
        }
        double[] sc = controls.clone();
        double[] sa = cases.clone();
        Arrays.sort(sc);
        Arrays.sort(sa);
        Placements pl = new Placements();
        pl.v10 = new double[n1];
        pl.v01 = new double[n0];
        double total = 0;
        for (int i = 0; i < n1; i++) {
            // fraction of controls below the case, ties 1/2
            double below = lowerBound(sc, cases[i]);
            double equal = upperBound(sc, cases[i]) - below;
            pl.v10[i] = (below + 0.5 * equal) / n0;
            total += pl.v10[i];
        }
        for (int j = 0; j < n0; j++) {
            double above = n1 - upperBound(sa, controls[j]);
            double equal = upperBound(sa, controls[j]) - lowerBound(sa, controls[j]);
            pl.v01[j] = (above + 0.5 * equal) / n1;
        }
        pl.auc = total / n1;
        return pl;
    }

    static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double sampleVar(double[] v) {
        return sampleCov(v, v);
    }

    private static double sampleCov(double[] u, double[] v) {
        double mu = 0;
        double mv = 0;
        for (int i = 0; i < u.length; i++) {
            mu += u[i];
            mv += v[i];
        }
        mu /= u.length;
        mv /= v.length;
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += (u[i] - mu) * (v[i] - mv);
        }
        return s / (u.length - 1);
    }
}
