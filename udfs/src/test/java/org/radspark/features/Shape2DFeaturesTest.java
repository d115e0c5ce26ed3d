package org.radspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radspark.params.ExtractionSettings;

/**
 * Hand-derived marching-squares results: a single pixel becomes the diamond through its edge midpoints
 * (area 1/2, perimeter 4 * sqrt(1/2), diameter 1); a 2x2 block becomes the octagon obtained by cutting
 * the corners of the 3x3 square [-1/2, 3/2]^2 (area 4 - 4/8 = 3.5, perimeter 4 + 4 * sqrt(1/2),
 * diameter sqrt(5) between (-1/2, 0) and (3/2, 1)).
 */
class Shape2DFeaturesTest {

    static RoiData grid(int nx, int ny, int nz, double[] spacing, int force2Ddimension,
                        ShapeFeaturesTest.Inside inside) {
        RoiData base = ShapeFeaturesTest.grid(nx, ny, nz, spacing, inside);
        ExtractionSettings s = new ExtractionSettings();
        s.force2D = true;
        s.force2Ddimension = force2Ddimension;
        return new RoiData(nx, ny, nz, spacing, base.intensities, base.roi, base.shapeRoi, base.grayLevels, s);
    }

    static Map<String, Double> shape2D(RoiData roi) {
        Shape2DFeatures f = new Shape2DFeatures();
        Map<String, Double> out = new LinkedHashMap<>();
        f.compute(roi, new HashSet<>(f.featureNames()), out);
        return out;
    }

    @Test
    void singlePixelIsADiamond() {
        Map<String, Double> f = shape2D(grid(3, 3, 3, new double[] {1, 1, 1}, 0, (i, j, k) -> i == 1 && j == 1 && k == 1));
        assertEquals(0.5, f.get("MeshSurface"), 1e-12);
        assertEquals(1.0, f.get("PixelSurface"), 0);
        assertEquals(4 * Math.sqrt(0.5), f.get("Perimeter"), 1e-12);
        assertEquals(1.0, f.get("MaximumDiameter"), 1e-12);
        assertEquals(2 * Math.sqrt(Math.PI * 0.5) / (4 * Math.sqrt(0.5)), f.get("Sphericity"), 1e-12);
        assertEquals(0.0, f.get("MajorAxisLength"), 0);
    }

    @Test
    void twoByTwoBlockIsAnOctagon() {
        Map<String, Double> f = shape2D(grid(4, 4, 1, new double[] {1, 1, 5}, 0,
            (i, j, k) -> i >= 1 && i <= 2 && j >= 1 && j <= 2));
        assertEquals(3.5, f.get("MeshSurface"), 1e-12);
        assertEquals(4.0, f.get("PixelSurface"), 0);
        double perimeter = 4 + 4 * Math.sqrt(0.5);
        assertEquals(perimeter, f.get("Perimeter"), 1e-12);
        assertEquals(perimeter / 3.5, f.get("PerimeterSurfaceRatio"), 1e-12);
        assertEquals(Math.sqrt(5), f.get("MaximumDiameter"), 1e-12);
        assertEquals(2.0, f.get("MajorAxisLength"), 1e-12);
        assertEquals(2.0, f.get("MinorAxisLength"), 1e-12);
        assertEquals(1.0, f.get("Elongation"), 1e-12);
        assertEquals(1 / f.get("Sphericity"), f.get("SphericalDisproportion"), 1e-12);
    }

    @Test
    void spacingAndOutOfPlaneDimension() {
        // a 3x1 run of pixels (x) in an x-z slice (force2Ddimension 1 drops y); spacing x=2, z=0.5
        Map<String, Double> f = shape2D(grid(5, 4, 3, new double[] {2, 7, 0.5}, 1,
            (i, j, k) -> j == 2 && k == 1 && i >= 1 && i <= 3));
        assertEquals(3 * 2 * 0.5, f.get("PixelSurface"), 1e-12);
        // hexagon through (z, x) = (0, -1), (-0.25, 0), (-0.25, 4), (0, 5), (0.25, 4), (0.25, 0) in mm
        assertEquals(2 * (4 * 0.25 + 0.5 * 2 * 0.25), f.get("MeshSurface"), 1e-12);
        assertEquals(2 * 4 + 4 * Math.hypot(2 * 0.5, 0.5 * 0.5), f.get("Perimeter"), 1e-12);
        assertEquals(6.0, f.get("MaximumDiameter"), 1e-12);
        // pixel centres at x = 2, 4, 6 mm: variance 8/3
        assertEquals(4 * Math.sqrt(8.0 / 3.0), f.get("MajorAxisLength"), 1e-12);
        assertEquals(0.0, f.get("MinorAxisLength"), 1e-12);
        assertEquals(0.0, f.get("Elongation"), 1e-12);
    }

    @Test
    void discApproachesCircle() {
        double r = 12;
        Map<String, Double> f = shape2D(grid(31, 31, 1, new double[] {0.8, 0.8, 3}, 0, (i, j, k) -> {
            double x = i - 15, y = j - 15;
            return x * x + y * y <= r * r;
        }));
        double area = Math.PI * r * r * 0.64;
        assertEquals(1.0, f.get("MeshSurface") / area, 0.03);
        assertEquals(1.0, f.get("Perimeter") / (2 * Math.PI * r * 0.8), 0.1);
        assertTrue(f.get("Sphericity") > 0.9 && f.get("Sphericity") <= 1.0);
        assertEquals(1.0, f.get("Elongation"), 1e-9);
    }

    @Test
    void rejectsMaskSpanningSeveralSlices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> shape2D(grid(3, 3, 3, new double[] {1, 1, 1}, 0, (i, j, k) -> i == 1 && j == 1 && k >= 1)));
        assertTrue(e.getMessage().contains("more than one slice"), e.getMessage());
        // the same mask is a single slice when x is the out-of-plane dimension
        Map<String, Double> f = shape2D(grid(3, 3, 3, new double[] {1, 1, 1}, 2, (i, j, k) -> i == 1 && j == 1 && k >= 1));
        assertEquals(2.0, f.get("PixelSurface"), 0);
    }

    @Test
    void requiresForce2D() {
        RoiData plain = ShapeFeaturesTest.grid(3, 3, 1, new double[] {1, 1, 1}, (i, j, k) -> i == 1);
        assertThrows(IllegalArgumentException.class, () -> shape2D(plain));
    }

    @Test
    void lineTableKeepsTheInsideOnTheLeft() {
        for (int idx = 1; idx < 15; idx++) {
            int[] lines = Shape2DFeatures.LINES[idx];
            for (int t = 0; t < lines.length; t += 2) {
                double[] a = Shape2DFeatures.EDGE_MID[lines[t]], b = Shape2DFeatures.EDGE_MID[lines[t + 1]];
                for (int c = 0; c < 4; c++) {
                    int[] p = Shape2DFeatures.CORNERS[c];
                    double cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
                    boolean inside = ((idx >> c) & 1) != 0;
                    // corners on the far side of another segment of a saddle case are not constrained
                    if (lines.length == 2) {
                        assertEquals(inside, cross > 0, "case " + idx + " corner " + c);
                    }
                }
            }
        }
    }
}
