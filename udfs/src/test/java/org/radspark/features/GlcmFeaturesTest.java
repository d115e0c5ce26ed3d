package org.radspark.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.radspark.params.ExtractionSettings;

class GlcmFeaturesTest {
    private static final double TOL = 1e-12;

    /** The 5x5 example image of pyradiomics' GLCM documentation (rows are y, columns are x). */
    private static final int[][] DOC_IMAGE = {
        {1, 2, 5, 2, 3},
        {3, 2, 1, 3, 1},
        {1, 3, 5, 5, 2},
        {1, 1, 1, 1, 2},
        {1, 2, 4, 3, 5}};

    private static Map<String, Double> computeAll(RoiData roi) {
        GlcmFeatures f = new GlcmFeatures();
        Map<String, Double> out = new LinkedHashMap<>();
        f.compute(roi, new HashSet<>(f.featureNames()), out);
        return out;
    }

    private static void assertMatrix(int[][] expected, GlcmFeatures.Counts c, int angle) {
        for (int i = 1; i <= 5; i++) {
            for (int j = 1; j <= 5; j++) {
                assertEquals(expected[i - 1][j - 1], c.get(angle, i, j), "P(" + i + "," + j + ") angle " + angle);
            }
        }
    }

    @Test
    void twoDimensionalAnglesFollowPyradiomicsOrder() {
        GlcmFeatures.Counts c = GlcmFeatures.countMatrices(TextureTestData.image2D(DOC_IMAGE,
            TextureTestData.settings2D()));
        // pyradiomics (z,y,x) order: (0,1,1), (0,1,0), (0,1,-1), (0,0,1); stored here as {dx, dy, dz}
        assertArrayEquals(new int[][] {{1, 1, 0}, {0, 1, 0}, {-1, 1, 0}, {1, 0, 0}}, c.angles);
    }

    @Test
    void reproducesDocumentationMatrices() {
        GlcmFeatures.Counts c = GlcmFeatures.countMatrices(TextureTestData.image2D(DOC_IMAGE,
            TextureTestData.settings2D()));
        // horizontal angle: the symmetrical matrix printed in the pyradiomics GLCM docstring
        assertMatrix(new int[][] {
            {6, 4, 3, 0, 0},
            {4, 0, 2, 1, 3},
            {3, 2, 0, 1, 2},
            {0, 1, 1, 0, 0},
            {0, 3, 2, 0, 2}}, c, 3);
        // vertical angle, counted by hand: e.g. the single 4 (row 5, column 3) has a 1 above it -> P(4,1)=P(1,4)=1;
        // column 1 (1,3,1,1,1) gives pairs 1-3, 3-1, 1-1, 1-1 -> contributes 4 to P(1,1) after symmetrisation
        assertMatrix(new int[][] {
            {4, 2, 5, 1, 4},
            {2, 4, 2, 0, 1},
            {5, 2, 0, 0, 1},
            {1, 0, 0, 0, 0},
            {4, 1, 1, 0, 0}}, c, 1);
        // the two diagonals, counted by hand
        assertMatrix(new int[][] {
            {2, 4, 2, 1, 3},
            {4, 0, 1, 0, 2},
            {2, 1, 2, 0, 1},
            {1, 0, 0, 0, 0},
            {3, 2, 1, 0, 0}}, c, 0);
        assertMatrix(new int[][] {
            {2, 4, 2, 1, 3},
            {4, 0, 2, 0, 1},
            {2, 2, 2, 0, 1},
            {1, 0, 0, 0, 0},
            {3, 1, 1, 0, 0}}, c, 2);
    }

