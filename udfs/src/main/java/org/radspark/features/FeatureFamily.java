package org.radspark.features;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pyradiomics feature class (firstorder, shape, glcm, ...). Implementations are stateless and
 * thread-safe; {@link #compute} builds the family's matrix once and evaluates the requested features.
 */
public interface FeatureFamily {
    /** pyradiomics' class name, e.g. "glcm"; used in feature names such as original_glcm_Contrast. */
    String name();

    /** Every feature this family can compute, in pyradiomics' order, including deprecated ones. */
    List<String> featureNames();

    /** Features computed when the parameter file enables the class without a list (deprecated ones excluded). */
    List<String> defaultFeatureNames();

    /**
     * Computes {@code enabled} (a subset of {@link #featureNames()}) and puts them into {@code out}
     * under their bare names ("Contrast"), in {@link #featureNames()} order.
     */
    void compute(RoiData roi, Set<String> enabled, Map<String, Double> out);
}
