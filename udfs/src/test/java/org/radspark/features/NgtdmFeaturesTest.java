package org.radspark.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NgtdmFeaturesTest {

    /** The 4x4 example image of pyradiomics' NGTDM documentation (no voxel has grey level 4). */
    static final int[][] DOC_IMAGE = {
        {1, 2, 5, 2},
        {3, 5, 1, 3},
        {1, 3, 5, 5},
        {3, 1, 1, 1},
    };

    private static final double TOL = 1e-12;

    private static Map<String, Double> computeAll(RoiData roi) {
        NgtdmFeatures f = new NgtdmFeatures();
        Map<String, Double> out = new LinkedHashMap<>();
        f.compute(roi, new HashSet<>(f.featureNames()), out);
        return out;
    }

    /*
     * Per voxel (row, column): neighbour sum / neighbour count -> |centre - mean|
     *   level 1: (0,0) 10/3 -> 7/3; (1,2) 30/8 -> 11/4; (2,0) 15/5 -> 2; (3,1) 13/5 -> 8/5; (3,2) 15/5 -> 2;
     *            (3,3) 11/3 -> 8/3; s_1 = 267/20 = 13.35
     *   level 2: (0,1) 15/5 -> 1; (0,3) 9/3 -> 1; s_2 = 2
     *   level 3: (1,0) 12/5 -> 3/5; (1,3) 18/5 -> 3/5; (2,1) 20/8 -> 1/2; (3,0) 5/3 -> 4/3; s_3 = 91/30
     *   level 5: (0,2) 13/5 -> 12/5; (1,1) 21/8 -> 19/8; (2,2) 20/8 -> 5/2; (2,3) 11/5 -> 14/5; s_5 = 403/40 = 10.075
     * (pyradiomics' table prints 2.63 for s_3; its own worked sum gives 3.03, which is what the C code produces.)
     */
    @Test
    void documentationMatrixIsReproduced() {
        NgtdmFeatures.Matrix m = NgtdmFeatures.matrix(TextureTestImages.slice(DOC_IMAGE));
        assertArrayEquals(new int[] {1, 2, 3, 5}, m.grayLevels);
        assertArrayEquals(new double[] {6, 2, 4, 4}, m.n, 0);
        assertArrayEquals(new double[] {267.0 / 20, 2, 91.0 / 30, 403.0 / 40}, m.s, TOL);
        assertEquals(-1, m.row(4));
    }

    /*
     * With Nvp = 16, p = (6, 2, 4, 4)/16 for levels i = (1, 2, 3, 5) and s as above:
     *   sum p_i s_i = (6*13.35 + 2*2 + 4*91/30 + 4*10.075)/16 = 128/15         -> Coarseness = 15/128
     *   Contrast = [sum_ij p_i p_j (i-j)^2 / (4*3)] * [sum s_i / 16]           = 36199/49152
     *   Busyness = (128/15) / sum_ij |i p_i - j p_j|, with i p_i = (6, 4, 12, 20)/16 the double sum is 27/4 -> 512/405
     *   Complexity = sum_ij |i-j| (p_i s_i + p_j s_j)/(p_i + p_j) / 16          = 414239/28800
     *   Strength = sum_ij (p_i + p_j)(i-j)^2 / sum s_i                          = 900/683
     * (exact rational values worked out with fractions).
     */
    @Test
    void documentationFeaturesMatchHandDerivation() {
        Map<String, Double> v = computeAll(TextureTestImages.slice(DOC_IMAGE));
        assertEquals(15.0 / 128, v.get("Coarseness"), TOL);
        assertEquals(36199.0 / 49152, v.get("Contrast"), TOL);
        assertEquals(512.0 / 405, v.get("Busyness"), TOL);
        assertEquals(414239.0 / 28800, v.get("Complexity"), TOL);
        assertEquals(900.0 / 683, v.get("Strength"), TOL);
        assertEquals(List.of("Busyness", "Coarseness", "Complexity", "Contrast", "Strength"), List.copyOf(v.keySet()));
    }

    @Test
    void homogeneousRoiUsesPyradiomicsFallbacks() {
        int[][] img = {{2, 2}, {2, 2}};
        Map<String, Double> v = computeAll(TextureTestImages.slice(img));
        assertEquals(1_000_000.0, v.get("Coarseness"));
        assertEquals(0.0, v.get("Contrast"));
        assertEquals(0.0, v.get("Busyness"));
        assertEquals(0.0, v.get("Complexity"));
        assertEquals(0.0, v.get("Strength"));
    }

    @Test
    void voxelWithoutRoiNeighboursStillCountsWithZeroDifference() {
        // The lone 3 at the right has no ROI neighbour: pyradiomics' C code still adds it to n_3 with difference 0.
        int[][] img = {{1, 2, 0, 3}};
        NgtdmFeatures.Matrix m = NgtdmFeatures.matrix(TextureTestImages.slice(img));
        assertArrayEquals(new int[] {1, 2, 3}, m.grayLevels);
        assertArrayEquals(new double[] {1, 1, 1}, m.n, 0);
        assertArrayEquals(new double[] {1, 1, 0}, m.s, 0);
        // Nvp = 3: p = 1/3 each, sum p_i s_i = 2/3 -> Coarseness 3/2.
        assertEquals(1.5, computeAll(TextureTestImages.slice(img)).get("Coarseness"), TOL);
    }
}
