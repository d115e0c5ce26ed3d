package org.radspark.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radspark.params.ExtractionSettings;

class GlrlmFeaturesTest {
    private static final double TOL = 1e-12;

    /** The 5x5 example image of pyradiomics' GLRLM documentation (rows are y, columns are x). */
    private static final int[][] DOC_IMAGE = {
        {5, 2, 5, 4, 4},
        {3, 3, 3, 1, 3},
        {2, 1, 1, 1, 3},
        {4, 2, 2, 2, 3},
        {3, 5, 3, 3, 2}};

    private static Map<String, Double> computeAll(RoiData roi) {
        GlrlmFeatures f = new GlrlmFeatures();
        Map<String, Double> out = new LinkedHashMap<>();
        f.compute(roi, new HashSet<>(f.featureNames()), out);
        return out;
    }

    private static void assertRuns(int[][] expected, GlrlmFeatures.Runs runs, int angle) {
        for (int i = 1; i <= expected.length; i++) {
            for (int j = 1; j <= expected[0].length; j++) {
                assertEquals(expected[i - 1][j - 1], runs.get(angle, i, j), "P(" + i + "," + j + ") angle " + angle);
            }
        }
    }

    @Test
    void reproducesDocumentationMatrices() {
        GlrlmFeatures.Runs runs = GlrlmFeatures.countRuns(TextureTestData.image2D(DOC_IMAGE,
            TextureTestData.settings2D()));
        assertArrayEquals(new int[][] {{1, 1, 0}, {0, 1, 0}, {-1, 1, 0}, {1, 0, 0}}, runs.angles);
        assertEquals(5, runs.maxRun);
        // horizontal: the matrix printed in the pyradiomics GLRLM docstring
        assertRuns(new int[][] {
            {1, 0, 1, 0, 0},
            {3, 0, 1, 0, 0},
            {4, 1, 1, 0, 0},
            {1, 1, 0, 0, 0},
            {3, 0, 0, 0, 0}}, runs, 3);
        // vertical, by hand: column 5 (4,3,3,3,2) has a run of three 3s; column 2 (2,3,1,2,5) only single runs
        assertRuns(new int[][] {
            {2, 1, 0, 0, 0},
            {6, 0, 0, 0, 0},
            {6, 0, 1, 0, 0},
            {3, 0, 0, 0, 0},
            {3, 0, 0, 0, 0}}, runs, 1);
        // down-right diagonal, by hand: (row3,col1)-(row4,col2) and (row4,col4)-(row5,col5) are runs of two 2s
        assertRuns(new int[][] {
            {4, 0, 0, 0, 0},
            {2, 2, 0, 0, 0},
            {9, 0, 0, 0, 0},
            {3, 0, 0, 0, 0},
            {3, 0, 0, 0, 0}}, runs, 0);
        // down-left diagonal, by hand: 1s at (row2,col4)-(row3,col3), 3s at (row4,col5)-(row5,col4)
        assertRuns(new int[][] {
            {2, 1, 0, 0, 0},
            {6, 0, 0, 0, 0},
            {7, 1, 0, 0, 0},
            {3, 0, 0, 0, 0},
            {3, 0, 0, 0, 0}}, runs, 2);
    }

    /**
     * Hand derivation on the 1x3 image [1 2 2] (2D): one angle (horizontal), runs (level 1, length 1) and
     * (level 2, length 2); N_r = 2, N_p = 3.
     * SRE = (1 + 1/4)/2 = .625, LRE = (1 + 4)/2 = 2.5, GLN = (1 + 1)/2 = 1, GLNN = 2/4 = .5, RLN = 1, RLNN = .5,
     * RP = 2/3, GLV = RV = .25 (two equally likely values one apart), RE = 1, LGLRE = (1 + 1/4)/2 = .625,
     * HGLRE = (1 + 4)/2 = 2.5, SRLGLE = (1 + 1/16)/2, SRHGLE = (1 + 4/4)/2 = 1, LRLGLE = (1 + 4/4)/2 = 1,
     * LRHGLE = (1 + 16)/2 = 8.5.
     */
    @Test
    void handDerivedFeaturesOnThreeVoxelStrip() {
        Map<String, Double> out = computeAll(TextureTestData.image2D(new int[][] {{1, 2, 2}},
            TextureTestData.settings2D()));
        assertEquals(0.625, out.get("ShortRunEmphasis"), TOL);
        assertEquals(2.5, out.get("LongRunEmphasis"), TOL);
        assertEquals(1.0, out.get("GrayLevelNonUniformity"), TOL);
        assertEquals(0.5, out.get("GrayLevelNonUniformityNormalized"), TOL);
        assertEquals(1.0, out.get("RunLengthNonUniformity"), TOL);
        assertEquals(0.5, out.get("RunLengthNonUniformityNormalized"), TOL);
        assertEquals(2.0 / 3, out.get("RunPercentage"), TOL);
        assertEquals(0.25, out.get("GrayLevelVariance"), TOL);
        assertEquals(0.25, out.get("RunVariance"), TOL);
        assertEquals(1.0, out.get("RunEntropy"), TOL);
        assertEquals(0.625, out.get("LowGrayLevelRunEmphasis"), TOL);
        assertEquals(2.5, out.get("HighGrayLevelRunEmphasis"), TOL);
        assertEquals((1 + 1.0 / 16) / 2, out.get("ShortRunLowGrayLevelEmphasis"), TOL);
        assertEquals(1.0, out.get("ShortRunHighGrayLevelEmphasis"), TOL);
        assertEquals(1.0, out.get("LongRunLowGrayLevelEmphasis"), TOL);
        assertEquals(8.5, out.get("LongRunHighGrayLevelEmphasis"), TOL);
    }