    @Test
    void asymmetricalMatrixCountsCentreThenNeighbour() {
        ExtractionSettings s = TextureTestData.settings2D();
        s.symmetricalGLCM = false;
        GlcmFeatures.Counts c = GlcmFeatures.countMatrices(TextureTestData.image2D(DOC_IMAGE, s));
        // horizontal, left voxel is the centre: row 1 "1 2 5 2 3" gives (1,2), (2,5), (5,2), (2,3);
        // (1,2) also occurs in rows 4 and 5, (2,1) only in row 2 ("3 2 1 3 1")
        assertEquals(3, c.get(3, 1, 1)); // row 4: 1 1 1 1
        assertEquals(3, c.get(3, 1, 2));
        assertEquals(1, c.get(3, 2, 1));
        assertEquals(1, c.get(3, 2, 5));
        assertEquals(2, c.get(3, 5, 2));
        int total = 0;
        for (int i = 1; i <= 5; i++) {
            for (int j = 1; j <= 5; j++) {
                total += c.get(3, i, j);
            }
        }
        assertEquals(20, total); // 5 rows x 4 horizontal pairs
    }

    @Test
    void threeDimensionalAnglesFollowPyradiomicsOrder() {
        int[][][] vol = new int[3][3][3];
        for (int[][] plane : vol) {
            for (int[] row : plane) {
                java.util.Arrays.fill(row, 1);
            }
        }
        GlcmFeatures.Counts c = GlcmFeatures.countMatrices(TextureTestData.volume(vol, new ExtractionSettings(),
            new double[] {1, 1, 1}));
        assertEquals(13, c.angles.length);
        // (z,y,x) = (1,1,1), (1,1,0), (1,1,-1), (1,0,1), ... , (0,1,-1), (0,0,1)
        assertArrayEquals(new int[] {1, 1, 1}, c.angles[0]);
        assertArrayEquals(new int[] {0, 1, 1}, c.angles[1]);
        assertArrayEquals(new int[] {-1, 1, 1}, c.angles[2]);
        assertArrayEquals(new int[] {1, 0, 1}, c.angles[3]);
        assertArrayEquals(new int[] {0, 0, 1}, c.angles[4]);
        assertArrayEquals(new int[] {-1, 1, 0}, c.angles[11]);
        assertArrayEquals(new int[] {1, 0, 0}, c.angles[12]);
        // 3x3x3 cube, angle (0,0,1): 9 lines of 3 voxels -> 18 ordered pairs, 36 after symmetrisation
        assertEquals(36, c.get(12, 1, 1));
        // distance 2 adds the 49 angles of infinity norm 2 (98 offsets / 2)
        ExtractionSettings s = new ExtractionSettings();
        s.distances = new int[] {1, 2};
        c = GlcmFeatures.countMatrices(TextureTestData.volume(vol, s, new double[] {1, 1, 1}));
        assertEquals(13 + 49, c.angles.length);
        assertArrayEquals(new int[] {2, 2, 2}, c.angles[0]);
    }

