package org.radspark.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radspark.extract.FeatureExtractor;
import org.radspark.params.ExtractionParams;
import org.radspark.params.ParamFileParser;

/**
 * End to end: brain1 extracted with every filter image type. Feature names carry pyradiomics' image
 * names, and the first-order Mean, Variance, Minimum, Maximum, 10Percentile and 90Percentile of each
 * filtered image equal make_reference.py's numpy statistics of the same filter computed with numpy/pywt
 * over the label-1 voxels (the extractor crops the full filtered image to the ROI box, which leaves
 * the ROI voxels unchanged). LoG has no independent exact reference here (no SimpleITK), so its
 * first-order values are checked against the same statistics of LoGImage's own output, which shows the
 * extractor feeds the full-image filter result to the feature classes unchanged.
 */
class FilteredExtractionTest {
    private static final String[][] FIRST_ORDER = {{"Mean", "mean"}, {"Variance", "variance"}, {"Minimum", "min"},
        {"Maximum", "max"}, {"10Percentile", "p10"}, {"90Percentile", "p90"}};
    private static Map<String, Double> features;

    @BeforeAll
    static void extract() {
        String yaml = """
            imageType:
              Original: {}
              Wavelet: {}
              LoG: {sigma: [1.0, 3.0]}
              Square: {}
              SquareRoot: {}
              Logarithm: {}
              Exponential: {}
              Gradient: {}
            featureClass:
              firstorder: [Mean, Variance, Minimum, Maximum, 10Percentile, 90Percentile]
              glcm: [Contrast]
            setting:
              binWidth: 25
            """;
        ExtractionParams params = ParamFileParser.parse(yaml, "filters.yaml");
        features = new FeatureExtractor(params).extract(FilterReference.brain1(), FilterReference.brain1Mask()).features();
    }

    @Test
    void firstOrderOfFilteredImagesEqualsNumpyReference() {
        String[] images = {"original", "square", "squareroot", "logarithm", "exponential", "gradient", "wavelet-LLH",
            "wavelet-LHL", "wavelet-LHH", "wavelet-HLL", "wavelet-HLH", "wavelet-HHL", "wavelet-HHH", "wavelet-LLL"};
        for (String image : images) {
            Map<String, Double> ref = FilterReference.of(image);
            for (String[] f : FIRST_ORDER) {
                String name = image + "_firstorder_" + f[0];
                Double actual = features.get(name);
                assertNotNull(actual, name);
                double expected = ref.get(f[1]);
                assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), name);
            }
            assertTrue(features.containsKey(image + "_glcm_Contrast"), image);
        }
    }

    @Test
    void logImagesAreNamedAndFedUnchanged() {
        for (String sigma : new String[] {"1-0", "3-0"}) {
            assertTrue(features.containsKey("log-sigma-" + sigma + "-mm-3D_glcm_Contrast"), sigma);
            double[] log = LoGImage.laplacian(FilterReference.brain1(), Double.parseDouble(sigma.replace('-', '.')));
            Map<String, Double> stats = FilterReference.describe(log, FilterReference.brain1Mask(), Map.of());
            for (String[] f : FIRST_ORDER) {
                String name = "log-sigma-" + sigma + "-mm-3D_firstorder_" + f[0];
                double expected = stats.get(f[1]);
                assertEquals(expected, features.get(name), 1e-9 * Math.max(1, Math.abs(expected)), name);
            }
        }
    }
}
