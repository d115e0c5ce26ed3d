package org.radspark.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Shared arithmetic of the size-zone and dependence matrix features; pyradiomics glszm.py / gldm.py semantics. */
final class TextureMatrixMath {
    /** numpy.spacing(1), added inside the entropy logarithm as pyradiomics does. */
    static final double EPS = Math.ulp(1.0);

    private static final double LN2 = Math.log(2);

    private TextureMatrixMath() {
    }

    /** Sum of squared entries. */
    static double sumSquares(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }

    /** Variance of {@code values} weighted by the marginal {@code marginal / total}. */
    static double variance(double[] marginal, double[] values, double total) {
        double mu = 0;
        for (int a = 0; a < values.length; a++) {
            mu += marginal[a] / total * values[a];
        }
        double s = 0;
        for (int a = 0; a < values.length; a++) {
            double d = values[a] - mu;
            s += marginal[a] / total * (d * d);
        }
        return s;
    }

    /**
     * Sum over the matrix of P(i,j) weighted by i^2 and j^2: {@code highGrey}/{@code largeSize} choose whether each
     * squared value multiplies (true) or divides (false); the operation order follows pyradiomics' expressions.
     */
    static double joint(double[][] p, double[] iv, double[] jv, boolean highGrey, boolean largeSize) {
        double s = 0;
        for (int r = 0; r < iv.length; r++) {
            double i2 = iv[r] * iv[r];
            for (int c = 0; c < jv.length; c++) {
                double pv = p[r][c];
                if (pv == 0) {
                    continue;
                }
                double j2 = jv[c] * jv[c];
                if (highGrey) {
                    s += largeSize ? pv * i2 * j2 : pv * i2 / j2;
                } else {
                    s += largeSize ? pv * j2 / i2 : pv / (i2 * j2);
                }
            }
        }
        return s;
    }

    /** Orders bare feature names as pyradiomics lists them: by getter name get&lt;Name&gt;FeatureValue. */
    static List<String> sortedLikePyradiomics(List<String> names) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparing(s -> "get" + s + "FeatureValue"));
        return List.copyOf(sorted);
    }

    /** -sum p log2(p + eps) over the matrix normalised by {@code total}. */
    static double entropy(double[][] p, double total) {
        double s = 0;
        for (double[] row : p) {
            for (double count : row) {
                double q = count / total;
                s += q * (Math.log(q + EPS) / LN2);
            }
        }
        return -s;
    }
}