    /**
     * Hand derivation on the 1x3 image [1 2 2] (2D): only the horizontal angle fits in the grid. Ordered pairs
     * (1,2) and (2,2); symmetrical P = [[0,1],[1,2]], sum 4, so p = [[0,.25],[.25,.5]], px = py = (.25,.75).
     * JointAverage = 1*.25 + 2*.75 = 1.75; Autocorrelation = 2*(1*2*.25) + 2*2*.5 = 3; Contrast = 2*.25*1 = .5;
     * JointEnergy = 2*.0625 + .25 = .375; MaximumProbability = .5; p_{x-y} = (.5, .5) so DifferenceAverage = .5,
     * Id = .5 + .5/2 = .75, Idm = .5 + .5/2 = .75, Idn = .5 + .5/(1 + 1/2) = 5/6, Idmn = .5 + .5/(1 + 1/4) = .9,
     * InverseVariance = .5, DifferenceVariance = .5*.25 + .5*.25 = .25; p_{x+y}(3) = .5, p_{x+y}(4) = .5 so
     * SumAverage = 3.5 = 2 * JointAverage and SumEntropy = 1; SumSquares = .25*.5625 + .75*.0625 = .1875;
     * covariance = 2*.25*(-.75)(.25) + .5*(.25)(.25) = -.0625, Correlation = -.0625/.1875 = -1/3.
     * Q = [[1/3, 2/3], [2/9, 7/9]] has trace 10/9 and determinant 1/9, eigenvalues 1 and 1/9, so MCC = 1/3.
     * ClusterTendency = sum p (i+j-3.5)^2 = 2*.25*.25 + .5*.25 = .25, ClusterShade = 2*.25*(-.125) + .5*.125 = 0,
     * ClusterProminence = 2*.25*.0625 + .5*.0625 = .0625.
     */
    @Test
    void handDerivedFeaturesOnThreeVoxelStrip() {
        Map<String, Double> out = computeAll(TextureTestData.image2D(new int[][] {{1, 2, 2}},
            TextureTestData.settings2D()));
        assertEquals(1.75, out.get("JointAverage"), TOL);
        assertEquals(3.0, out.get("Autocorrelation"), TOL);
        assertEquals(0.5, out.get("Contrast"), TOL);
        assertEquals(0.375, out.get("JointEnergy"), TOL);
        assertEquals(0.5, out.get("MaximumProbability"), TOL);
        assertEquals(0.5, out.get("DifferenceAverage"), TOL);
        assertEquals(0.25, out.get("DifferenceVariance"), TOL);
        assertEquals(1.0, out.get("DifferenceEntropy"), TOL);
        assertEquals(0.75, out.get("Id"), TOL);
        assertEquals(0.75, out.get("Idm"), TOL);
        assertEquals(5.0 / 6, out.get("Idn"), TOL);
        assertEquals(0.9, out.get("Idmn"), TOL);
        assertEquals(0.5, out.get("InverseVariance"), TOL);
        assertEquals(3.5, out.get("SumAverage"), TOL);
        assertEquals(1.0, out.get("SumEntropy"), TOL);
        assertEquals(0.1875, out.get("SumSquares"), TOL);
        assertEquals(-1.0 / 3, out.get("Correlation"), TOL);
        assertEquals(1.0 / 3, out.get("MCC"), 1e-9);
        assertEquals(0.25, out.get("ClusterTendency"), TOL);
        assertEquals(0.0, out.get("ClusterShade"), TOL);
        assertEquals(0.0625, out.get("ClusterProminence"), TOL);
        // entropies: HXY = -(2*.25*log2 .25 + .5*log2 .5) = 1.5; HX = HY = -(.25 log2 .25 + .75 log2 .75)
        double hx = -(0.25 * log2(0.25) + 0.75 * log2(0.75));
        double hxy1 = -(2 * 0.25 * log2(0.25 * 0.75) + 0.5 * log2(0.75 * 0.75));
        double hxy2 = -(0.0625 * log2(0.0625) + 2 * 0.1875 * log2(0.1875) + 0.5625 * log2(0.5625));
        assertEquals(1.5, out.get("JointEntropy"), TOL);
        assertEquals((1.5 - hxy1) / hx, out.get("Imc1"), TOL);
        assertEquals(Math.sqrt(1 - Math.exp(-2 * (hxy2 - 1.5))), out.get("Imc2"), TOL);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void flatRegionUsesPyradiomicsFallbacks() {
        Map<String, Double> out = computeAll(TextureTestData.image2D(new int[][] {{3, 3}, {3, 3}},
            TextureTestData.settings2D()));
        assertEquals(1.0, out.get("Correlation"));
        assertEquals(1.0, out.get("MCC"));
        assertEquals(0.0, out.get("Imc1"), TOL);
        assertEquals(0.0, out.get("Imc2"));
        assertEquals(0.0, out.get("Contrast"));
        assertEquals(1.0, out.get("JointEnergy"), TOL);
        assertEquals(3.0, out.get("JointAverage"), TOL);
        assertEquals(1.0, out.get("Idmn"), TOL);
    }

    @Test
    void emptyAnglesAreDroppedBeforeAveraging() {
        // the strip [1 2 2] inside a larger grid: only the horizontal angle has pairs; the others are dropped
        Map<String, Double> strip = computeAll(TextureTestData.image2D(new int[][] {{1, 2, 2}},
            TextureTestData.settings2D()));
        Map<String, Double> embedded = computeAll(TextureTestData.volume(new int[][][] {
            {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}},
            {{0, 0, 0, 0}, {1, 2, 2, 0}, {0, 0, 0, 0}},
            {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}}, new ExtractionSettings(), new double[] {1, 1, 1}));
        for (String f : strip.keySet()) {
            assertEquals(strip.get(f), embedded.get(f), TOL, f);
        }
    }

