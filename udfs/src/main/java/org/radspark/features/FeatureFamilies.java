package org.radspark.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The feature families radspark computes, by pyradiomics class name, in pyradiomics' output order. */
public final class FeatureFamilies {
    private static final Map<String, FeatureFamily> FAMILIES;

    static {
        Map<String, FeatureFamily> m = new LinkedHashMap<>();
        for (FeatureFamily f : new FeatureFamily[] {
            new ShapeFeatures(), new Shape2DFeatures(), new FirstOrderFeatures(), new GlcmFeatures(),
            new GldmFeatures(), new GlrlmFeatures(), new GlszmFeatures(), new NgtdmFeatures()}) {
            m.put(f.name(), f);
        }
        FAMILIES = Collections.unmodifiableMap(m);
    }

    private FeatureFamilies() {
    }

    /** All families keyed by name ("firstorder", "shape", "shape2D", "glcm", ...). */
    public static Map<String, FeatureFamily> all() {
        return FAMILIES;
    }

    /** The family called {@code name}, or null. */
    public static FeatureFamily get(String name) {
        return FAMILIES.get(name);
    }

    /** True for the shape families, which are computed once on the original mask rather than per image type. */
    public static boolean isShape(String name) {
        return name.startsWith("shape");
    }
}
