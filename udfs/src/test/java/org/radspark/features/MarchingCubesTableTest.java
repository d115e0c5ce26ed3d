package org.radspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks the generated marching-cubes table against areas and volumes worked out by hand on the unit cube
 * (vertices at edge midpoints, volume = sum of signed tetrahedra with apex at corner 0, which is exact when
 * every other face of the cut-off piece lies in a cube face through corner 0).
 */
class MarchingCubesTableTest {

    private static final double EPS = 1e-15;

    private static double area(int idx) {
        return MarchingCubes.unitCubeAreaVolume(MarchingCubes.TRIANGLES[idx])[0];
    }

    private static double volume(int idx) {
        return MarchingCubes.unitCubeAreaVolume(MarchingCubes.TRIANGLES[idx])[1];
    }

    @Test
    void singleCornerIsAnEquilateralTriangle() {
        // three edge midpoints at distance 1/2 from the corner: side sqrt(1/2), area sqrt(3)/4 * 1/2
        for (int corner = 0; corner < 7; corner++) {
            assertEquals(Math.sqrt(3) / 8, area(1 << corner), EPS, "corner " + corner);
            assertEquals(3, MarchingCubes.TRIANGLES[1 << corner].length);
        }
        // the cut-off corner is a right tetrahedron with legs 1/2: volume (1/2)^3 / 6
        assertEquals(1.0 / 48, volume(1), EPS);
    }

    @Test
    void edgeIsARectangle() {
        // corners 0 and 1: a 1 x sqrt(1/2) rectangle in the plane z + y = 1/2, i.e. at distance
        // 1/(2 sqrt 2) from corner 0, so the pyramid over it from corner 0 has volume area * distance / 3
        assertEquals(Math.sqrt(0.5), area(0b11), EPS);
        assertEquals(Math.sqrt(0.5) * (0.5 / Math.sqrt(2)) / 3, volume(0b11), EPS);
    }

    @Test
    void faceIsASquare() {
        // corners 0..3 (the face z = 0): the unit square at z = 1/2, pyramid volume 1 * 1/2 / 3
        assertEquals(1.0, area(0b1111), EPS);
        assertEquals(1.0 / 6, volume(0b1111), EPS);
    }

    @Test
    void ambiguousFaceSeparatesTheInsideCorners() {
        // corners 0 and 2 are diagonal on face z = 0: two separate corner triangles, not a joined band
        assertEquals(2 * Math.sqrt(3) / 8, area(0b101), EPS);
        assertEquals(6, MarchingCubes.TRIANGLES[0b101].length);
    }

    @Test
    void nonPlanarPentagonUsesTheLargerFan() {
        // corners 0, 1, 2: pentagon on edges 2, 10, 9, 8, 3. Fanned from the vertex on edge 10 it is the
        // triangle (10, 9, 8) in the plane z = 1/2 (legs 1 and 1, area 1/2), (10, 3, 2) with cross product
        // (1/4)(1, 1, -1) (area sqrt(3)/8) and (10, 8, 3) with cross product (1/2)(1, 1, -1) (area sqrt(3)/4)
        assertEquals(0.5 + 3 * Math.sqrt(3) / 8, area(0b111), EPS);
    }

    @Test
    void everyCaseUsesExactlyItsCrossedEdgesAndClosesOnTheCubeFaces() {
        for (int idx = 1; idx < 128; idx++) {
            int[] tri = MarchingCubes.TRIANGLES[idx];
            int crossed = 0;
            for (int e = 0; e < 12; e++) {
                int[] c = MarchingCubes.EDGE_CORNERS[e];
                if (((idx >> c[0]) & 1) != ((idx >> c[1]) & 1)) {
                    crossed |= 1 << e;
                }
            }
            int used = 0;
            // directed triangle sides: interior diagonals appear once in each direction, polygon sides once
            Map<Integer, Integer> sides = new HashMap<>();
            for (int t = 0; t < tri.length; t += 3) {
                for (int k = 0; k < 3; k++) {
                    used |= 1 << tri[t + k];
                    sides.merge(tri[t + k] * 16 + tri[t + (k + 1) % 3], 1, Integer::sum);
                }
            }
            assertEquals(crossed, used, "case " + idx + " edges");
            for (Map.Entry<Integer, Integer> s : sides.entrySet()) {
                int a = s.getKey() / 16, b = s.getKey() % 16;
                boolean diagonal = sides.containsKey(b * 16 + a);
                assertEquals(1, s.getValue(), "case " + idx + " side " + a + "-" + b + " repeated");
                if (!diagonal) {
                    // a polygon side runs within one cube face: both midpoints share a coordinate 0 or 1
                    boolean inFace = false;
                    for (int d = 0; d < 3; d++) {
                        double ma = MarchingCubes.EDGE_MID[a][d], mb = MarchingCubes.EDGE_MID[b][d];
                        inFace |= ma == mb && (ma == 0 || ma == 1);
                    }
                    assertTrue(inFace, "case " + idx + " side " + a + "-" + b + " crosses the cube");
                }
            }
        }
    }
}
