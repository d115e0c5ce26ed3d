package org.radspark.ml;

import org.apache.commons.math3.distribution.FDistribution;

/**
 * Intraclass correlation from two-way ANOVA mean squares of n subjects x k raters (Shrout and
 * Fleiss 1979; confidence intervals of McGraw and Wong 1996, F distribution):
 * ICC(1,1) one-way random, ICC(2,1) two-way random absolute agreement (CI with Satterthwaite df),
 * ICC(3,1) two-way mixed consistency. Input is the sums a single pass over the data yields.
 */
public final class Icc {
    /** icc[0..2] = ICC(1,1), ICC(2,1), ICC(3,1); lower/upper: 95 % bounds. */
    public final double[] icc = new double[3];
    public final double[] lower = new double[3];
    public final double[] upper = new double[3];
    public final double msr;
    public final double msc;
    public final double mse;
    public final double msw;

    /**
     * @param n subjects, k raters (complete design)
     * @param grand sum of all values; sumSq sum of squared values
     * @param sumRowSq sum over subjects of (subject total)^2; sumColSq sum over raters of (rater total)^2
     */
    public Icc(int n, int k, double grand, double sumSq, double sumRowSq, double sumColSq, double level) {
        double nk = (double) n * k;
        double corr = grand * grand / nk;
        double sst = sumSq - corr;
        double ssr = sumRowSq / k - corr;
        double ssc = sumColSq / n - corr;
        double sse = sst - ssr - ssc;
        double ssw = sst - ssr;
        msr = ssr / (n - 1);
        msc = ssc / (k - 1);
        mse = sse / ((n - 1.0) * (k - 1));
        msw = ssw / (n * (k - 1.0));
        double a = 1 - (1 - level) / 2;
        icc[0] = (msr - msw) / (msr + (k - 1) * msw);
        icc[1] = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n);
        icc[2] = (msr - mse) / (msr + (k - 1) * mse);
        // ICC(1,1)
        double f1 = msr / msw;
        double df1 = n - 1;
        double df2 = n * (k - 1.0);
        double fl = f1 / q(a, df1, df2);
        double fu = f1 * q(a, df2, df1);
        lower[0] = (fl - 1) / (fl + k - 1);
        upper[0] = (fu - 1) / (fu + k - 1);
        // ICC(3,1)
        double f3 = msr / mse;
        double df3 = (n - 1.0) * (k - 1);
        fl = f3 / q(a, df1, df3);
        fu = f3 * q(a, df3, df1);
        lower[2] = (fl - 1) / (fl + k - 1);
        upper[2] = (fu - 1) / (fu + k - 1);
        // ICC(2,1): McGraw and Wong case 2A, Satterthwaite degrees of freedom
        double r = icc[1];
        double fj = msc / mse;
        double c = n * (1 + (k - 1) * r) - k * r;
        double v = (k - 1.0) * (n - 1) * Math.pow(k * r * fj + c, 2)
                / ((n - 1.0) * k * k * r * r * fj * fj + c * c);
        double fs = q(a, n - 1, v);
        double fi = q(a, v, n - 1);
        double den = k * msc + (k * (double) n - k - n) * mse;
        lower[1] = n * (msr - fs * mse) / (fs * den + n * msr);
        upper[1] = n * (fi * msr - mse) / (den + n * fi * msr);
    }

    private static double q(double p, double d1, double d2) {
        return new FDistribution(null, d1, d2).inverseCumulativeProbability(p);
    }

    /** Index of a type name: "ICC1"/"ICC(1,1)" = 0, "ICC2"/"ICC(2,1)" = 1, "ICC3"/"ICC(3,1)" = 2. */
    public static int typeIndex(String type) {
        String t = type.replace("(", "").replace(")", "").replace(",1", "").toUpperCase();
        switch (t) {
            case "ICC1":
                return 0;
            case "ICC2":
                return 1;
            case "ICC3":
                return 2;
            default:
                throw new IllegalArgumentException("ICC type must be ICC(1,1), ICC(2,1) or ICC(3,1): " + type);
        }
    }
}
