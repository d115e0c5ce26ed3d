package org.radspark.preprocess;

import java.util.Locale;

/**
 * The interpolator names and integer codes pyradiomics accepts for its {@code interpolator} setting
 * (SimpleITK's InterpolatorEnum, codes 1 to 10; pyradiomics' schema check). Only nearest neighbour,
 * linear and cubic B-spline are implemented.
 */
public enum InterpolatorType {
    NEAREST_NEIGHBOR("sitkNearestNeighbor", 1, true),
    LINEAR("sitkLinear", 2, true),
    BSPLINE("sitkBSpline", 3, true),
    GAUSSIAN("sitkGaussian", 4, false),
    LABEL_GAUSSIAN("sitkLabelGaussian", 5, false),
    HAMMING_WINDOWED_SINC("sitkHammingWindowedSinc", 6, false),
    COSINE_WINDOWED_SINC("sitkCosineWindowedSinc", 7, false),
    WELCH_WINDOWED_SINC("sitkWelchWindowedSinc", 8, false),
    LANCZOS_WINDOWED_SINC("sitkLanczosWindowedSinc", 9, false),
    BLACKMAN_WINDOWED_SINC("sitkBlackmanWindowedSinc", 10, false);

    private final String sitkName;
    private final int code;
    private final boolean supported;

    InterpolatorType(String sitkName, int code, boolean supported) {
        this.sitkName = sitkName;
        this.code = code;
        this.supported = supported;
    }

    /** The SimpleITK name, e.g. {@code sitkBSpline}. */
    public String sitkName() { return sitkName; }

    /** SimpleITK's integer code (1 = nearest neighbour ... 10 = Blackman windowed sinc). */
    public int code() { return code; }

    /** Whether radspark implements this interpolator. */
    public boolean isSupported() { return supported; }

    /**
     * Looks up a setting value: a SimpleITK name (exact spelling, as pyradiomics requires) or its
     * integer code written as digits. Rejects unknown values and, for names that pyradiomics accepts
     * but radspark does not implement, says which ones are implemented.
     */
    public static InterpolatorType parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("interpolator is null");
        }
        String v = value.trim();
        InterpolatorType found = null;
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit) && v.length() <= 9) {
            found = fromCodeOrNull(Integer.parseInt(v));
        } else {
            for (InterpolatorType t : values()) {
                if (t.sitkName.equals(v)) {
                    found = t;
                    break;
                }
            }
        }
        if (found == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "interpolator '%s' is not valid; pyradiomics accepts sitkNearestNeighbor, sitkLinear, sitkBSpline,"
                    + " sitkGaussian, sitkLabelGaussian, sitk{Hamming,Cosine,Welch,Lanczos,Blackman}WindowedSinc"
                    + " or the codes 1-10", value));
        }
        return requireSupported(found, value);
    }

    /** Looks up SimpleITK's integer code (1-10), rejecting the interpolators radspark does not implement. */
    public static InterpolatorType fromCode(int code) {
        InterpolatorType found = fromCodeOrNull(code);
        if (found == null) {
            throw new IllegalArgumentException("interpolator code " + code + " is not valid; it must be in 1-10");
        }
        return requireSupported(found, Integer.toString(code));
    }

    private static InterpolatorType fromCodeOrNull(int code) {
        for (InterpolatorType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    private static InterpolatorType requireSupported(InterpolatorType t, String asGiven) {
        if (!t.supported) {
            throw new IllegalArgumentException("interpolator '" + asGiven
                + "' is not supported; use sitkNearestNeighbor, sitkLinear or sitkBSpline");
        }
        return t;
    }
}
