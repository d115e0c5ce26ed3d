package org.radspark.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radspark.TestData;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.MaskSelection;
import org.radspark.io.VolumeReaders;
import org.radspark.params.ExtractionParams;
import org.radspark.params.ParamFileParser;

/**
 * The extractor's options change how a case is computed, not what: one case on several threads (image types,
 * derived images and feature families as fork-join tasks) gives the sequential extraction's features, the same
 * names in the same order and bitwise the same values; without diagnostics the features are the same and no
 * diagnostics are returned.
 */
class FeatureExtractorOptionsTest {
    private static final Path DATA = TestData.path("pyradiomics");

    @Test
    void threadsGiveTheSequentialFeaturesInTheSameOrder() {
        String yaml = """
            imageType:
              Original: {}
              Wavelet: {}
              LoG: {sigma: [1.0, 3.0]}
              Square: {}
              LBP2D: {}
            featureClass:
              shape:
              firstorder:
              glcm:
              glrlm:
              glszm:
              gldm:
              ngtdm:
            setting:
              binWidth: 25
            """;
        ExtractionParams params = ParamFileParser.parse(yaml, "parallel.yaml");
        VolumeReaders.Case read = VolumeReaders.readCase(DATA.resolve("breast1_image.nrrd"), null,
            DATA.resolve("breast1_label.nrrd"), new MaskSelection(null, null, null));
        Image image = read.image();
        Mask mask = read.mask();
        Map<String, Double> sequential = new FeatureExtractor(params).extract(image, mask).features();
        Map<String, Double> parallel = new FeatureExtractor(params, 3, true).extract(image, mask).features();
        assertTrue(sequential.size() > 1000, "features: " + sequential.size());
        assertEquals(new ArrayList<>(sequential.keySet()), new ArrayList<>(parallel.keySet()));
        for (Map.Entry<String, Double> e : sequential.entrySet()) {
            assertEquals(Double.doubleToLongBits(e.getValue()), Double.doubleToLongBits(parallel.get(e.getKey())),
                e.getKey() + ": " + e.getValue() + " vs " + parallel.get(e.getKey()));
        }
    }

    @Test
    void withoutDiagnosticsOnlyTheDiagnosticsAreLeftOut() {
        VolumeReaders.Case read = VolumeReaders.readCase(DATA.resolve("brain1_image.nrrd"), null,
            DATA.resolve("brain1_label.nrrd"), new MaskSelection(null, null, null));
        ExtractionParams params = ExtractionParams.defaults();
        ExtractionResult with = new FeatureExtractor(params).extract(read.image(), read.mask());
        ExtractionResult without = new FeatureExtractor(params, 1, false).extract(read.image(), read.mask());
        // pyradiomics' baseline (testdata/pyradiomics/baseline) records brain1's image hash
        assertEquals("5c9ce3ca174f0f8324aa4d277e0fef82dc5ac566", with.diagnostics().get("diagnostics_Image-original_Hash"));
        assertEquals("4137", with.diagnostics().get("diagnostics_Mask-original_VoxelNum"));
        assertEquals("2", with.diagnostics().get("diagnostics_Mask-original_VolumeNum"));
        assertTrue(without.diagnostics().isEmpty(), "diagnostics: " + without.diagnostics().keySet());
        assertEquals(with.features(), without.features());
    }

    @Test
    void threadsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureExtractor(ExtractionParams.defaults(), 0, true));
    }
}
