package org.radspark.ibsi;

import java.util.ArrayList;
import java.util.List;

/** Intensity histogram features, IBSI-1 manual section 3.4 (family ZVCW), on the discretised intensities. */
public final class IntensityHistogramFamily {

    public static final String FAMILY = "intensity histogram";

    private IntensityHistogramFamily() {
    }

    public static List<IbsiValue> compute(IbsiVolume v) {
        int n = 0;
        for (byte b : v.roi()) {
            n += b;
        }
        double[] x = new double[n];
        int ng = v.ng();
        long[] hist = new long[ng + 1];
        int c = 0;
        for (int i = 0; i < v.levels().length; i++) {
            if (v.roi()[i] != 0) {
                x[c++] = v.levels()[i];
                hist[v.levels()[i]]++;
            }
        }
        IbsiStats.Common s = IbsiStats.common(x);
        // mode: the most frequent level; ties broken towards the mean
        int mode = 1;
        for (int g = 1; g <= ng; g++) {
            if (hist[g] > hist[mode] || (hist[g] == hist[mode] && Math.abs(g - s.mean()) < Math.abs(mode - s.mean()))) {
                mode = g;
            }
        }
        double entropy = 0, uniformity = 0;
        for (int g = 1; g <= ng; g++) {
            if (hist[g] > 0) {
                double p = (double) hist[g] / n;
                entropy -= p * Math.log(p) / Math.log(2);
                uniformity += p * p;
            }
        }
        // histogram gradient: one-sided at the ends, central differences inside
        double maxGrad = Double.NEGATIVE_INFINITY, minGrad = Double.POSITIVE_INFINITY;
        int maxAt = 1, minAt = 1;
        for (int g = 1; g <= ng; g++) {
            double grad;
            if (ng == 1) {
                grad = 0;
            } else if (g == 1) {
                grad = hist[2] - hist[1];
            } else if (g == ng) {
                grad = hist[ng] - hist[ng - 1];
            } else {
                grad = (hist[g + 1] - hist[g - 1]) / 2.0;
            }
            if (grad > maxGrad) {
                maxGrad = grad;
                maxAt = g;
            }
            if (grad < minGrad) {
                minGrad = grad;
                minAt = g;
            }
        }
        List<IbsiValue> out = new ArrayList<>();
        add(out, "Mean discretised intensity", "X6K6", s.mean());
        add(out, "Discretised intensity variance", "CH89", s.variance());
        add(out, "Discretised intensity skewness", "88K1", s.skewness());
        add(out, "(Excess) discretised intensity kurtosis", "C3I7", s.kurtosis());
        add(out, "Median discretised intensity", "WIFQ", s.median());
        add(out, "Minimum discretised intensity", "1PR8", s.min());
        add(out, "10th discretised intensity percentile", "GPMT", s.p10());
        add(out, "90th discretised intensity percentile", "OZ0C", s.p90());
        add(out, "Maximum discretised intensity", "3NCY", s.max());
        add(out, "Intensity histogram mode", "AMMC", mode);
        add(out, "Discretised intensity interquartile range", "WR0O", s.iqr());
        add(out, "Discretised intensity range", "5Z3W", s.range());
        add(out, "Intensity histogram mean absolute deviation", "D2ZX", s.mad());
        add(out, "Intensity histogram robust mean absolute deviation", "WRZB", s.rmad());
        add(out, "Intensity histogram median absolute deviation", "4RNL", s.medad());
        add(out, "Intensity histogram coefficient of variation", "CWYJ", s.cov());
        add(out, "Intensity histogram quartile coefficient of dispersion", "SLWD", s.qcod());
        add(out, "Discretised intensity entropy", "TLU2", entropy);
        add(out, "Discretised intensity uniformity", "BJ5W", uniformity);
        add(out, "Maximum histogram gradient", "12CE", maxGrad);
        add(out, "Maximum histogram gradient intensity", "8E6O", maxAt);
        add(out, "Minimum histogram gradient", "VQB3", minGrad);
        add(out, "Minimum histogram gradient intensity", "RHQZ", minAt);
        return out;
    }

    private static void add(List<IbsiValue> out, String feature, String code, double v) {
        out.add(new IbsiValue(FAMILY, feature, code, IbsiExtractor.NO_AGGREGATION, v));
    }
}
