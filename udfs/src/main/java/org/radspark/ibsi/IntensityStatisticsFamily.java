package org.radspark.ibsi;

import java.util.ArrayList;
import java.util.List;

/** Intensity-based statistical features, IBSI-1 manual section 3.3 (family UHIW), on the intensity mask. */
public final class IntensityStatisticsFamily {

    public static final String FAMILY = "intensity-based statistics";

    private IntensityStatisticsFamily() {
    }

    public static List<IbsiValue> compute(IbsiRoi roi) {
        double[] x = roi.roiIntensities();
        IbsiStats.Common c = IbsiStats.common(x);
        double energy = 0;
        for (double v : x) {
            energy += v * v;
        }
        List<IbsiValue> out = new ArrayList<>();
        add(out, "Mean intensity", "Q4LE", c.mean());
        add(out, "Intensity variance", "ECT3", c.variance());
        add(out, "Intensity skewness", "KE2A", c.skewness());
        add(out, "(Excess) intensity kurtosis", "IPH6", c.kurtosis());
        add(out, "Median intensity", "Y12H", c.median());
        add(out, "Minimum intensity", "1GSF", c.min());
        add(out, "10th intensity percentile", "QG58", c.p10());
        add(out, "90th intensity percentile", "8DWT", c.p90());
        add(out, "Maximum intensity", "84IY", c.max());
        add(out, "Intensity interquartile range", "SALO", c.iqr());
        add(out, "Intensity range", "2OJQ", c.range());
        add(out, "Intensity-based mean absolute deviation", "4FUA", c.mad());
        add(out, "Intensity-based robust mean absolute deviation", "1128", c.rmad());
        add(out, "Intensity-based median absolute deviation", "N72L", c.medad());
        add(out, "Intensity-based coefficient of variation", "7TET", c.cov());
        add(out, "Intensity-based quartile coefficient of dispersion", "9S40", c.qcod());
        add(out, "Intensity-based energy", "N8CA", energy);
        add(out, "Root mean square intensity", "5ZWQ", Math.sqrt(energy / x.length));
        return out;
    }

    private static void add(List<IbsiValue> out, String feature, String code, double v) {
        out.add(new IbsiValue(FAMILY, feature, code, IbsiExtractor.NO_AGGREGATION, v));
    }
}
