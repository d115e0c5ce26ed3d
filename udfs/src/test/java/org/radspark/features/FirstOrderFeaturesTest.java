package org.radspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radspark.params.ExtractionSettings;

/**
 * Expected values were computed with numpy 2.4 (python3) by evaluating pyradiomics' firstorder formulas
 * literally on the same values: numpy.sum((x + shift) ** 2), numpy.percentile(x, q) (default linear
 * method), numpy.median, numpy.std(x) (ddof 0) and its square, the central moments via
 * numpy.mean(numpy.power(x - mean, m)), and the histogram of the grey levels (bincount over 1..max)
 * with eps = numpy.spacing(1) for Entropy (log2 of (count + eps) / N) and Uniformity (count / (N + eps)).
 * Grey levels follow binWidth 25: floor(x / 25) - floor(min / 25) + 1.
 */
class FirstOrderFeaturesTest {

    private static final double[] SMALL = {12.5, -3.0, 40.0, 7.25, 7.25, 100.0, 55.5, -20.0, 0.0, 33.0};

    /** x_i = ((i * 7919) mod 1009) * 0.37 - 50, i = 0..300 (the same expression in numpy). */
    private static double[] formulaValues() {
        double[] x = new double[301];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((i * 7919) % 1009) * 0.37 - 50.0;
        }
        return x;
    }

    /** Puts the values first in grid order and fills the rest of the grid with non-ROI voxels. */
    static RoiData roiOf(double[] values, int nx, int ny, int nz, double[] spacing, double shift) {
        int n = nx * ny * nz;
        double[] intensities = new double[n];
        byte[] roi = new byte[n];
        int[] levels = new int[n];
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
        }
        for (int v = 0; v < n; v++) {
            if (v < values.length) {
                intensities[v] = values[v];
                roi[v] = 1;
                levels[v] = (int) (Math.floor(values[v] / 25) - Math.floor(min / 25) + 1);
            } else {
                intensities[v] = 9999;
            }
        }
        ExtractionSettings s = new ExtractionSettings();
        s.voxelArrayShift = shift;
        return new RoiData(nx, ny, nz, spacing, intensities, roi, roi.clone(), levels, s);
    }

    private static Map<String, Double> computeAll(RoiData roi) {
        FirstOrderFeatures f = new FirstOrderFeatures();
        Map<String, Double> out = new LinkedHashMap<>();
        f.compute(roi, new HashSet<>(f.featureNames()), out);
        return out;
    }

    private static void assertMatches(Map<String, Double> expected, Map<String, Double> actual) {
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            double want = e.getValue();
            double got = actual.get(e.getKey());
            double tol = 1e-12 * Math.max(1.0, Math.abs(want));
            assertEquals(want, got, tol, e.getKey());
        }
        assertEquals(expected.keySet(), actual.keySet());
    }

    @Test
    void smallArrayNoShift() {
        Map<String, Double> expected = Map.ofEntries(
            Map.entry("10Percentile", -4.699999999999999),
            Map.entry("90Percentile", 59.94999999999998),
            Map.entry("Energy", 16439.625),
            Map.entry("Entropy", 2.121928094887364),
            Map.entry("InterquartileRange", 36.4375),
            Map.entry("Kurtosis", 3.3083313093973308),
            Map.entry("Maximum", 100.0),
            Map.entry("Mean", 23.25),
            Map.entry("MeanAbsoluteDeviation", 27.1),
            Map.entry("Median", 9.875),
            Map.entry("Minimum", -20.0),
            Map.entry("Range", 120.0),
            Map.entry("RobustMeanAbsoluteDeviation", 17.828125),
            Map.entry("RootMeanSquared", 40.54580742814231),
            Map.entry("Skewness", 1.0102459553290637),
            Map.entry("StandardDeviation", 33.21746528559938),
            Map.entry("TotalEnergy", 12329.71875),
            Map.entry("Uniformity", 0.26000000000000006),
            Map.entry("Variance", 1103.4));
        assertMatches(expected, computeAll(roiOf(SMALL, 4, 3, 1, new double[] {0.5, 0.75, 2.0}, 0)));
    }

    @Test
    void smallArrayWithShift() {
        Map<String, Double> expected = Map.ofEntries(
            Map.entry("10Percentile", -4.699999999999999),
            Map.entry("90Percentile", 59.94999999999998),
            Map.entry("Energy", 162939.625),
            Map.entry("Entropy", 2.121928094887364),
            Map.entry("InterquartileRange", 36.4375),
            Map.entry("Kurtosis", 3.3083313093973308),
            Map.entry("Maximum", 100.0),
            Map.entry("Mean", 23.25),
            Map.entry("MeanAbsoluteDeviation", 27.1),
            Map.entry("Median", 9.875),
            Map.entry("Minimum", -20.0),
            Map.entry("Range", 120.0),
            Map.entry("RobustMeanAbsoluteDeviation", 17.828125),
            Map.entry("RootMeanSquared", 127.64780648330782),
            Map.entry("Skewness", 1.0102459553290637),
            Map.entry("StandardDeviation", 33.21746528559938),
            Map.entry("TotalEnergy", 122204.71875),
            Map.entry("Uniformity", 0.26000000000000006),
            Map.entry("Variance", 1103.4));
        assertMatches(expected, computeAll(roiOf(SMALL, 4, 3, 1, new double[] {0.5, 0.75, 2.0}, 100)));
    }

    @Test
    void flatRegionGivesZeroSkewnessAndKurtosis() {
        Map<String, Double> expected = Map.ofEntries(
            Map.entry("10Percentile", 5.0),
            Map.entry("90Percentile", 5.0),
            Map.entry("Energy", 175.0),
            Map.entry("Entropy", -0.0),
            Map.entry("InterquartileRange", 0.0),
            Map.entry("Kurtosis", 0.0),
            Map.entry("Maximum", 5.0),
            Map.entry("Mean", 5.0),
            Map.entry("MeanAbsoluteDeviation", 0.0),
            Map.entry("Median", 5.0),
            Map.entry("Minimum", 5.0),
            Map.entry("Range", 0.0),
            Map.entry("RobustMeanAbsoluteDeviation", 0.0),
            Map.entry("RootMeanSquared", 5.0),
            Map.entry("Skewness", 0.0),
            Map.entry("StandardDeviation", 0.0),
            Map.entry("TotalEnergy", 175.0),
            Map.entry("Uniformity", 1.0),
            Map.entry("Variance", 0.0));
        double[] flat = {5, 5, 5, 5, 5, 5, 5};
        assertMatches(expected, computeAll(roiOf(flat, 2, 2, 2, new double[] {1, 1, 1}, 0)));
    }

    @Test
    void largerArrayWithShift() {
        Map<String, Double> expected = Map.ofEntries(
            Map.entry("10Percentile", -13.0),
            Map.entry("90Percentile", 285.21999999999997),
            Map.entry("Energy", 1377936001.9513),
            Map.entry("Entropy", 3.9058216973578217),
            Map.entry("InterquartileRange", 186.47999999999996),
            Map.entry("Kurtosis", 1.8030884962575668),
            Map.entry("Maximum", 322.21999999999997),
            Map.entry("Mean", 136.87212624584717),
            Map.entry("MeanAbsoluteDeviation", 93.35793313539585),
            Map.entry("Median", 138.32999999999998),
            Map.entry("Minimum", -50.0),
            Map.entry("Range", 372.21999999999997),
            Map.entry("RobustMeanAbsoluteDeviation", 74.6855074809318),
            Map.entry("RootMeanSquared", 2139.5935295282147),
            Map.entry("Skewness", -0.01312441751724982),
            Map.entry("StandardDeviation", 107.87950534070634),
            Map.entry("TotalEnergy", 2025565922.8684106),
            Map.entry("Uniformity", 0.06676526749152879),
            Map.entry("Variance", 11637.98767255549));
        assertMatches(expected, computeAll(roiOf(formulaValues(), 7, 9, 5, new double[] {0.7, 0.7, 3.0}, 2000)));
    }

    @Test
    void outputOrderAndDefaults() {
        FirstOrderFeatures f = new FirstOrderFeatures();
        assertEquals("firstorder", f.name());
        assertEquals(19, f.featureNames().size());
        assertFalse(f.defaultFeatureNames().contains("StandardDeviation"));
        assertEquals(18, f.defaultFeatureNames().size());
        assertTrue(f.featureNames().containsAll(f.defaultFeatureNames()));
        Map<String, Double> out = new LinkedHashMap<>();
        f.compute(roiOf(SMALL, 4, 3, 1, new double[] {1, 1, 1}, 0), new HashSet<>(List.of("Median", "Energy")), out);
        assertEquals(List.of("Energy", "Median"), List.copyOf(out.keySet()));
    }

    @Test
    void pairwiseSumOfIntegersIsExact() {
        double[] a = new double[1000];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        assertEquals(499500.0, NumpyMath.sum(a), 0.0);
    }
}
