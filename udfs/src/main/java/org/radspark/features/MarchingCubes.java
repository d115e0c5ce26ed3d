package org.radspark.features;

import java.util.Arrays;

/**
 * Binary marching cubes (vertices at edge midpoints) with the conventions of pyradiomics' cshape.c:
 * mesh surface area, signed-tetrahedron volume and maximum vertex-pair diameters. Coordinates are
 * handled in numpy's (z, y, x) order so sums round as in pyradiomics.
 */
// Marching cubes after W. E. Lorensen & H. E. Cline, Computer Graphics 21(4), 163-169 (1987).
public final class MarchingCubes {

    /**
     * Cube corners as (dz, dy, dx) offsets. Bit c of a cube index is set when corner c is inside.
     * Edges: 0:c0-c1, 1:c1-c2, 2:c2-c3, 3:c3-c0, 4:c4-c5, 5:c5-c6, 6:c6-c7, 7:c7-c4, 8:c0-c4, 9:c1-c5,
     * 10:c2-c6, 11:c3-c7 (the numbering of Lorensen &amp; Cline / Bourke with x,y,z read as dx,dy,dz).
     */
    static final int[][] CORNERS = {
        {0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {0, 1, 0}, {1, 0, 0}, {1, 0, 1}, {1, 1, 1}, {1, 1, 0}};

    static final int[][] EDGE_CORNERS = {
        {0, 1}, {1, 2}, {2, 3}, {3, 0}, {4, 5}, {5, 6}, {6, 7}, {7, 4}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};

    /** Edge midpoints (dz, dy, dx), derived from the corner table. */
    static final double[][] EDGE_MID = new double[12][3];

    static {
        for (int e = 0; e < 12; e++) {
            for (int d = 0; d < 3; d++) {
                EDGE_MID[e][d] = (CORNERS[EDGE_CORNERS[e][0]][d] + CORNERS[EDGE_CORNERS[e][1]][d]) / 2.0;
            }
        }
    }

    /**
     * TRIANGLES[idx] = edge numbers, three per triangle, for the 128 cube indices without corner 7 (an index
     * with corner 7 is complemented and its volume sign reversed). Triangles are oriented so that
     * (b-a)x(c-a) in (z,y,x) points out of the ROI. The table is generated at class load by
     * {@link #triangulate(int)}; the classic case analysis is that of Lorensen &amp; Cline (1987).
     */
    static final int[][] TRIANGLES = new int[128][];

    /** Each cube face as its four corners in counter-clockwise order seen from outside the cube. */
    private static final int[][] FACES = new int[6][];

    static {
        int f = 0;
        for (int axis = 0; axis < 3; axis++) {
            int u = (axis + 1) % 3, v = (axis + 2) % 3;
            for (int side = 0; side < 2; side++) {
                // walk the square (0,0) -> (1,0) -> (1,1) -> (0,1) in the (u, v) plane, which turns
                // counter-clockwise about +axis; reverse it on the side whose outward normal is -axis
                int[][] walk = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
                int[] cycle = new int[4];
                for (int k = 0; k < 4; k++) {
                    int[] w = walk[side == 1 ? k : (4 - k) % 4];
                    cycle[k] = cornerAt(axis, side, u, w[0], v, w[1]);
                }
                FACES[f++] = cycle;
            }
        }
        for (int idx = 0; idx < 128; idx++) {
            TRIANGLES[idx] = triangulate(idx);
        }
    }

    private static int cornerAt(int axis, int side, int u, int cu, int v, int cv) {
        for (int c = 0; c < 8; c++) {
            if (CORNERS[c][axis] == side && CORNERS[c][u] == cu && CORNERS[c][v] == cv) {
                return c;
            }
        }
        throw new IllegalStateException("no cube corner at that position");
    }

    private static int edgeBetween(int a, int b) {
        for (int e = 0; e < 12; e++) {
            if ((EDGE_CORNERS[e][0] == a && EDGE_CORNERS[e][1] == b) || (EDGE_CORNERS[e][0] == b && EDGE_CORNERS[e][1] == a)) {
                return e;
            }
        }
        throw new IllegalStateException("corners " + a + " and " + b + " share no edge");
    }

    /**
     * Builds the triangles of one cube index (bit c set = corner c inside). On every face the iso-line
     * runs from the crossing where the counter-clockwise walk enters the inside to the crossing where it
     * leaves it again; on a face with two diagonal inside corners each inside corner is cut off on its
     * own. Following these face segments from crossing to crossing closes one polygon per surface sheet,
     * oriented with its normal out of the inside. Each polygon is split into a fan from one vertex: a
     * polygon of up to six vertices from a vertex whose fan has the largest area on the unit cube, the
     * seven-vertex polygon from the vertex whose fan encloses the least volume. Those choices give the
     * same areas and volumes, case by case, as the widely used published marching-cubes table.
     */
    static int[] triangulate(int idx) {
        int[] next = new int[12];
        Arrays.fill(next, -1);
        for (int[] face : FACES) {
            int[] crossing = new int[4];
            boolean[] entering = new boolean[4];
            int n = 0;
            for (int k = 0; k < 4; k++) {
                int a = face[k], b = face[(k + 1) % 4];
                boolean inA = (idx >> a & 1) != 0, inB = (idx >> b & 1) != 0;
                if (inA != inB) {
                    crossing[n] = edgeBetween(a, b);
                    entering[n++] = inB;
                }
            }
            // n is 0, 2 or 4; each entering crossing is joined to the leaving crossing right after it
            for (int k = 0; k < n; k++) {
                if (entering[k]) {
                    next[crossing[k]] = crossing[(k + 1) % n];
                }
            }
        }
        int[] out = new int[0];
        boolean[] used = new boolean[12];
        for (int e = 0; e < 12; e++) {
            if (next[e] < 0 || used[e]) {
                continue;
            }
            int[] poly = new int[12];
            int len = 0;
            for (int v = e; !used[v]; v = next[v]) {
                used[v] = true;
                poly[len++] = v;
            }
            poly = Arrays.copyOf(poly, len);
            int[] fan = fan(poly, fanStart(poly));
            int old = out.length;
            out = Arrays.copyOf(out, old + fan.length);
            System.arraycopy(fan, 0, out, old, fan.length);
        }
        return out;
    }

    private static int fanStart(int[] poly) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < poly.length; s++) {
            double[] av = unitCubeAreaVolume(fan(poly, s));
            double score = poly.length <= 6 ? av[0] : -av[1];
            if (score > bestScore + 1e-12) {
                bestScore = score;
                best = s;
            }
        }
        return best;
    }

    private static int[] fan(int[] poly, int start) {
        int n = poly.length;
        int[] t = new int[3 * (n - 2)];
        for (int i = 1; i + 1 < n; i++) {
            t[3 * (i - 1)] = poly[start];
            t[3 * (i - 1) + 1] = poly[(start + i) % n];
            t[3 * (i - 1) + 2] = poly[(start + i + 1) % n];
        }
        return t;
    }

    /** Area and signed volume (tetrahedra from corner 0) of triangles on the unit cube. */
    static double[] unitCubeAreaVolume(int[] tri) {
        double area = 0, vol = 0;
        for (int t = 0; t < tri.length; t += 3) {
            double[] a = EDGE_MID[tri[t]], b = EDGE_MID[tri[t + 1]], c = EDGE_MID[tri[t + 2]];
            vol += (a[1] * b[2] - b[1] * a[2]) * c[0] + (a[2] * b[0] - b[2] * a[0]) * c[1] + (a[0] * b[1] - b[0] * a[1]) * c[2];
            double u0 = a[0] - c[0], u1 = a[1] - c[1], u2 = a[2] - c[2];
            double w0 = b[0] - c[0], w1 = b[1] - c[1], w2 = b[2] - c[2];
            double n0 = u1 * w2 - w1 * u2, n1 = u2 * w0 - w2 * u0, n2 = u0 * w1 - w0 * u1;
            area += 0.5 * Math.sqrt(n0 * n0 + n1 * n1 + n2 * n2);
        }
        return new double[] {area, vol / 6};
    }

    /** Per cube, the mesh vertices on the edges touching corner 7 (edges 6, 7, 11) are kept for diameters. */
    private static final int[] VERTEX_EDGES = {6, 7, 11};
    /** Corner opposite corner 7 on each of those edges. */
    private static final int[] VERTEX_EDGE_CORNER = {6, 4, 3};

    double surfaceArea;
    double volume;
    /** Largest vertex distances: [same z (slice), same y (column), same x (row), any pair]. */
    final double[] diameters = new double[4];
    /** Mesh vertices (each once), as (z, y, x) triples in mm. */
    private double[] vertices;

    /** Mesh surface area in mm^2. */
    public double surfaceArea() { return surfaceArea; }

    /** Mesh volume in mm^3. */
    public double volume() { return volume; }

    /** Mesh vertices, each once, as consecutive (z, y, x) triples in mm (not copied). */
    public double[] vertices() { return vertices; }

    /**
     * Runs marching cubes over a mask of size sz*sy*sx (x fastest) that already has a zero border, with
     * spacing (z, y, x).
     */
    public static MarchingCubes run(byte[] mask, int sz, int sy, int sx, double[] spacingZyx) {
        MarchingCubes mc = new MarchingCubes();
        double[] verts = new double[3 * 1024];
        int nv = 0;
        double area = 0, vol = 0;
        int strideY = sx, strideZ = sx * sy;
        int[] cornerOffset = new int[8];
        for (int c = 0; c < 8; c++) {
            cornerOffset[c] = CORNERS[c][0] * strideZ + CORNERS[c][1] * strideY + CORNERS[c][2];
        }
        double s0 = spacingZyx[0], s1 = spacingZyx[1], s2 = spacingZyx[2];
        double[] a = new double[3], b = new double[3], c = new double[3];
        for (int iz = 0; iz < sz - 1; iz++) {
            for (int iy = 0; iy < sy - 1; iy++) {
                int base = iz * strideZ + iy * strideY;
                for (int ix = 0; ix < sx - 1; ix++) {
                    int origin = base + ix;
                    int idx = 0;
                    for (int k = 0; k < 8; k++) {
                        if (mask[origin + cornerOffset[k]] != 0) {
                            idx |= 1 << k;
                        }
                    }
                    int sign = 1;
                    if ((idx & 0x80) != 0) {
                        idx ^= 0xff;
                        sign = -1;
                    }
                    if (idx == 0) {
                        continue;
                    }
                    for (int t = 0; t < 3; t++) {
                        if ((idx & (1 << VERTEX_EDGE_CORNER[t])) != 0) {
                            if (nv + 3 > verts.length) {
                                verts = Arrays.copyOf(verts, verts.length * 2);
                            }
                            double[] m = EDGE_MID[VERTEX_EDGES[t]];
                            verts[nv++] = (iz + m[0]) * s0;
                            verts[nv++] = (iy + m[1]) * s1;
                            verts[nv++] = (ix + m[2]) * s2;
                        }
                    }
                    int[] tri = TRIANGLES[idx];
                    for (int t = 0; t < tri.length; t += 3) {
                        point(a, EDGE_MID[tri[t]], iz, iy, ix, s0, s1, s2);
                        point(b, EDGE_MID[tri[t + 1]], iz, iy, ix, s0, s1, s2);
                        point(c, EDGE_MID[tri[t + 2]], iz, iy, ix, s0, s1, s2);
                        // signed volume of the tetrahedron (origin, a, b, c), times 6
                        double x0 = a[1] * b[2] - b[1] * a[2];
                        double x1 = a[2] * b[0] - b[2] * a[0];
                        double x2 = a[0] * b[1] - b[0] * a[1];
                        vol += sign * (x0 * c[0] + x1 * c[1] + x2 * c[2]);
                        // triangle area from the edges a-c and b-c
                        double u0 = a[0] - c[0], u1 = a[1] - c[1], u2 = a[2] - c[2];
                        double w0 = b[0] - c[0], w1 = b[1] - c[1], w2 = b[2] - c[2];
                        double n0 = u1 * w2 - w1 * u2;
                        double n1 = u2 * w0 - w2 * u0;
                        double n2 = u0 * w1 - w0 * u1;
                        area += 0.5 * Math.sqrt(n0 * n0 + n1 * n1 + n2 * n2);
                    }
                }
            }
        }
        mc.surfaceArea = area;
        mc.volume = vol / 6;
        mc.vertices = Arrays.copyOf(verts, nv);
        Diameters.compute(verts, nv / 3, mc.diameters);
        return mc;
    }

    private static void point(double[] p, double[] mid, int iz, int iy, int ix, double s0, double s1, double s2) {
        p[0] = (iz + mid[0]) * s0;
        p[1] = (iy + mid[1]) * s1;
        p[2] = (ix + mid[2]) * s2;
    }
}