    @Test
    void singleSliceRoiInVolumeEqualsForced2D() {
        // out-of-plane directions only ever meet one ROI voxel per line: pyradiomics zeroes and then drops them
        int[][] slice = {{0, 0, 0, 0}, {0, 1, 2, 0}, {0, 2, 2, 0}, {0, 0, 0, 0}};
        int[][] empty = new int[4][4];
        RoiData volume = TextureTestData.volume(new int[][][] {empty, slice, empty}, new ExtractionSettings(),
            new double[] {1, 1, 1});
        GlrlmFeatures.Runs runs = GlrlmFeatures.countRuns(volume);
        assertEquals(13, runs.angles.length);
        int kept = 0;
        for (int a = 0; a < 13; a++) {
            if (runs.multiElement[a]) {
                kept++;
                assertEquals(0, runs.angles[a][2]);
            }
        }
        assertEquals(4, kept);
        Map<String, Double> threeD = computeAll(volume);
        Map<String, Double> twoD = computeAll(TextureTestData.image2D(slice, TextureTestData.settings2D()));
        for (String f : twoD.keySet()) {
            assertEquals(twoD.get(f), threeD.get(f), TOL, f);
        }
    }

    @Test
    void separatedVoxelsOnOneLineKeepTheAngle() {
        // column x=0 holds ROI voxels at y=0 and y=2 (gap at y=1): the vertical line meets the ROI twice, so the
        // angle is kept with two runs of length 1 although no two ROI voxels touch
        RoiData roi = TextureTestData.image2D(new int[][] {{1}, {0}, {1}}, TextureTestData.settings2D());
        GlrlmFeatures.Runs runs = GlrlmFeatures.countRuns(roi);
        assertEquals(1, runs.angles.length);
        assertTrue(runs.multiElement[0]);
        assertEquals(2, runs.get(0, 1, 1));
        Map<String, Double> out = computeAll(roi);
        assertEquals(1.0, out.get("RunPercentage"), TOL);
        assertEquals(1.0, out.get("ShortRunEmphasis"), TOL);
    }

    @Test
    void isolatedVoxelGivesNaN() {
        Map<String, Double> out = computeAll(TextureTestData.image2D(new int[][] {{0, 0, 0}, {0, 4, 0}, {0, 0, 0}},
            TextureTestData.settings2D()));
        for (double v : out.values()) {
            assertTrue(Double.isNaN(v));
        }
    }

    @Test
    void weightingUsesTheDistanceItself() {
        // strip [1 2 2] with x spacing .5: the only non-empty angle weighs .5 (manhattan), scaling the counts
        ExtractionSettings s = TextureTestData.settings2D();
        s.weightingNorm = "manhattan";
        Map<String, Double> out = computeAll(TextureTestData.volume(new int[][][] {{{1, 2, 2}}}, s,
            new double[] {0.5, 3, 7}));
        assertEquals(0.5, out.get("GrayLevelNonUniformity"), TOL); // (0.25 + 0.25) / 1
        assertEquals(0.625, out.get("ShortRunEmphasis"), TOL); // ratio, unchanged
        assertEquals(2.0 / 3, out.get("RunPercentage"), TOL);
    }

    @Test
    void featureListMatchesPyradiomics() {
        GlrlmFeatures f = new GlrlmFeatures();
        assertEquals("glrlm", f.name());
        List<String> sorted = new ArrayList<>(f.featureNames());
        sorted.sort((a, b) -> (a + "FeatureValue").compareTo(b + "FeatureValue"));
        assertEquals(sorted, f.featureNames());
        assertEquals(16, f.featureNames().size());
        assertEquals(f.featureNames(), f.defaultFeatureNames());
    }
}
