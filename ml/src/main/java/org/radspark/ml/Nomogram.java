package org.radspark.ml;

/**
 * Nomogram of a logistic model with continuous predictors, scaled as rms::nomogram does it: each
 * predictor's axis spans [lo, hi] (by default R's pretty() breaks around the observed minimum and
 * maximum, rms' datadist "Low"/"High"); its contribution b*x is shifted so its minimum over the
 * axis scores 0 points; the scale factor sc = maxScale / (largest range of b*x over all axes), so
 * the most influential predictor spans 0..maxScale points. Total points T map to the linear
 * predictor lp = intercept + sum_j min_j(b_j x) + T / sc, and to the probability 1 / (1 + e^-lp).
 */
public final class Nomogram {
    public final String[] names;
    public final double[] coef;
    public final double intercept;
    public final double[] lo;
    public final double[] hi;
    public final double scale;
    private final double[] minContribution;

    public Nomogram(String[] names, double intercept, double[] coef, double[] lo, double[] hi, double maxScale) {
        this.names = names.clone();
        this.coef = coef.clone();
        this.intercept = intercept;
        this.lo = lo.clone();
        this.hi = hi.clone();
        this.minContribution = new double[coef.length];
        double maxRange = 0;
        for (int j = 0; j < coef.length; j++) {
            double a = coef[j] * lo[j];
            double b = coef[j] * hi[j];
            minContribution[j] = Math.min(a, b);
            maxRange = Math.max(maxRange, Math.abs(b - a));
        }
        this.scale = maxScale / maxRange;
    }

    /** Axes from the data: pretty(c(min, max)) per predictor (columns of x), 100 points maximum. */
    public static Nomogram fromData(String[] names, double intercept, double[] coef, double[][] x) {
        int p = coef.length;
        double[] lo = new double[p];
        double[] hi = new double[p];
        for (int j = 0; j < p; j++) {
            double mn = Double.POSITIVE_INFINITY;
            double mx = Double.NEGATIVE_INFINITY;
            for (double[] row : x) {
                mn = Math.min(mn, row[j]);
                mx = Math.max(mx, row[j]);
            }
            double[] t = pretty(mn, mx, 10);
            lo[j] = t[0];
            hi[j] = t[t.length - 1];
        }
        return new Nomogram(names, intercept, coef, lo, hi, 100);
    }

    public double points(int predictor, double value) {
        return (coef[predictor] * value - minContribution[predictor]) * scale;
    }

    public double linearPredictor(double totalPoints) {
        double s = intercept;
        for (double m : minContribution) {
            s += m;
        }
        return s + totalPoints / scale;
    }

    public double probability(double totalPoints) {
        return 1 / (1 + Math.exp(-linearPredictor(totalPoints)));
    }

    /** Total points at which the predicted probability equals prob. */
    public double totalPointsFor(double prob) {
        double lp = Math.log(prob / (1 - prob));
        return (lp - linearPredictor(0)) * scale;
    }

    /** Tick values of predictor j's axis. */
    public double[] ticks(int j) {
        return pretty(lo[j], hi[j], 10);
    }

    /**
     * Rounded tick values covering [lo, hi] with about n intervals, following the rule of R's
     * pretty() (unit 1, 2, 5 or 10 times a power of ten, high.u.bias 1.5).
     */
    public static double[] pretty(double lo, double hi, int n) {
        double dx = hi - lo;
        if (dx == 0) {
            return new double[] {lo};
        }
        double h = 1.5;
        double h5 = 0.5 + 1.5 * h;
        double cell = dx / n;
        double base = Math.pow(10, Math.floor(Math.log10(cell)));
        double unit = base;
        if (2 * base - cell < h * (cell - unit)) {
            unit = 2 * base;
            if (5 * base - cell < h5 * (cell - unit)) {
                unit = 5 * base;
                if (10 * base - cell < h * (cell - unit)) {
                    unit = 10 * base;
                }
            }
        }
        double ns = Math.floor(lo / unit + 1e-7);
        double nu = Math.ceil(hi / unit - 1e-7);
        while (ns * unit > lo + 1e-10 * unit) {
            ns--;
        }
        while (nu * unit < hi - 1e-10 * unit) {
            nu++;
        }
        int k = (int) Math.round(nu - ns) + 1;
        double[] t = new double[k];
        for (int i = 0; i < k; i++) {
            t[i] = (ns + i) * unit;
        }
        return t;
    }
}
