package org.radspark.ibsi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Incremental 3D convex hull (for the IBSI convex-hull morphology features and the maximum 3D
 * diameter): volume, surface area and hull vertex indices. Points within a small tolerance of the
 * current hull are treated as inside, so coplanar grid points do not create slivers.
 */
final class ConvexHull3D {

    final double volume;
    final double area;
    final int[] hullVertices;

    private final double[] p;
    private final List<int[]> faces = new ArrayList<>();
    private final List<double[]> planes = new ArrayList<>();
    private double eps;
    private int live;

    /** points: consecutive (x, y, z) triples. */
    ConvexHull3D(double[] points) {
        this.p = points;
        int n = points.length / 3;
        double scale = 0;
        for (double v : points) {
            scale = Math.max(scale, Math.abs(v));
        }
        eps = 1e-9 * Math.max(scale, 1) * Math.max(scale, 1);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random rnd = new Random(12345);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] tet = initialTetrahedron(n);
        if (tet == null) {
            volume = 0;
            area = 0;
            hullVertices = new int[0];
            return;
        }
        int a = tet[0], b = tet[1], c = tet[2], d = tet[3];
        if (orient(a, b, c, d) > 0) {
            int t = b;
            b = c;
            c = t;
        }
        addFace(a, b, c);
        addFace(a, d, b);
        addFace(b, d, c);
        addFace(c, d, a);
        for (int q : order) {
            if (q == a || q == b || q == c || q == d) {
                continue;
            }
            addPoint(q);
        }
        double vol = 0, ar = 0;
        double[] cen = centroid();
        java.util.BitSet used = new java.util.BitSet(n);
        for (int[] f : faces) {
            if (f == null) {
                continue;
            }
            double[] u = sub(f[1], f[0]), w = sub(f[2], f[0]);
            double[] cr = cross(u, w);
            ar += 0.5 * norm(cr);
            double[] r = {p[3 * f[0]] - cen[0], p[3 * f[0] + 1] - cen[1], p[3 * f[0] + 2] - cen[2]};
            vol += (cr[0] * r[0] + cr[1] * r[1] + cr[2] * r[2]) / 6.0;
            used.set(f[0]);
            used.set(f[1]);
            used.set(f[2]);
        }
        volume = vol;
        area = ar;
        hullVertices = used.stream().toArray();
    }

    private double[] centroid() {
        double[] c = new double[3];
        int m = 0;
        for (int[] f : faces) {
            if (f != null) {
                for (int v : f) {
                    c[0] += p[3 * v];
                    c[1] += p[3 * v + 1];
                    c[2] += p[3 * v + 2];
                    m++;
                }
            }
        }
        c[0] /= m;
        c[1] /= m;
        c[2] /= m;
        return c;
    }

    private int[] initialTetrahedron(int n) {
        if (n < 4) {
            return null;
        }
        int a = 0, b = -1;
        double best = 0;
        for (int i = 1; i < n; i++) {
            double d = dist2(a, i);
            if (d > best) {
                best = d;
                b = i;
            }
        }
        if (b < 0) {
            return null;
        }
        int c = -1;
        best = 0;
        for (int i = 0; i < n; i++) {
            double area2 = norm(cross(sub(b, a), sub(i, a)));
            if (area2 > best) {
                best = area2;
                c = i;
            }
        }
        if (c < 0 || best <= eps) {
            return null;
        }
        int d = -1;
        best = 0;
        for (int i = 0; i < n; i++) {
            double o = Math.abs(orient(a, b, c, i));
            if (o > best) {
                best = o;
                d = i;
            }
        }
        if (d < 0 || best <= eps) {
            return null;
        }
        return new int[] {a, b, c, d};
    }

    /** Signed volume (x6) of (a, b, c, d): positive when d lies on the side of the normal (b-a)x(c-a). */
    private double orient(int a, int b, int c, int d) {
        double[] n = cross(sub(b, a), sub(c, a));
        double[] r = sub(d, a);
        return n[0] * r[0] + n[1] * r[1] + n[2] * r[2];
    }

    private void addFace(int a, int b, int c) {
        live++;
        faces.add(new int[] {a, b, c});
        double[] n = cross(sub(b, a), sub(c, a));
        double len = norm(n);
        planes.add(new double[] {n[0] / len, n[1] / len, n[2] / len,
            -(n[0] * p[3 * a] + n[1] * p[3 * a + 1] + n[2] * p[3 * a + 2]) / len});
    }

    private void addPoint(int q) {
        double x = p[3 * q], y = p[3 * q + 1], z = p[3 * q + 2];
        double tol = 1e-7 * Math.max(1, Math.sqrt(eps / 1e-9));
        List<Integer> visible = new ArrayList<>();
        for (int f = 0; f < faces.size(); f++) {
            if (faces.get(f) == null) {
                continue;
            }
            double[] pl = planes.get(f);
            if (pl[0] * x + pl[1] * y + pl[2] * z + pl[3] > tol) {
                visible.add(f);
            }
        }
        if (visible.isEmpty()) {
            return;
        }
        Map<Long, int[]> edges = new HashMap<>();
        for (int f : visible) {
            int[] t = faces.get(f);
            for (int e = 0; e < 3; e++) {
                int u = t[e], v = t[(e + 1) % 3];
                long rev = ((long) v << 32) | (u & 0xffffffffL);
                if (edges.remove(rev) == null) {
                    edges.put(((long) u << 32) | (v & 0xffffffffL), new int[] {u, v});
                }
            }
            faces.set(f, null);
            live--;
        }
        for (int[] e : edges.values()) {
            addFace(e[0], e[1], q);
        }
        if (faces.size() > 2 * live + 64) {
            List<int[]> f2 = new ArrayList<>();
            List<double[]> p2 = new ArrayList<>();
            for (int f = 0; f < faces.size(); f++) {
                if (faces.get(f) != null) {
                    f2.add(faces.get(f));
                    p2.add(planes.get(f));
                }
            }
            faces.clear();
            faces.addAll(f2);
            planes.clear();
            planes.addAll(p2);
        }
    }

    private double dist2(int a, int b) {
        double[] d = sub(b, a);
        return d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
    }

    private double[] sub(int a, int b) {
        return new double[] {p[3 * a] - p[3 * b], p[3 * a + 1] - p[3 * b + 1], p[3 * a + 2] - p[3 * b + 2]};
    }

    private static double[] cross(double[] u, double[] w) {
        return new double[] {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]};
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }
}