    @Test
    void absentGreyLevelsKeepTheirValues() {
        // levels 1 and 3 only: level 2 is dropped but i, j stay 1 and 3; Ng for Idn/Idmn stays 3
        Map<String, Double> out = computeAll(TextureTestData.image2D(new int[][] {{1, 3}},
            TextureTestData.settings2D()));
        // p = [[0,.5],[.5,0]]
        assertEquals(2.0, out.get("JointAverage"), TOL);
        assertEquals(4.0, out.get("Contrast"), TOL);
        assertEquals(2.0, out.get("DifferenceAverage"), TOL);
        assertEquals(1 / (1 + 2.0 / 3), out.get("Idn"), TOL);
        assertEquals(1 / (1 + 4.0 / 9), out.get("Idmn"), TOL);
        assertEquals(-1.0, out.get("Correlation"), TOL);
        assertEquals(1.0, out.get("MCC"), 1e-9); // Q is the identity: both eigenvalues 1
    }

    /**
     * 2x2 image [[1,2],[1,1]]; per angle (symmetrical): (y+1,x+1): P11 = 2; (y+1): P11 = 2, P12 = P21 = 1;
     * (y+1,x-1): P12 = P21 = 1; (x+1): P11 = 2, P12 = P21 = 1. Unweighted JointEnergy = mean(1, .375, .5, .375).
     */
    @Test
    void weightingMergesAnglesBeforeFeatures() {
        int[][] img = {{1, 2}, {1, 1}};
        assertEquals(0.5625, computeAll(TextureTestData.image2D(img, TextureTestData.settings2D()))
            .get("JointEnergy"), TOL);

        ExtractionSettings s = TextureTestData.settings2D();
        s.weightingNorm = "no_weighting";
        // merged P11 = 6, P12 = P21 = 3 -> p = (.5, .25, .25)
        assertEquals(0.375, computeAll(TextureTestData.image2D(img, s)).get("JointEnergy"), TOL);

        s.weightingNorm = "infinity";
        int[][][] vol = {img};
        Map<String, Double> out = computeAll(TextureTestData.volume(vol, s, new double[] {1, 2, 1}));
        // spacing x=1, y=2: the three angles moving in y weigh exp(-4), the horizontal one exp(-1)
        double wy = Math.exp(-4), wx = Math.exp(-1);
        double p11 = 2 * wy + 2 * wy + 2 * wx, p12 = wy + wy + wx;
        double total = p11 + 2 * p12;
        double expected = (p11 * p11 + 2 * p12 * p12) / (total * total);
        assertEquals(expected, out.get("JointEnergy"), TOL);
    }

    @Test
    void featureListsMatchPyradiomics() {
        GlcmFeatures f = new GlcmFeatures();
        assertEquals("glcm", f.name());
        List<String> sorted = new ArrayList<>(f.featureNames());
        sorted.sort((a, b) -> (a + "FeatureValue").compareTo(b + "FeatureValue"));
        assertEquals(sorted, f.featureNames());
        assertEquals(28, f.featureNames().size());
        assertEquals(24, f.defaultFeatureNames().size());
        assertTrue(f.defaultFeatureNames().contains("SumAverage"));
        assertFalse(f.defaultFeatureNames().contains("SumVariance"));
        assertFalse(f.defaultFeatureNames().contains("Dissimilarity"));
    }

    @Test
    void deprecatedFeaturesYieldNoValueAndOnlyRequestedAreComputed() {
        Map<String, Double> out = new LinkedHashMap<>();
        new GlcmFeatures().compute(TextureTestData.image2D(DOC_IMAGE, TextureTestData.settings2D()),
            Set.of("Dissimilarity", "Contrast", "Homogeneity1"), out);
        assertEquals(Set.of("Contrast"), out.keySet());
    }
}
