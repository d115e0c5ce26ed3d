package org.radspark.features;

import java.util.Arrays;

/**
 * Binary marching cubes (vertices at edge midpoints) with the conventions of pyradiomics' cshape.c:
 * mesh surface area, signed-tetrahedron volume and maximum vertex-pair diameters. Coordinates are
 * handled in numpy's (z, y, x) order so sums round as in pyradiomics.
 */
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
     * Triangles for the 128 cube indices without corner 7 (an index with corner 7 is complemented and
     * its triangles reversed through the sign of the volume). Each hex digit is an edge number, three
     * digits a triangle, oriented so that (b-a)x(c-a) in (z,y,x) points out of the ROI. The case
     * table is the classic one (Lorensen &amp; Cline 1987, public-domain tables by P. Bourke) with the
     * quad/polygon split choices that pyradiomics' cshape.c uses, so surfaces agree exactly.
     */
    private static final String[] CASES = {
        "", "083", "190", "183198", "12a", "08312a", "92a029", "2832a8a98",
        "b23", "b2008b", "190b23", "b2119b98b", "3a1ba3", "a1008a8ba", "9033b9ba9", "98aba8",
        "478", "043473", "190478", "194147173", "12a478", "34730412a", "92a902478", "2a9297273479",
        "478b23", "b47b24204", "190478b23", "47b94bb29192", "3a1ba3478", "ba114b10447b", "4789033b9ba9", "47b4b99ba",
        "954", "954083", "054015", "854835315", "12a954", "08312a954", "2a5542240", "2a5325354834",
        "954b23", "b2008b954", "054015b23", "215258b28548", "3a1ba3954", "549a1008a8ba", "54050ba5bb03", "548a58ba8",
        "789579", "309539357", "780017715", "157173", "78957912a", "12a309395357", "0288258572a5", "2a5253357",
        "579789b23", "579972209b27", "b23018178157", "21b17b157", "7895793a1ba3", "5705097b0a10ba0",
        "ba003ba50078570", "ba557b",
        "65a", "08365a", "19065a", "18319865a", "165126", "165126083", "965906026", "598582526832",
        "b2365a", "b2008b65a", "190b2365a", "b2119b98b65a", "63b653513", "08b0b50515b6", "63b036065059", "65969bb98",
        "47865a", "04347365a", "19047865a", "19414717365a", "478165126", "043473165126", "478965906026",
        "739479329596269",
        "b2347865a", "b47b2420465a", "190b2347865a", "47b94bb2919265a", "47863b653513", "51b5b610b47b04b",
        "47863b036065059", "65969b4797b9",
        "a4964a", "a4964a083", "01aa60640", "18316886461a", "149124264", "149124264083", "024426", "832824426",
        "b23a4964a", "b2008ba4964a", "b2301aa60640", "64161a148b2118b", "964369139b63", "18b081b61149641",
        "63b036640", "86468b",
        "67a78a89a", "67a0a709a073", "67a1a7178018", "67a1a7173", "126168189678", "269129679309739", "078706602",
        "273267",
        "b2367a78a89a", "207b2709767a9a7", "67a1a7178018b23", "b2117ba61167", "896678169b63136", "09167b",
        "07870603bb60", "67b"};

    /** TRIANGLES[idx] = edge numbers, three per triangle. */
    static final int[][] TRIANGLES = new int[128][];

    static {
        for (int c = 0; c < 128; c++) {
            String s = CASES[c];
            int[] t = new int[s.length()];
            for (int i = 0; i < t.length; i++) {
                t[i] = Character.digit(s.charAt(i), 16);
            }
            TRIANGLES[c] = t;
        }
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
