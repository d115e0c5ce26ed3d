package org.radspark.ibsi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Intensity-volume histogram features, IBSI-1 manual section 3.5 (family P88C), with the IVH's own
 * discretisation: the volume fraction nu(X) of the ROI with intensity at least X, evaluated at the
 * discrete intensities X of the total range G with step w, and the intensity fraction
 * gamma = (X - G_min) / (G_max - G_min).
 */
public final class IntensityVolumeHistogramFamily {

    public static final String FAMILY = "intensity-volume histogram";

    private IntensityVolumeHistogramFamily() {
    }

    public static List<IbsiValue> compute(IbsiRoi roi, IbsiConfig config) {
        double[] x = roi.roiIntensities();
        IbsiConfig.Ivh ivh = config.ivh();
        IbsiConfig.Resegmentation r = config.resegmentation();
        double min = Arrays.stream(x).min().orElseThrow(), max = Arrays.stream(x).max().orElseThrow();
        double gMin, gMax, w;
        double[] values = new double[x.length];
        switch (ivh.method()) {
            case FIXED_BIN_NUMBER: {
                for (int i = 0; i < x.length; i++) {
                    values[i] = IbsiDiscretiser.fixedBinNumber(x[i], min, max, ivh.binNumber());
                }
                gMin = 1;
                gMax = ivh.binNumber();
                w = 1;
                break;
            }
            case FIXED_BIN_SIZE: {
                double lower = !Double.isNaN(ivh.lower()) ? ivh.lower()
                    : !Double.isInfinite(r.lower()) ? r.lower() : min;
                double upper = !Double.isNaN(ivh.upper()) ? ivh.upper()
                    : !Double.isInfinite(r.upper()) ? r.upper() : max;
                int top = 1;
                for (int i = 0; i < x.length; i++) {
                    values[i] = IbsiDiscretiser.fixedBinSize(x[i], lower, ivh.binSize());
                    top = Math.max(top, (int) values[i]);
                }
                gMin = 1;
                gMax = Math.max(top, IbsiDiscretiser.fixedBinSize(upper, lower, ivh.binSize()));
                w = 1;
                break;
            }
            default: {
                values = x;
                gMin = !Double.isNaN(ivh.lower()) ? ivh.lower() : !Double.isInfinite(r.lower()) ? r.lower() : min;
                gMax = !Double.isNaN(ivh.upper()) ? ivh.upper() : !Double.isInfinite(r.upper()) ? r.upper() : max;
                w = ivh.binSize();
            }
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int steps = (int) Math.round((gMax - gMin) / w);
        double v10 = Double.NaN, v90 = Double.NaN, i10 = Double.NaN, i90 = Double.NaN;
        for (int k = 0; k <= steps; k++) {
            double xk = gMin + k * w;
            double gamma = steps == 0 ? 0 : (double) k / steps;
            double nu = fractionAtLeast(sorted, xk - 1e-9 * Math.max(1, Math.abs(w)));
            if (Double.isNaN(v10) && gamma >= 0.1 - 1e-12) {
                v10 = nu;
            }
            if (Double.isNaN(v90) && gamma >= 0.9 - 1e-12) {
                v90 = nu;
            }
            if (Double.isNaN(i10) && nu <= 0.1) {
                i10 = xk;
            }
            if (Double.isNaN(i90) && nu <= 0.9) {
                i90 = xk;
            }
        }
        List<IbsiValue> out = new ArrayList<>();
        add(out, "Volume fraction at 10% intensity", "BC2M", v10);
        add(out, "Volume fraction at 90% intensity", "BC2M", v90);
        add(out, "Intensity at 10% volume", "GBPN", i10);
        add(out, "Intensity at 90% volume", "GBPN", i90);
        add(out, "Volume fraction difference between intensity fractions", "DDTU", v10 - v90);
        add(out, "Intensity fraction difference between volume fractions", "CNV2", i10 - i90);
        return out;
    }

    /** Fraction of sorted values &gt;= t. */
    private static double fractionAtLeast(double[] sorted, double t) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (double) (sorted.length - lo) / sorted.length;
    }

    private static void add(List<IbsiValue> out, String feature, String code, double v) {
        out.add(new IbsiValue(FAMILY, feature, code, IbsiExtractor.NO_AGGREGATION, v));
    }
}
