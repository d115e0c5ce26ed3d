package org.radspark.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.radspark.params.ExtractionSettings;

class GldmFeaturesTest {

    private static final double TOL = 1e-12;

    private static Map<String, Double> computeAll(RoiData roi) {
        GldmFeatures f = new GldmFeatures();
        Map<String, Double> out = new LinkedHashMap<>();
        f.compute(roi, new HashSet<>(f.featureNames()), out);
        return out;
    }

    private static ExtractionSettings planar() {
        ExtractionSettings s = new ExtractionSettings();
        s.force2D = true;
        s.force2Ddimension = 0;
        return s;
    }

    @Test
    void documentationMatrixIsReproduced() {
        // pyradiomics' GLDM documentation uses the same 5x5 image as the GLSZM one, alpha = 0, distance 1.
        GldmFeatures.Matrix m = GldmFeatures.matrix(TextureTestImages.slice(GlszmFeaturesTest.DOC_IMAGE));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, m.grayLevels);
        assertArrayEquals(new int[] {1, 2, 3, 4}, m.dependenceSizes);
        double[][] expected = {
            {0, 1, 2, 1},
            {1, 2, 3, 0},
            {1, 4, 4, 0},
            {1, 2, 0, 0},
            {3, 0, 0, 0},
        };
        for (int r = 0; r < 5; r++) {
            assertArrayEquals(expected[r], m.counts[r], 0, "grey level " + (r + 1));
        }
    }

    /*
     * Hand derivation from the documentation matrix above (Nz = Np = 25). Voxels per dependence size
     * pd = (j=1: 6, j=2: 9, j=3: 9, j=4: 1); voxels per grey level pg = (4, 6, 9, 3, 3).
     *   SDE = (6 + 9/4 + 9/9 + 1/16) / 25 = (149/16) / 25 = 149/400
     *   LDE = (6 + 9*4 + 9*9 + 16) / 25 = 139/25
     *   GLN = (16 + 36 + 81 + 9 + 9) / 25 = 151/25
     *   DN  = (36 + 81 + 81 + 1) / 25 = 199/25, DNN = 199/625
     *   GLV : E[i] = (4 + 12 + 27 + 12 + 15)/25 = 14/5, E[i^2] = (4 + 24 + 81 + 48 + 75)/25 = 232/25 -> 36/25
     *   DV  : E[j] = (6 + 18 + 27 + 4)/25 = 11/5, E[j^2] = 139/25 -> 18/25
     *   HGLE = E[i^2] = 232/25; LGLE = (4 + 6/4 + 9/9 + 3/16 + 3/25) / 25
     *   LDHGLE = sum P i^2 j^2 / 25, per grey level: 1: 1*4 + 2*9 + 1*16 = 38; 2: 4*(1 + 8 + 27) = 144;
     *            3: 9*(1 + 16 + 36) = 477; 4: 16*(1 + 8) = 144; 5: 25*3 = 75 -> 878/25
     *   DE: the 14 non-empty cells hold 1 (five cells), 2 (three), 3 (two), 4 (two) voxels.
     */
    @Test
    void documentationFeaturesMatchHandDerivation() {
        Map<String, Double> v = computeAll(TextureTestImages.slice(GlszmFeaturesTest.DOC_IMAGE));
        assertEquals(149.0 / 400, v.get("SmallDependenceEmphasis"), TOL);
        assertEquals(139.0 / 25, v.get("LargeDependenceEmphasis"), TOL);
        assertEquals(151.0 / 25, v.get("GrayLevelNonUniformity"), TOL);
        assertEquals(199.0 / 25, v.get("DependenceNonUniformity"), TOL);
        assertEquals(199.0 / 625, v.get("DependenceNonUniformityNormalized"), TOL);
        assertEquals(36.0 / 25, v.get("GrayLevelVariance"), TOL);
        assertEquals(18.0 / 25, v.get("DependenceVariance"), TOL);
        assertEquals(232.0 / 25, v.get("HighGrayLevelEmphasis"), TOL);
        assertEquals((4 + 6.0 / 4 + 1 + 3.0 / 16 + 3.0 / 25) / 25, v.get("LowGrayLevelEmphasis"), TOL);
        assertEquals(878.0 / 25, v.get("LargeDependenceHighGrayLevelEmphasis"), TOL);
        double de = -(5 * h(1) + 3 * h(2) + 2 * h(3) + 2 * h(4));
        assertEquals(de, v.get("DependenceEntropy"), TOL);
        // Deprecated features are accepted but, as in pyradiomics, produce no value.
        assertEquals(14, v.size());
        assertFalse(v.containsKey("GrayLevelNonUniformityNormalized"));
        assertFalse(v.containsKey("DependencePercentage"));
    }

    private static double h(int count) {
        double p = count / 25.0;
        return p * Math.log(p) / Math.log(2);
    }

    @Test
    void alphaWidensDependence() {
        int[][] img = {{1, 2, 3}};
        GldmFeatures.Matrix strict = GldmFeatures.matrix(TextureTestImages.slice(img));
        assertArrayEquals(new int[] {1}, strict.dependenceSizes);

        ExtractionSettings s = planar();
        s.gldm_a = 1;
        GldmFeatures.Matrix loose = GldmFeatures.matrix(TextureTestImages.slice(img, s));
        // Ends have one dependent neighbour (size 2), the middle voxel two (size 3).
        assertArrayEquals(new int[] {2, 3}, loose.dependenceSizes);
        assertEquals(1, loose.count(1, 2));
        assertEquals(1, loose.count(2, 3));
        assertEquals(1, loose.count(3, 2));
    }

    @Test
    void neighboursOutsideTheRoiAreNeverDependent() {
        int[][] img = {{2, 0, 2}};
        GldmFeatures.Matrix m = GldmFeatures.matrix(TextureTestImages.slice(img));
        assertArrayEquals(new int[] {2}, m.grayLevels);
        assertArrayEquals(new int[] {1}, m.dependenceSizes);
        assertEquals(2, m.count(2, 1));
    }

    @Test
    void configuredDistancesDefineTheNeighbourhood() {
        int[][][] flat = new int[5][5][5];
        for (int[][] slice : flat) {
            for (int[] row : slice) {
                java.util.Arrays.fill(row, 1);
            }
        }
        ExtractionSettings s = new ExtractionSettings();
        s.distances = new int[] {1, 2};
        GldmFeatures.Matrix both = GldmFeatures.matrix(TextureTestImages.volume(flat, s));
        assertEquals(1, both.count(1, 125)); // centre voxel: all 124 others dependent
        s.distances = new int[] {2};
        GldmFeatures.Matrix outer = GldmFeatures.matrix(TextureTestImages.volume(flat, s));
        assertEquals(1, outer.count(1, 99)); // centre voxel: the 98 voxels of the distance-2 shell
    }

    @Test
    void offsetCountsFollowPyradiomicsAngleGeneration() {
        assertEquals(26, InfinityNormOffsets.of(5, 5, 5, new int[] {1}, false, 0).count);
        assertEquals(8, InfinityNormOffsets.of(5, 5, 5, new int[] {1}, true, 0).count);
        assertEquals(8, InfinityNormOffsets.of(5, 5, 5, new int[] {1}, true, 2).count);
        assertEquals(124, InfinityNormOffsets.of(5, 5, 5, new int[] {1, 2}, false, 0).count);
        // A single-slice grid cannot move along k, so only the in-plane offsets remain.
        assertEquals(8, InfinityNormOffsets.of(5, 5, 1, new int[] {1}, false, 0).count);
    }

    @Test
    void deprecatedFeaturesAreNotDefaults() {
        GldmFeatures f = new GldmFeatures();
        assertEquals(16, f.featureNames().size());
        assertEquals(14, f.defaultFeatureNames().size());
        assertTrue(f.featureNames().containsAll(Set.of("GrayLevelNonUniformityNormalized", "DependencePercentage")));
        assertFalse(f.defaultFeatureNames().contains("DependencePercentage"));
        assertTrue(f.defaultFeatureNames().contains("DependenceNonUniformityNormalized"));
        assertEquals("gldm", f.name());
    }
}
