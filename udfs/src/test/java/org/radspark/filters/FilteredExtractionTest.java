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
 * the ROI voxels unchanged). LoG's first-order values equal those of ITK 5.2.1's own filter on the
 * whole image (itk_reference.csv), LBP2D's and LBP3D's those of make_lbp_reference.py (scikit-image,
 * scipy) with default settings.
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
              LBP2D: {}
              LBP3D: {}
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
    void logAndLbpImagesEqualTheirReferences() {
        String[][] images = {{"log-sigma-1-0-mm-3D", "log-sigma-1-0-mm-3D"}, {"log-sigma-3-0-mm-3D", "log-sigma-3-0-mm-3D"},
            {"lbp-2D", "lbp-2D-R1-P8-uniform-axis0"}, {"lbp-3D-m1", "lbp-3D-m1-L2-R1-S1"},
            {"lbp-3D-m2", "lbp-3D-m2-L2-R1-S1"}, {"lbp-3D-k", "lbp-3D-k-L2-R1-S1"}};
        for (String[] image : images) {
            assertTrue(features.containsKey(image[0] + "_glcm_Contrast"), image[0]);
            Map<String, Double> ref = FilterReference.of(image[0].startsWith("log") ? FilterReference.ITK : FilterReference.LBP,
                image[1]);
            for (String[] f : FIRST_ORDER) {
                String name = image[0] + "_firstorder_" + f[0];
                double expected = ref.get(f[1]);
                assertEquals(expected, features.get(name), 1e-9 * Math.max(1, Math.abs(expected)), name);
            }
        }
    }
}
