package org.radspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radspark.params.ExtractionSettings;

/**
 * Hand-derived marching-cubes results. With vertices at edge midpoints a single voxel becomes the
 * octahedron |x|+|y|+|z| &lt;= 1/2 (volume 1/6, eight equilateral faces of side sqrt(1/2), area sqrt(3));
 * a 2x2x2 block becomes the cube [-1/2, 3/2]^3 with its 12 edges chamfered by the planes
 * u+v &gt;= 1/2 and its 8 corners cut by u+v+w &gt;= 1 (u, v, w measured from a face), i.e. volume
 * 8 * (1 - 1/6 - 3/24) = 17/3 and area 6 * 1 + 12 * sqrt(1/2) + 8 * sqrt(3)/8.
 */
class ShapeFeaturesTest {

    interface Inside {
        boolean test(int i, int j, int k);
    }

    static RoiData grid(int nx, int ny, int nz, double[] spacing, Inside inside) {
        int n = nx * ny * nz;
        byte[] mask = new byte[n];
        int[] levels = new int[n];
        double[] intensities = new double[n];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    if (inside.test(i, j, k)) {
                        int v = i + nx * (j + ny * k);
                        mask[v] = 1;
                        levels[v] = 1;
                    }
                }
            }
        }
        return new RoiData(nx, ny, nz, spacing, intensities, mask, mask, levels, new ExtractionSettings());
    }

    static Map<String, Double> shape(RoiData roi) {
        ShapeFeatures f = new ShapeFeatures();
        Map<String, Double> out = new LinkedHashMap<>();
        f.compute(roi, new HashSet<>(f.featureNames()), out);
        return out;
    }

    @Test
    void singleVoxelIsAnOctahedron() {
        Map<String, Double> f = shape(grid(3, 3, 3, new double[] {1, 1, 1}, (i, j, k) -> i == 1 && j == 1 && k == 1));
        assertEquals(1.0 / 6.0, f.get("MeshVolume"), 1e-12);
        assertEquals(Math.sqrt(3), f.get("SurfaceArea"), 1e-12);
        assertEquals(1.0, f.get("VoxelVolume"), 0);
        assertEquals(1.0, f.get("Maximum3DDiameter"), 1e-12);
        assertEquals(1.0, f.get("Maximum2DDiameterSlice"), 1e-12);
        assertEquals(0.0, f.get("MajorAxisLength"), 0);
        assertEquals(0.0, f.get("LeastAxisLength"), 0);
        double sphericity = Math.pow(36 * Math.PI / 36, 1.0 / 3.0) / Math.sqrt(3);
        assertEquals(sphericity, f.get("Sphericity"), 1e-12);
    }

    @Test
    void singleVoxelScalesWithSpacing() {
        // spacing (x, y, z) = (2, 1, 3): the octahedron's semi-axes become 1, 0.5, 1.5
        Map<String, Double> f = shape(grid(1, 1, 1, new double[] {2, 1, 3}, (i, j, k) -> true));
        assertEquals(6.0 / 6.0, f.get("MeshVolume"), 1e-12);
        assertEquals(6.0, f.get("VoxelVolume"), 0);
        assertEquals(3.0, f.get("Maximum3DDiameter"), 1e-12); // along z: 2 * 1.5
        assertEquals(2.0, f.get("Maximum2DDiameterSlice"), 1e-12); // in-plane: along x
        assertEquals(3.0, f.get("Maximum2DDiameterColumn"), 1e-12); // x-z plane: along z
        assertEquals(3.0, f.get("Maximum2DDiameterRow"), 1e-12); // y-z plane: along z
        // face area: triangle with vertices (1,0,0), (0,0.5,0), (0,0,1.5) -> 0.5 * |(-1,0.5,0)x(-1,0,1.5)|
        double[] n = {0.5 * 1.5, 1.5, 0.5};
        double face = 0.5 * Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        assertEquals(8 * face, f.get("SurfaceArea"), 1e-12);
    }

    @Test
    void twoByTwoByTwoBlock() {
        Map<String, Double> f = shape(grid(4, 4, 4, new double[] {1, 1, 1},
            (i, j, k) -> i >= 1 && i <= 2 && j >= 1 && j <= 2 && k >= 1 && k <= 2));
        assertEquals(17.0 / 3.0, f.get("MeshVolume"), 1e-12);
        assertEquals(6 + 12 * Math.sqrt(0.5) + Math.sqrt(3), f.get("SurfaceArea"), 1e-12);
        assertEquals(8.0, f.get("VoxelVolume"), 0);
        assertEquals(Math.sqrt(6), f.get("Maximum3DDiameter"), 1e-12);
        assertEquals(Math.sqrt(5), f.get("Maximum2DDiameterSlice"), 1e-12);
        assertEquals(Math.sqrt(5), f.get("Maximum2DDiameterColumn"), 1e-12);
        assertEquals(Math.sqrt(5), f.get("Maximum2DDiameterRow"), 1e-12);
        // voxel centres at 0/1 on each axis: variance 1/4 per axis, axes 4 * sqrt(1/4) = 2
        assertEquals(2.0, f.get("MajorAxisLength"), 1e-12);
        assertEquals(2.0, f.get("LeastAxisLength"), 1e-12);
        assertEquals(1.0, f.get("Elongation"), 1e-12);
        assertEquals(1.0, f.get("Flatness"), 1e-12);
        double v = 17.0 / 3.0, a = 6 + 12 * Math.sqrt(0.5) + Math.sqrt(3);
        assertEquals(a / v, f.get("SurfaceVolumeRatio"), 1e-12);
        assertEquals(36 * Math.PI * v * v / (a * a * a), f.get("Compactness2"), 1e-12);
        assertEquals(v / Math.sqrt(Math.PI * a * a * a), f.get("Compactness1"), 1e-12);
        assertEquals(1 / f.get("Sphericity"), f.get("SphericalDisproportion"), 1e-12);
    }

    @Test
    void blockTouchingTheGridBorderIsPadded() {
        Map<String, Double> f = shape(grid(2, 2, 2, new double[] {1, 1, 1}, (i, j, k) -> true));
        assertEquals(17.0 / 3.0, f.get("MeshVolume"), 1e-12);
    }

    @Test
    void sphereApproachesAnalyticValues() {
        double r = 10;
        Map<String, Double> f = shape(grid(25, 25, 25, new double[] {1, 1, 1}, (i, j, k) -> {
            double x = i - 12, y = j - 12, z = k - 12;
            return x * x + y * y + z * z <= r * r;
        }));
        double volume = 4.0 / 3.0 * Math.PI * r * r * r;
        assertEquals(1.0, f.get("MeshVolume") / volume, 0.03);
        assertEquals(1.0, f.get("VoxelVolume") / volume, 0.03);
        assertEquals(1.0, f.get("SurfaceArea") / (4 * Math.PI * r * r), 0.1);
        assertTrue(f.get("Sphericity") > 0.9 && f.get("Sphericity") <= 1.0, "sphericity " + f.get("Sphericity"));
        assertEquals(2 * r + 1, f.get("Maximum3DDiameter"), 1.0);
        // uniform ball: variance r^2/5 per axis
        assertEquals(4 * r / Math.sqrt(5), f.get("MajorAxisLength"), 0.02 * r);
        assertEquals(1.0, f.get("Elongation"), 1e-9);
        assertEquals(1.0, f.get("Flatness"), 1e-9);
    }

    @Test
    void ellipsoidAxesAndPlanarDiametersFollowSpacing() {
        // voxels of 0.5 x 1 x 2 mm; an axis-aligned box of 12 x 5 x 2 voxels = 6 x 5 x 4 mm
        Map<String, Double> f = shape(grid(16, 9, 6, new double[] {0.5, 1, 2},
            (i, j, k) -> i >= 2 && i < 14 && j >= 2 && j < 7 && k >= 2 && k < 4));
        assertEquals(12 * 5 * 2 * 1.0, f.get("VoxelVolume"), 1e-12);
        // box variance per axis: (n^2 - 1) / 12 * spacing^2
        double vx = (144 - 1) / 12.0 * 0.25, vy = (25 - 1) / 12.0, vz = (4 - 1) / 12.0 * 4;
        assertEquals(4 * Math.sqrt(vx), f.get("MajorAxisLength"), 1e-9);
        assertEquals(4 * Math.sqrt(vy), f.get("MinorAxisLength"), 1e-9);
        assertEquals(4 * Math.sqrt(vz), f.get("LeastAxisLength"), 1e-9);
        assertTrue(f.get("Maximum2DDiameterSlice") < f.get("Maximum3DDiameter"));
        assertTrue(f.get("MeshVolume") > 0);
    }

    /** The pruned diameter search must equal the plain all-pairs loop. */
    @Test
    void prunedDiameterEqualsBruteForce() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + rnd.nextInt(400);
            double[] pts = new double[3 * n];
            for (int i = 0; i < pts.length; i++) {
                pts[i] = (rnd.nextInt(20) + 0.5 * rnd.nextInt(2)) * (i % 3 == 0 ? 0.7 : 1.3);
            }
            double[] best = new double[4];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < a; b++) {
                    double d0 = pts[3 * a] - pts[3 * b], d1 = pts[3 * a + 1] - pts[3 * b + 1];
                    double d2 = pts[3 * a + 2] - pts[3 * b + 2];
                    double dist = d0 * d0 + d1 * d1 + d2 * d2;
                    for (int d = 0; d < 3; d++) {
                        if (pts[3 * a + d] == pts[3 * b + d]) {
                            best[d] = Math.max(best[d], dist);
                        }
                    }
                    best[3] = Math.max(best[3], dist);
                }
            }
            double[] got = new double[4];
            Diameters.compute(pts, n, got);
            for (int d = 0; d < 4; d++) {
                assertEquals(Math.sqrt(best[d]), got[d], 0.0, "trial " + trial + " index " + d);
            }
        }
    }

    /**
     * Every case of the triangle table: triangles use exactly the edges that separate inside from
     * outside corners, their normals point from the inside corner to the outside corner of their
     * edges on balance, and every triangle side that is not on a cube face is shared with the opposite
     * direction by another triangle of the same case (the surface is closed inside the cube).
     */
    @Test
    void triangleTableIsConsistent() {
        for (int idx = 1; idx < 128; idx++) {
            int[] tri = MarchingCubes.TRIANGLES[idx];
            assertEquals(0, tri.length % 3, "case " + idx);
            assertFalse(tri.length == 0, "case " + idx);
            boolean[] active = new boolean[12];
            for (int e = 0; e < 12; e++) {
                int c0 = MarchingCubes.EDGE_CORNERS[e][0], c1 = MarchingCubes.EDGE_CORNERS[e][1];
                active[e] = ((idx >> c0) & 1) != ((idx >> c1) & 1);
            }
            boolean[] used = new boolean[12];
            Map<Long, Integer> directed = new HashMap<>();
            for (int t = 0; t < tri.length; t += 3) {
                double[] a = MarchingCubes.EDGE_MID[tri[t]], b = MarchingCubes.EDGE_MID[tri[t + 1]];
                double[] c = MarchingCubes.EDGE_MID[tri[t + 2]];
                double[] u = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
                double[] w = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
                double[] n = {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]};
                double outward = 0;
                for (int s = 0; s < 3; s++) {
                    int e = tri[t + s];
                    assertTrue(active[e], "case " + idx + " uses inactive edge " + e);
                    used[e] = true;
                    int in = MarchingCubes.EDGE_CORNERS[e][0], out = MarchingCubes.EDGE_CORNERS[e][1];
                    if (((idx >> in) & 1) == 0) {
                        int tmp = in;
                        in = out;
                        out = tmp;
                    }
                    for (int d = 0; d < 3; d++) {
                        outward += n[d] * (MarchingCubes.CORNERS[out][d] - MarchingCubes.CORNERS[in][d]);
                    }
                    int from = tri[t + s], to = tri[t + (s + 1) % 3];
                    directed.merge((long) from * 16 + to, 1, Integer::sum);
                }
                assertTrue(outward > 0, "case " + idx + " triangle " + t / 3 + " faces inward");
            }
            for (int e = 0; e < 12; e++) {
                assertEquals(active[e], used[e], "case " + idx + " edge " + e);
            }
            for (Map.Entry<Long, Integer> d : directed.entrySet()) {
                int from = (int) (d.getKey() / 16), to = (int) (d.getKey() % 16);
                assertEquals(1, d.getValue(), "case " + idx + " repeats side " + from + "-" + to);
                if (!directed.containsKey((long) to * 16 + from)) {
                    double[] p = MarchingCubes.EDGE_MID[from], q = MarchingCubes.EDGE_MID[to];
                    boolean onFace = false;
                    for (int a = 0; a < 3; a++) {
                        onFace |= p[a] == q[a] && (p[a] == 0 || p[a] == 1);
                    }
                    assertTrue(onFace, "case " + idx + " has an open side " + from + "-" + to + " inside the cube");
                }
            }
        }
    }

    @Test
    void namesAndDefaults() {
        ShapeFeatures f = new ShapeFeatures();
        assertEquals("shape", f.name());
        assertEquals(17, f.featureNames().size());
        assertEquals(14, f.defaultFeatureNames().size());
        List<String> sorted = new ArrayList<>(f.featureNames());
        sorted.sort(null);
        assertEquals(sorted, f.featureNames());
    }
}
