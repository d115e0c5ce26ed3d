package org.radspark.ibsi2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radspark.TestData;
import org.radspark.image.Image;
import org.radspark.io.NiftiReader;

/**
 * IBSI-2 phase 1: each filter, configured by its conf/ibsi/ibsi2/&lt;id&gt;.yaml, is run on the NIfTI
 * phantom named in testdata/reference/ibsi2_filters.md; every voxel must be within 1 % of the reference
 * response map's range.
 */
class Ibsi2Phase1Test {
    private static final Map<String, Image> PHANTOMS = new java.util.concurrent.ConcurrentHashMap<>();

    static Image phantom(String name) {
        return PHANTOMS.computeIfAbsent(name,
            n -> NiftiReader.read(TestData.path("ibsi2/digital_phantom/nifti/" + n + "/image.nii.gz")));
    }

    static Path config(String id) {
        return TestData.root().getParent().resolve("conf/ibsi/ibsi2/" + id + ".yaml");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "1_a_1, checkerboard", "1_a_2, checkerboard", "1_a_3, checkerboard", "1_a_4, checkerboard",
        "1_b_1, impulse", "2_a, impulse", "2_b, checkerboard", "2_c, checkerboard",
        "5_a_1, impulse", "5_a_2, impulse", "6_a_1, sphere", "6_a_2, sphere",
        "7_a_1, checkerboard", "7_a_2, checkerboard"})
    void responseMapMatchesReference(String id, String phantomName) throws IOException {
        ConvolutionalFilter filter = Ibsi2FilterConfig.fromYaml(Files.readString(config(id)));
        Image input = phantom(phantomName);
        double[] before = input.voxels().clone();
        Image response = filter.apply(input);
        Image reference = NiftiReader.read(TestData.path("ibsi2/response_maps/" + id + "-ValidCRM.nii"));
        assertTrue(response.geometry().sameGrid(reference.geometry(), 1e-6), "response map keeps the input grid");
        assertTrue(java.util.Arrays.equals(before, input.voxels()), "input left unchanged");

        double[] r = reference.voxels(), v = response.voxels();
        assertEquals(r.length, v.length);
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double x : r) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double tolerance = 0.01 * (max - min);
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < r.length; i++) {
            double d = Math.abs(v[i] - r[i]);
            if (!(d <= worst)) {
                worst = d;
                worstAt = i;
            }
        }
        System.out.printf(java.util.Locale.ROOT, "IBSI-2 %-6s %-40s max |deviation| = %.3g (tolerance %.4g) %s%n",
            id, filter.describe(), worst, tolerance, worst <= tolerance ? "PASS" : "FAIL");
        assertTrue(worst <= tolerance, id + ": voxel " + worstAt + " deviates by " + worst + " > " + tolerance);
    }
}
