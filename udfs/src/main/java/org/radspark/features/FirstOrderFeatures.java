package org.radspark.features;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** First-order intensity statistics; formulas as in pyradiomics' radiomics/firstorder.py (numpy semantics). */
public final class FirstOrderFeatures extends NamedFeatureFamily {

    public FirstOrderFeatures() {
        super("firstorder", ALL, DEFAULTS);
    }

    /** The features; NamedFeatureFamily puts them in pyradiomics' order (by getter name: MeanAbsoluteDeviation, Mean). */
    private static final List<String> ALL = List.of(
        "10Percentile", "90Percentile", "Energy", "Entropy", "InterquartileRange", "Kurtosis", "Maximum", "Mean",
        "MeanAbsoluteDeviation", "Median", "Minimum", "Range", "RobustMeanAbsoluteDeviation", "RootMeanSquared",
        "Skewness", "StandardDeviation", "TotalEnergy", "Uniformity", "Variance");

    private static final List<String> DEFAULTS = ALL.stream().filter(n -> !n.equals("StandardDeviation")).toList();

    /** numpy.spacing(1): distance from 1.0 to the next double. */
    static final double EPS = Math.ulp(1.0);

    @Override
    public void compute(RoiData roi, Set<String> enabled, Map<String, Double> out) {
        int n = roi.roiVoxelCount;
        if (n == 0) {
            throw new IllegalArgumentException("firstorder: the ROI contains no voxels");
        }
        // ROI values in grid order (k, j, i with i fastest), as numpy.where on the z,y,x array yields them
        double[] x = new double[n];
        int[] levels = new int[n];
        int p = 0;
        for (int v = 0; v < roi.roi.length; v++) {
            if (roi.roi[v] != 0) {
                x[p] = roi.intensities[v];
                levels[p] = roi.grayLevels[v];
                p++;
            }
        }
        Stats s = new Stats(x, levels, roi.maxGrayLevel, roi.settings.voxelArrayShift, roi.spacing);
        for (String f : featureNames()) {
            if (enabled.contains(f)) {
                out.put(f, s.value(f));
            }
        }
    }

    /** Lazily evaluated statistics of one ROI. */
    private static final class Stats {
        final double[] x;
        final int[] levels;
        final int maxLevel;
        final double shift;
        final double[] spacing;
        double[] sorted;
        double mean = Double.NaN;
        double m2 = Double.NaN;
        int[] histogram;

        Stats(double[] x, int[] levels, int maxLevel, double shift, double[] spacing) {
            this.x = x;
            this.levels = levels;
            this.maxLevel = maxLevel;
            this.shift = shift;
            this.spacing = spacing;
        }

        double value(String f) {
            switch (f) {
                case "Energy": return energy();
                case "TotalEnergy": return spacing[0] * spacing[1] * spacing[2] * energy();
                case "Entropy": return entropy();
                case "Minimum": return sorted()[0];
                case "Maximum": return sorted()[x.length - 1];
                case "10Percentile": return NumpyMath.percentileSorted(sorted(), 10);
                case "90Percentile": return NumpyMath.percentileSorted(sorted(), 90);
                case "Mean": return mean();
                case "Median": return median();
                case "InterquartileRange":
                    return NumpyMath.percentileSorted(sorted(), 75) - NumpyMath.percentileSorted(sorted(), 25);
                case "Range": return sorted()[x.length - 1] - sorted()[0];
                case "MeanAbsoluteDeviation": return meanAbsDev(x);
                case "RobustMeanAbsoluteDeviation": return robustMeanAbsDev();
                case "RootMeanSquared": return Math.sqrt(energy() / x.length);
                case "StandardDeviation": return Math.sqrt(m2());
                case "Variance": {
                    double sd = Math.sqrt(m2());
                    return sd * sd;
                }
                case "Skewness": {
                    double v = m2();
                    return v == 0 ? 0.0 : centralMoment(3) / Math.pow(v, 1.5);
                }
                case "Kurtosis": {
                    double v = m2();
                    return v == 0 ? 0.0 : centralMoment(4) / (v * v);
                }
                case "Uniformity": return uniformity();
                default: throw new IllegalArgumentException("firstorder: unknown feature " + f);
            }
        }

        double[] sorted() {
            if (sorted == null) {
                sorted = x.clone();
                Arrays.sort(sorted);
            }
            return sorted;
        }

        double mean() {
            if (Double.isNaN(mean)) {
                mean = NumpyMath.mean(x);
            }
            return mean;
        }

        double energy() {
            double[] sq = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double v = x[i] + shift;
                sq[i] = v * v;
            }
            return NumpyMath.sum(sq);
        }

        double median() {
            double[] s = sorted();
            int n = s.length;
            if (n % 2 == 1) {
                return s[n / 2];
            }
            return (s[n / 2 - 1] + s[n / 2]) / 2.0;
        }

        /** Population (ddof 0) variance, as numpy.std(...)**2 before the square root. */
        double m2() {
            if (Double.isNaN(m2)) {
                m2 = centralMoment(2);
            }
            return m2;
        }

        double centralMoment(int order) {
            double mu = mean();
            double[] d = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double t = x[i] - mu;
                d[i] = order == 2 ? t * t : Math.pow(t, order);
            }
            return NumpyMath.mean(d);
        }

        static double meanAbsDev(double[] values) {
            double mu = NumpyMath.mean(values);
            double[] d = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                d[i] = Math.abs(values[i] - mu);
            }
            return NumpyMath.mean(d);
        }

        double robustMeanAbsDev() {
            double lo = NumpyMath.percentileSorted(sorted(), 10);
            double hi = NumpyMath.percentileSorted(sorted(), 90);
            int count = 0;
            for (double v : x) {
                if (v >= lo && v <= hi) {
                    count++;
                }
            }
            double[] sub = new double[count];
            int p = 0;
            for (double v : x) {
                if (v >= lo && v <= hi) {
                    sub[p++] = v;
                }
            }
            return meanAbsDev(sub);
        }

        int[] histogram() {
            if (histogram == null) {
                histogram = new int[Math.max(maxLevel, 1)];
                for (int g : levels) {
                    histogram[g - 1]++;
                }
            }
            return histogram;
        }

        double entropy() {
            int[] h = histogram();
            double total = x.length;
            double[] terms = new double[h.length];
            for (int i = 0; i < h.length; i++) {
                double pi = (h[i] + EPS) / total;
                terms[i] = pi * log2(pi);
            }
            return -1.0 * NumpyMath.sum(terms);
        }

        /** Base-2 logarithm: exponent split off exactly, so only the mantissa goes through Math.log. */
        static double log2(double v) {
            int e = Math.getExponent(v);
            double m = v / Math.scalb(1.0, e);
            if (m > Math.sqrt(2.0)) {
                m /= 2;
                e++;
            }
            return e + Math.log(m) * INV_LN2;
        }

        private static final double INV_LN2 = 1.4426950408889634;

        double uniformity() {
            int[] h = histogram();
            double denom = x.length + EPS;
            double[] terms = new double[h.length];
            for (int i = 0; i < h.length; i++) {
                double pi = h[i] / denom;
                terms[i] = pi * pi;
            }
            return NumpyMath.sum(terms);
        }
    }
}
