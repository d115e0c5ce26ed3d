package org.radspark.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.PixelType;
import org.radspark.params.ExtractionSettings;

/**
 * LBP2D against scikit-image 0.19.3's local_binary_pattern (make_lbp_reference.py): on the whole of brain1
 * (int16) every code must be identical (per-code voxel counts over the volume, a position-weighted digest,
 * ROI statistics and sampled voxels), and on a small float64 volume with ties every voxel of every method,
 * including 'var', must agree (codes exactly, variances within 1e-12 relative).
 */
class LBP2DImageTest {
    /** Same formula as make_lbp_reference.py's synthetic(): 9 x 8 x 5, values with ties. */
    static Image synthetic() {
        int nx = 9, ny = 8, nz = 5;
        Geometry g = new Geometry(nx, ny, nz, new double[] {1, 1, 1}, new double[3], Geometry.identityDirection());
        double[] v = new double[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    v[g.index(i, j, k)] = ((i * 7 + j * 3 + k * 5) % 6) * 1.5 + ((i + 2 * j) % 5 == 0 ? 0.25 : 0.0) - 2.0;
                }
            }
        }
        return new Image(g, v);
    }

    private static String name(String prefix, String radius, int samples, String method, int axis) {
        return prefix + "-R" + radius + "-P" + samples + "-" + method + "-axis" + axis;
    }

    @ParameterizedTest(name = "R {0} P {1} {2} axis {3}")
    @CsvSource({"1, 8, uniform, 0", "1, 8, uniform, 1", "1, 8, uniform, 2", "1, 8, default, 0", "1, 8, ror, 0",
        "2, 16, uniform, 0", "1.5, 8, uniform, 0", "1, 8, nri_uniform, 0"})
    void matchesSkimageOnBrain1(String radius, int samples, String method, int axis) {
        Image img = FilterReference.brain1();
        double[] out = LBP2DImage.lbp(img, Double.parseDouble(radius), samples, method, axis);
        String name = name("lbp-2D", radius, samples, method, axis);
        Map<String, Double> expected = FilterReference.of(FilterReference.LBP, name);
        Map<String, Double> hist = new TreeMap<>();
        double digest = 0;
        for (int p = 0; p < out.length; p++) {
            hist.merge("hist_" + out[p], 1.0, Double::sum);
            digest += out[p] * (p % 9973 + 1);
        }
        Map<String, Double> expectedHist = new TreeMap<>();
        expected.forEach((k, v) -> {
            if (k.startsWith("hist_")) {
                expectedHist.put(k, v);
            }
        });
        assertEquals(expectedHist, hist, name + " code counts");
        assertEquals(expected.get("digest"), digest, 0, name + " digest");
        Map<String, Double> rest = new LinkedHashMap<>(expected);
        rest.keySet().removeIf(k -> k.startsWith("hist_") || k.equals("digest"));
        Map<String, Double> actual = FilterReference.describe(out, FilterReference.brain1Mask(), rest);
        for (Map.Entry<String, Double> e : rest.entrySet()) {
            assertEquals(e.getValue(), actual.get(e.getKey()), 1e-12 * Math.max(1, Math.abs(e.getValue())),
                name + " " + e.getKey());
        }
    }

    @ParameterizedTest(name = "R {0} P {1} {2} axis {3}")
    @CsvSource({"1, 8, uniform, 0", "1, 8, default, 0", "1, 8, ror, 0", "1, 8, var, 0", "1, 8, nri_uniform, 0",
        "1.7, 6, uniform, 0", "1.7, 6, var, 2", "1, 8, uniform, 1"})
    void matchesSkimageVoxelByVoxelOnSyntheticVolume(String radius, int samples, String method, int axis) {
        Image img = synthetic();
        double[] out = LBP2DImage.lbp(img, Double.parseDouble(radius), samples, method, axis);
        String name = name("synthetic-lbp-2D", radius, samples, method, axis);
        Map<String, Double> expected = FilterReference.of(FilterReference.LBP, name);
        assertEquals(out.length, expected.size());
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            String[] ijk = e.getKey().substring(2).split("_");
            double actual = out[img.geometry().index(Integer.parseInt(ijk[0]), Integer.parseInt(ijk[1]),
                Integer.parseInt(ijk[2]))];
            double x = e.getValue();
            if (Double.isNaN(x)) {
                assertEquals(x, actual, name + " " + e.getKey());
            } else {
                assertEquals(x, actual, method.equals("var") ? 1e-12 * Math.max(1, Math.abs(x)) : 0, name + " " + e.getKey());
            }
        }
    }

    @Test
    void imageTypeUsesSettingsAndKeepsPixelType() {
        ExtractionSettings s = new ExtractionSettings();
        assertEquals(8, s.lbp2DSamples);
        List<DerivedImage> out = ImageFilters.get("LBP2D").apply(FilterReference.brain1(), FilterReference.brain1Mask(), s);
        assertEquals(1, out.size());
        assertEquals("lbp-2D", out.get(0).name());
        assertEquals(PixelType.INT16, out.get(0).image().pixelType());
        assertEquals(FilterReference.LBP.get("lbp-2D-R1-P8-uniform-axis0").get("mean"),
            FilterReference.describe(out.get(0).image().voxels(), FilterReference.brain1Mask(), Map.of()).get("mean"), 1e-12);
    }
}
