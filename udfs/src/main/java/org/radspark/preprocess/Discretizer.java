package org.radspark.preprocess;

/**
 * Grey-level discretisation with pyradiomics' bin edges (imageoperations.getBinEdges and binImage):
 * fixed bin width with edges at multiples of the width from zero, or a fixed bin count with
 * numpy.histogram's equally spaced edges (top edge + 1); levels are assigned as numpy.digitize does.
 */
public final class Discretizer {
    private Discretizer() {
    }

    /**
     * Grey levels (1..N) of the voxels where {@code roi} is set; 0 elsewhere. Exactly one of
     * {@code binWidth} / {@code binCount} is used: binCount when it is not null.
     */
    public static int[] discretize(double[] values, byte[] roi, Double binWidth, Integer binCount) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            if (roi[i] != 0) {
                double x = values[i];
                if (x < min) min = x;
                if (x > max) max = x;
            }
        }
        int[] out = new int[values.length];
        if (min > max) {
            return out;
        }
        double[] edges = binCount != null ? countEdges(min, max, binCount) : widthEdges(min, max, binWidth);
        for (int i = 0; i < values.length; i++) {
            if (roi[i] != 0) {
                out[i] = digitize(values[i], edges);
            }
        }
        return out;
    }

    /** Bin edges for a fixed bin width: numpy.arange(min - min mod w, max + 2w, w). */
    public static double[] widthEdges(double min, double max, double w) {
        double low = min - pythonMod(min, w);
        double high = max + 2 * w;
        // high - low >= 2w, so there are always at least two edges (pyradiomics' flat-region branch cannot occur)
        int n = (int) Math.ceil((high - low) / w);
        // numpy.arange fills start, start + step, then start + i * ((start + step) - start)
        double[] e = new double[n];
        e[0] = low;
        double delta = (low + w) - low;
        e[1] = low + w;
        for (int i = 2; i < n; i++) {
            e[i] = low + i * delta;
        }
        return e;
    }

    /** Bin edges for a fixed bin count: numpy.histogram's linspace(min, max, n+1), top edge + 1. */
    public static double[] countEdges(double min, double max, int count) {
        double lo = min, hi = max;
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double[] e = new double[count + 1];
        double step = (hi - lo) / count;
        for (int i = 0; i < count; i++) {
            e[i] = i * step + lo;
        }
        e[count] = hi + 1;
        return e;
    }

    /** numpy.digitize for increasing edges: the number of edges <= x. */
    static int digitize(double x, double[] edges) {
        int lo = 0, hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Python's float modulo: the result has the sign of the divisor. */
    static double pythonMod(double a, double b) {
        double r = a % b;
        if (r != 0 && ((r < 0) != (b < 0))) {
            r += b;
        }
        return r;
    }
}
