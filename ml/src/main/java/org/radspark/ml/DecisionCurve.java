package org.radspark.ml;

/**
 * Decision-curve analysis (Vickers and Elkin 2006). At threshold probability pt a case is treated
 * when its predicted probability is &gt;= pt; net benefit = TP/n - FP/n * pt / (1 - pt).
 * Treat-all: prevalence - (1 - prevalence) * pt / (1 - pt); treat-none: 0.
 */
public final class DecisionCurve {

    private DecisionCurve() {
    }

    /** Rows {pt, net benefit of the model, treat all, treat none}. */
    public static double[][] compute(double[] p, int[] y, double[] thresholds) {
        int n = p.length;
        double prev = 0;
        for (int v : y) {
            prev += v;
        }
        prev /= n;
        double[][] out = new double[thresholds.length][];
        for (int t = 0; t < thresholds.length; t++) {
            double pt = thresholds[t];
            long tp = 0;
            long fp = 0;
            for (int i = 0; i < n; i++) {
                if (p[i] >= pt) {
                    if (y[i] == 1) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
            }
            double odds = pt / (1 - pt);
            out[t] = new double[] {pt, (double) tp / n - (double) fp / n * odds, prev - (1 - prev) * odds, 0.0};
        }
        return out;
    }

    /** Thresholds from..to in steps (inclusive, rounded to 1e-10). */
    public static double[] grid(double from, double to, double step) {
        int k = (int) Math.floor((to - from) / step + 1e-9) + 1;
        double[] g = new double[k];
        for (int i = 0; i < k; i++) {
            g[i] = Math.round((from + i * step) * 1e10) / 1e10;
        }
        return g;
    }
}
