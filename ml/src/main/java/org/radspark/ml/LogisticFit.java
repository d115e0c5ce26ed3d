package org.radspark.ml;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Maximum-likelihood logistic regression by iteratively reweighted least squares (Newton-Raphson),
 * with an intercept and an optional offset, as R's glm(family = binomial): stops when the relative
 * deviance change is below 1e-10 (glm uses 1e-8; the tighter bound only refines the optimum).
 * Standard errors from the inverse Fisher information; Wald z, two-sided p, odds ratios and
 * 95 % Wald intervals exp(b +/- 1.96 SE).
 */
public final class LogisticFit {
    private static final NormalDistribution N01 = new NormalDistribution(null, 0, 1);

    /** coef[0] is the intercept. */
    public final double[] coef;
    public final double[] se;
    public final double deviance;
    public final int iterations;

    private LogisticFit(double[] coef, double[] se, double deviance, int iterations) {
        this.coef = coef;
        this.se = se;
        this.deviance = deviance;
        this.iterations = iterations;
    }

    public static LogisticFit fit(double[][] x, double[] y) {
        return fit(x, y, null);
    }

    public static LogisticFit fit(double[][] x, double[] y, double[] offset) {
        int n = y.length;
        int k = (x.length == 0 || x[0] == null ? 0 : x[0].length) + 1;
        double[] b = new double[k];
        double devOld = Double.POSITIVE_INFINITY;
        double[][] info = new double[k][k];
        int it = 0;
        double dev = 0;
        for (; it < 100; it++) {
            double[] grad = new double[k];
            for (double[] row : info) {
                java.util.Arrays.fill(row, 0);
            }
            dev = 0;
            for (int i = 0; i < n; i++) {
                double eta = b[0] + (offset == null ? 0 : offset[i]);
                for (int j = 1; j < k; j++) {
                    eta += b[j] * x[i][j - 1];
                }
                double p = 1 / (1 + Math.exp(-eta));
                double w = p * (1 - p);
                double res = y[i] - p;
                dev -= 2 * (y[i] * Math.log(Math.max(p, 1e-300)) + (1 - y[i]) * Math.log(Math.max(1 - p, 1e-300)));
                for (int a = 0; a < k; a++) {
                    double xa = a == 0 ? 1 : x[i][a - 1];
                    grad[a] += xa * res;
                    for (int c = 0; c <= a; c++) {
                        double xc = c == 0 ? 1 : x[i][c - 1];
                        info[a][c] += w * xa * xc;
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                for (int c = a + 1; c < k; c++) {
                    info[a][c] = info[c][a];
                }
            }
            if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < 1e-10) {
                break;
            }
            devOld = dev;
            double[] step = new CholeskyDecomposition(new Array2DRowRealMatrix(info), 1e-14, 1e-14)
                    .getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(grad)).toArray();
            for (int a = 0; a < k; a++) {
                b[a] += step[a];
            }
        }
        RealMatrix inv = new CholeskyDecomposition(new Array2DRowRealMatrix(info), 1e-14, 1e-14).getSolver().getInverse();
        double[] se = new double[k];
        for (int a = 0; a < k; a++) {
            se[a] = Math.sqrt(inv.getEntry(a, a));
        }
        return new LogisticFit(b, se, dev, it);
    }

    public double z(int j) {
        return coef[j] / se[j];
    }

    public double pValue(int j) {
        return 2 * N01.cumulativeProbability(-Math.abs(z(j)));
    }

    public double oddsRatio(int j) {
        return Math.exp(coef[j]);
    }

    /** 95 % (or other level) Wald interval of the odds ratio. */
    public double[] oddsRatioCi(int j, double level) {
        double z = N01.inverseCumulativeProbability(0.5 + level / 2);
        return new double[] {Math.exp(coef[j] - z * se[j]), Math.exp(coef[j] + z * se[j])};
    }

    public double linearPredictor(double[] row) {
        double eta = coef[0];
        for (int j = 1; j < coef.length; j++) {
            eta += coef[j] * row[j - 1];
        }
        return eta;
    }
}
