package org.radspark.extract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Output of one extraction: diagnostics (pyradiomics' diagnostics_* entries, as text) and feature
 * values keyed by pyradiomics' full names (original_glcm_Contrast), both in pyradiomics' order.
 */
public final class ExtractionResult {
    private final Map<String, String> diagnostics;
    private final Map<String, Double> features;

    public ExtractionResult(Map<String, String> diagnostics, Map<String, Double> features) {
        this.diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
        this.features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    public Map<String, String> diagnostics() {
        return diagnostics;
    }

    public Map<String, Double> features() {
        return features;
    }
}
