package org.radspark.ibsi2;

import java.util.Locale;

/** How the response maps of rotated kernels are combined into a rotation-invariant map (IBSI-2). */
public enum Pooling {
    AVERAGE, MAX, MIN;

    public static Pooling parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "average":
            case "mean":
                return AVERAGE;
            case "max":
                return MAX;
            case "min":
                return MIN;
            default:
                throw new IllegalArgumentException("unknown pooling '" + name + "' (expected average, max or min)");
        }
    }

    /** Starts an accumulator for {@code count} maps of {@code n} voxels. */
    double[] start(int n) {
        double[] acc = new double[n];
        if (this == MAX) {
            java.util.Arrays.fill(acc, Double.NEGATIVE_INFINITY);
        } else if (this == MIN) {
            java.util.Arrays.fill(acc, Double.POSITIVE_INFINITY);
        }
        return acc;
    }

    void add(double[] acc, double[] map) {
        switch (this) {
            case MAX:
                for (int i = 0; i < acc.length; i++) {
                    acc[i] = Math.max(acc[i], map[i]);
                }
                break;
            case MIN:
                for (int i = 0; i < acc.length; i++) {
                    acc[i] = Math.min(acc[i], map[i]);
                }
                break;
            default:
                for (int i = 0; i < acc.length; i++) {
                    acc[i] += map[i];
                }
        }
    }

    void finish(double[] acc, int count) {
        if (this == AVERAGE) {
            double s = 1.0 / count;
            for (int i = 0; i < acc.length; i++) {
                acc[i] *= s;
            }
        }
    }
}
