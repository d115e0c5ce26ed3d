package org.radspark.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;

/**
 * LBP3D against make_lbp_reference.py, which follows pyradiomics' getLBP3DImage with scipy
 * (map_coordinates, sph_harm, stats.kurtosis) and trimesh's icosphere rebuilt: ROI statistics, sampled
 * ROI voxels and a rank-weighted digest of every ROI voxel agree within 1e-12 relative (about 1e-14 is
 * reached: every rounded sample and every threshold bit is the same).
 */
class LBP3DImageTest {
    @ParameterizedTest(name = "levels {0} radius {1} subdivisions {2}")
    @CsvSource({"2, 1, 1", "3, 1.5, 0", "2, 1, 2"})
    void matchesScipyReproductionOnBrain1(int levels, String radius, int subdivisions) {
        Mask mask = FilterReference.brain1Mask();
        Map<String, double[]> images = LBP3DImage.compute(FilterReference.brain1(), mask, 1, levels,
            Double.parseDouble(radius), subdivisions);
        assertEquals(levels + 1, images.size());
        int[] labels = mask.labels();
        for (Map.Entry<String, double[]> e : images.entrySet()) {
            String name = e.getKey() + "-L" + levels + "-R" + radius + "-S" + subdivisions;
            double[] v = e.getValue();
            Map<String, Double> expected = FilterReference.of(FilterReference.LBP, name);
            double digest = 0;
            for (int p = 0, rank = 0; p < v.length; p++) {
                if (labels[p] == 1) {
                    digest += v[p] * (rank++ % 9973 + 1);
                }
            }
            double worst = Math.abs(digest - expected.get("roi_digest")) / Math.abs(expected.get("roi_digest"));
            Map<String, Double> stats = FilterReference.describe(v, mask, expected);
            for (Map.Entry<String, Double> x : expected.entrySet()) {
                if (!x.getKey().equals("roi_digest")) {
                    worst = Math.max(worst, Math.abs(stats.get(x.getKey()) - x.getValue()) / Math.max(1, Math.abs(x.getValue())));
                }
            }
            System.out.printf("%s: largest relative difference from the scipy reproduction %.2e%n", name, worst);
            assertEquals(expected.get("roi_digest"), digest, 1e-12 * Math.abs(expected.get("roi_digest")), name + " digest");
            Map<String, Double> actual = FilterReference.describe(v, mask, expected);
            for (Map.Entry<String, Double> x : expected.entrySet()) {
                if (!x.getKey().equals("roi_digest")) {
                    assertEquals(x.getValue(), actual.get(x.getKey()), 1e-12 * Math.max(1, Math.abs(x.getValue())),
                        name + " " + x.getKey());
                }
            }
        }
    }

    @Test
    void icosphereHasTrimeshVertexCountsOnTheSphere() {
        for (int s = 0; s <= 2; s++) {
            double[][] v = LBP3DImage.icosphere(s, 1.5);
            assertEquals(new int[] {12, 42, 162}[s], v.length);
            for (double[] p : v) {
                assertEquals(1.5, Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]), 1e-12);
            }
        }
    }

    @Test
    void harmonicsFollowScipyArgumentOrder() {
        // scipy.special.sph_harm(1, 1, 0.3, 1.1) = -sqrt(3/(8 pi)) sin(1.1) exp(0.3 i)
        double[] y = LBP3DImage.scipySphHarm(1, 1, 0.3, 1.1);
        double a = -Math.sqrt(3 / (8 * Math.PI)) * Math.sin(1.1);
        assertEquals(a * Math.cos(0.3), y[0], 1e-15);
        assertEquals(a * Math.sin(0.3), y[1], 1e-15);
        double[] yMinus = LBP3DImage.scipySphHarm(-1, 1, 0.3, 1.1);
        assertEquals(-y[0], yMinus[0], 1e-15);
        assertEquals(y[1], yMinus[1], 1e-15);
        assertTrue(Double.isNaN(LBP3DImage.kurtosis(new double[] {4, 4, 4, 4})));
    }

    @Test
    void imageTypeYieldsPyradiomicsNames() {
        List<DerivedImage> out = ImageFilters.get("LBP3D").apply(FilterReference.brain1(), FilterReference.brain1Mask(),
            new ExtractionSettings());
        assertEquals(List.of("lbp-3D-m1", "lbp-3D-m2", "lbp-3D-k"), out.stream().map(DerivedImage::name).toList());
    }
}
