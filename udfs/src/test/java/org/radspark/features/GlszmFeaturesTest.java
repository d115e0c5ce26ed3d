package org.radspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radspark.params.ExtractionSettings;

class GlszmFeaturesTest {

    /** The 5x5 example image of pyradiomics' GLSZM documentation (rows top to bottom). */
    static final int[][] DOC_IMAGE = {
        {5, 2, 5, 4, 4},
        {3, 3, 3, 1, 3},
        {2, 1, 1, 1, 3},
        {4, 2, 2, 2, 3},
        {3, 5, 3, 3, 2},
    };

    private static final double TOL = 1e-12;

    private static Map<String, Double> computeAll(RoiData roi) {
        GlszmFeatures f = new GlszmFeatures();
        Map<String, Double> out = new LinkedHashMap<>();
        f.compute(roi, new HashSet<>(f.featureNames()), out);
        return out;
    }

    @Test
    void documentationMatrixIsReproduced() {
        GlszmFeatures.Matrix m = GlszmFeatures.matrix(TextureTestImages.slice(DOC_IMAGE));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, m.grayLevels);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, m.zoneSizes);
        double[][] expected = {
            {0, 0, 0, 1, 0},
            {1, 0, 0, 0, 1},
            {1, 0, 1, 0, 1},
            {1, 1, 0, 0, 0},
            {3, 0, 0, 0, 0},
        };
        for (int r = 0; r < 5; r++) {
            assertArrayEquals(expected[r], m.counts[r], 0, "grey level " + (r + 1));
        }
    }

    /*
     * Hand derivation for the documentation image. Zones (grey level: sizes): 1: {4}; 2: {1, 5}; 3: {1, 3, 5};
     * 4: {1, 2}; 5: {1, 1, 1}. Hence Nz = 11 zones over Np = 25 voxels, zones per grey level pg = (1, 2, 3, 2, 3) and
     * zones per size ps = (size 1: 6, 2: 1, 3: 1, 4: 1, 5: 2).
     *   SAE  = (6 + 1/4 + 1/9 + 1/16 + 2/25) / 11 = (23413/3600) / 11 = 23413/39600
     *   LAE  = (6*1 + 1*4 + 1*9 + 1*16 + 2*25) / 11 = 85/11
     *   GLN  = (1 + 4 + 9 + 4 + 9) / 11 = 27/11, GLNN = 27/121
     *   SZN  = (36 + 1 + 1 + 1 + 4) / 11 = 43/11, SZNN = 43/121
     *   ZP   = 11/25
     *   GLV  : E[i] = (1 + 4 + 9 + 8 + 15)/11 = 37/11, E[i^2] = (1 + 8 + 27 + 32 + 75)/11 = 13 -> 13 - (37/11)^2 = 204/121
     *   ZV   : E[j] = (6 + 2 + 3 + 4 + 10)/11 = 25/11, E[j^2] = LAE = 85/11 = 935/121 -> (935 - 625)/121 = 310/121
     *   HGLZE = E[i^2] = 13
     *   LGLZE = (1 + 2/4 + 3/9 + 2/16 + 3/25) / 11
     *   LAHGLE = (1*1*16 + 4*(1 + 25) + 9*(1 + 9 + 25) + 16*(1 + 4) + 25*3) / 11 = 590/11
     *   ZE = -(8 * (1/11) log2(1/11) + (3/11) log2(3/11)) (eight cells hold one zone, one cell holds three)
     */
    @Test
    void documentationFeaturesMatchHandDerivation() {
        Map<String, Double> v = computeAll(TextureTestImages.slice(DOC_IMAGE));
        assertEquals(23413.0 / 39600, v.get("SmallAreaEmphasis"), TOL);
        assertEquals(85.0 / 11, v.get("LargeAreaEmphasis"), TOL);
        assertEquals(27.0 / 11, v.get("GrayLevelNonUniformity"), TOL);
        assertEquals(27.0 / 121, v.get("GrayLevelNonUniformityNormalized"), TOL);
        assertEquals(43.0 / 11, v.get("SizeZoneNonUniformity"), TOL);
        assertEquals(43.0 / 121, v.get("SizeZoneNonUniformityNormalized"), TOL);
        assertEquals(11.0 / 25, v.get("ZonePercentage"), TOL);
        assertEquals(204.0 / 121, v.get("GrayLevelVariance"), TOL);
        assertEquals(310.0 / 121, v.get("ZoneVariance"), TOL);
        assertEquals(13.0, v.get("HighGrayLevelZoneEmphasis"), TOL);
        assertEquals((1 + 2.0 / 4 + 3.0 / 9 + 2.0 / 16 + 3.0 / 25) / 11, v.get("LowGrayLevelZoneEmphasis"), TOL);
        assertEquals(590.0 / 11, v.get("LargeAreaHighGrayLevelEmphasis"), TOL);
        double ze = -(8 * (1.0 / 11) * log2(1.0 / 11) + (3.0 / 11) * log2(3.0 / 11));
        assertEquals(ze, v.get("ZoneEntropy"), 1e-12);
        assertEquals(16, v.size());
    }

    @Test
    void zonesAre26ConnectedIn3DAnd8ConnectedWithForce2D() {
        // Two voxels of level 1 touching only at a corner across slices, plus a level-2 voxel.
        int[][][] vol = {
            {{1, 0}, {0, 2}},
            {{0, 0}, {0, 1}},
        };
        ExtractionSettings s3 = new ExtractionSettings();
        GlszmFeatures.Matrix m3 = GlszmFeatures.matrix(TextureTestImages.volume(vol, s3));
        assertEquals(1, m3.count(1, 2));
        assertEquals(1, m3.count(2, 1));

        ExtractionSettings s2 = new ExtractionSettings();
        s2.force2D = true;
        s2.force2Ddimension = 0;
        GlszmFeatures.Matrix m2 = GlszmFeatures.matrix(TextureTestImages.volume(vol, s2));
        assertEquals(2, m2.count(1, 1));
        assertArrayEquals(new int[] {1}, m2.zoneSizes);
    }

    @Test
    void voxelsOutsideTheRoiSplitZonesAndAbsentLevelsAndSizesAreDropped() {
        // Level 3 and 0 (outside) only; the gap at column 2 separates two zones of size 2; levels 1 and 2 are absent.
        int[][] img = {
            {3, 3, 0, 3, 3},
        };
        GlszmFeatures.Matrix m = GlszmFeatures.matrix(TextureTestImages.slice(img));
        assertArrayEquals(new int[] {3}, m.grayLevels);
        assertArrayEquals(new int[] {2}, m.zoneSizes);
        assertEquals(2, m.counts[0][0]);
        Map<String, Double> v = computeAll(TextureTestImages.slice(img));
        // The actual grey level (3) and zone size (2) enter the formulas, not their indices.
        assertEquals(9.0, v.get("HighGrayLevelZoneEmphasis"), TOL);
        assertEquals(4.0, v.get("LargeAreaEmphasis"), TOL);
        assertEquals(0.5, v.get("ZonePercentage"), TOL);
    }

    @Test
    void namesFollowPyradiomicsOrderAndAllAreDefaults() {
        GlszmFeatures f = new GlszmFeatures();
        List<String> names = f.featureNames();
        assertEquals(16, names.size());
        assertEquals("GrayLevelNonUniformity", names.get(0));
        assertEquals("ZoneVariance", names.get(15));
        assertEquals(names, f.defaultFeatureNames());
        assertEquals("glszm", f.name());
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
