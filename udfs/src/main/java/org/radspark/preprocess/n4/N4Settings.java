package org.radspark.preprocess.n4;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Parameters of {@link N4BiasFieldCorrector}. Defaults follow ITK's N4BiasFieldCorrectionImageFilter
 * (histogram bins 200, Wiener noise 0.01, bias FWHM 0.15, convergence 0.001, cubic splines, 4 control
 * points per axis) with four fitting levels of 50, 50, 30 and 20 iterations and a shrink factor of 4.
 * Parameter-file names: n4ShrinkFactor, n4Iterations, n4ConvergenceThreshold, n4SplineOrder,
 * n4ControlPoints, n4Mask (true = restrict the estimate to the ROI mask), n4WienerNoise, n4BiasFieldFwhm,
 * n4HistogramBins.
 */
public final class N4Settings {
    private final int shrinkFactor;
    private final int[] iterations;
    private final double convergenceThreshold;
    private final int splineOrder;
    private final int[] controlPoints;
    private final boolean mask;
    private final double wienerNoise;
    private final double biasFieldFwhm;
    private final int histogramBins;

    public N4Settings(int shrinkFactor, int[] iterations, double convergenceThreshold, int splineOrder,
                      int[] controlPoints, boolean mask, double wienerNoise, double biasFieldFwhm, int histogramBins) {
        if (shrinkFactor < 1) {
            throw new IllegalArgumentException("n4ShrinkFactor must be at least 1, got " + shrinkFactor);
        }
        if (iterations.length == 0 || Arrays.stream(iterations).anyMatch(i -> i < 0)) {
            throw new IllegalArgumentException("n4Iterations needs one non-negative count per fitting level");
        }
        if (!(convergenceThreshold >= 0)) {
            throw new IllegalArgumentException("n4ConvergenceThreshold must be non-negative");
        }
        if (splineOrder < 1 || splineOrder > 5) {
            throw new IllegalArgumentException("n4SplineOrder must be 1..5, got " + splineOrder);
        }
        if (controlPoints.length != 3 || Arrays.stream(controlPoints).anyMatch(c -> c <= splineOrder)) {
            throw new IllegalArgumentException("n4ControlPoints needs 3 values, each greater than the spline order");
        }
        if (!(wienerNoise > 0) || !(biasFieldFwhm > 0) || histogramBins < 2) {
            throw new IllegalArgumentException("n4WienerNoise and n4BiasFieldFwhm must be positive, n4HistogramBins >= 2");
        }
        this.shrinkFactor = shrinkFactor;
        this.iterations = iterations.clone();
        this.convergenceThreshold = convergenceThreshold;
        this.splineOrder = splineOrder;
        this.controlPoints = controlPoints.clone();
        this.mask = mask;
        this.wienerNoise = wienerNoise;
        this.biasFieldFwhm = biasFieldFwhm;
        this.histogramBins = histogramBins;
    }

    public static N4Settings defaults() {
        return new N4Settings(4, new int[] {50, 50, 30, 20}, 0.001, 3, new int[] {4, 4, 4}, true, 0.01, 0.15, 200);
    }

    /**
     * Defaults overridden by the n4* keys present in {@code params}; other keys are ignored (they belong
     * to the caller's own settings). Lists are given as YAML sequences; a single control-point count
     * applies to all three axes.
     */
    public static N4Settings fromMap(Map<String, ?> params) {
        N4Settings d = defaults();
        return new N4Settings(
            intValue(params, "n4ShrinkFactor", d.shrinkFactor),
            intList(params, "n4Iterations", d.iterations, -1),
            number(params, "n4ConvergenceThreshold", d.convergenceThreshold),
            intValue(params, "n4SplineOrder", d.splineOrder),
            intList(params, "n4ControlPoints", d.controlPoints, 3),
            bool(params, "n4Mask", d.mask),
            number(params, "n4WienerNoise", d.wienerNoise),
            number(params, "n4BiasFieldFwhm", d.biasFieldFwhm),
            intValue(params, "n4HistogramBins", d.histogramBins));
    }

    private static int intValue(Map<String, ?> p, String key, int fallback) {
        Object v = p.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Integer)) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
        return (Integer) v;
    }

    private static double number(Map<String, ?> p, String key, double fallback) {
        Object v = p.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
        }
        return ((Number) v).doubleValue();
    }

    private static boolean bool(Map<String, ?> p, String key, boolean fallback) {
        Object v = p.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean)) {
            throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
        }
        return (Boolean) v;
    }

    private static int[] intList(Map<String, ?> p, String key, int[] fallback, int broadcast) {
        Object v = p.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer && broadcast > 0) {
            int[] out = new int[broadcast];
            Arrays.fill(out, (Integer) v);
            return out;
        }
        if (v instanceof Integer) {
            return new int[] {(Integer) v};
        }
        if (!(v instanceof List)) {
            throw new IllegalArgumentException(key + " must be a list of integers, got '" + v + "'");
        }
        List<?> list = (List<?>) v;
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Integer)) {
                throw new IllegalArgumentException(key + " must be a list of integers, got '" + v + "'");
            }
            out[i] = (Integer) list.get(i);
        }
        return out;
    }

    public int shrinkFactor() { return shrinkFactor; }
    public int[] iterations() { return iterations.clone(); }
    public double convergenceThreshold() { return convergenceThreshold; }
    public int splineOrder() { return splineOrder; }
    public int[] controlPoints() { return controlPoints.clone(); }
    public boolean mask() { return mask; }
    public double wienerNoise() { return wienerNoise; }
    public double biasFieldFwhm() { return biasFieldFwhm; }
    public int histogramBins() { return histogramBins; }

    @Override
    public String toString() {
        return "N4Settings[shrink=" + shrinkFactor + ", iterations=" + Arrays.toString(iterations) + ", convergence="
            + convergenceThreshold + ", order=" + splineOrder + ", controlPoints=" + Arrays.toString(controlPoints)
            + ", mask=" + mask + ", wienerNoise=" + wienerNoise + ", fwhm=" + biasFieldFwhm + ", bins="
            + histogramBins + "]";
    }
}
