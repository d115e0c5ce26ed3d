package org.radspark.ibsi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.radspark.features.MarchingCubes;

/**
 * Morphological features, IBSI-1 manual section 3.1 (family HCUG): mesh (marching cubes on the
 * zero-padded morphological mask) volume and area, voxel-counting volume, compactness and sphericity
 * variants, centre of mass shift, maximum 3D diameter (convex hull vertices), PCA axis lengths on the
 * morphological voxel centres, AABB / AEE / convex-hull densities, integrated intensity and Moran's I /
 * Geary's C on the intensity mask. The OMBB and MVEE densities (no IBSI-1 consensus values) are not
 * computed.
 */
public final class MorphologyFamily {

    public static final String FAMILY = "morphology";

    private MorphologyFamily() {
    }

    public static List<IbsiValue> compute(IbsiRoi roi) {
        int nx = roi.nx(), ny = roi.ny(), nz = roi.nz();
        double[] s = roi.spacing();
        byte[] morph = roi.morphological();
        // marching cubes on the morphological mask with a one-voxel zero border, (z, y, x) order
        int sx = nx + 2, sy = ny + 2, sz = nz + 2;
        byte[] padded = new byte[sx * sy * sz];
        long nMorph = 0;
        double[] sumPos = new double[3];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    if (morph[roi.index(i, j, k)] != 0) {
                        padded[(i + 1) + sx * ((j + 1) + sy * (k + 1))] = 1;
                        nMorph++;
                        sumPos[0] += i * s[0];
                        sumPos[1] += j * s[1];
                        sumPos[2] += k * s[2];
                    }
                }
            }
        }
        if (nMorph == 0) {
            throw new IllegalArgumentException("the morphological mask is empty");
        }
        MarchingCubes mc = MarchingCubes.run(padded, sz, sy, sx, new double[] {s[2], s[1], s[0]});
        double volume = mc.volume(), area = mc.surfaceArea();
        double voxelVolume = nMorph * s[0] * s[1] * s[2];

        // PCA of the morphological voxel centres (sample covariance, n - 1)
        double[] c = {sumPos[0] / nMorph, sumPos[1] / nMorph, sumPos[2] / nMorph};
        double[][] cov = new double[3][3];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    if (morph[roi.index(i, j, k)] != 0) {
                        double[] d = {i * s[0] - c[0], j * s[1] - c[1], k * s[2] - c[2]};
                        for (int a = 0; a < 3; a++) {
                            for (int b = a; b < 3; b++) {
                                cov[a][b] += d[a] * d[b];
                            }
                        }
                    }
                }
            }
        }
        for (int a = 0; a < 3; a++) {
            for (int b = a; b < 3; b++) {
                cov[a][b] /= nMorph - 1;
                cov[b][a] = cov[a][b];
            }
        }
        double[] ev = symmetricEigenvalues(cov); // descending
        double l1 = ev[0], l2 = ev[1], l3 = ev[2];

        // centre of mass shift: geometric centre of the morphological mask vs intensity-weighted centre
        byte[] im = roi.intensityMask();
        double[] x = roi.intensities();
        double wsum = 0, isum = 0;
        long nInt = 0;
        double[] wpos = new double[3];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int idx = roi.index(i, j, k);
                    if (im[idx] != 0) {
                        double v = x[idx];
                        wsum += v;
                        isum += v;
                        nInt++;
                        wpos[0] += v * i * s[0];
                        wpos[1] += v * j * s[1];
                        wpos[2] += v * k * s[2];
                    }
                }
            }
        }
        double comShift = Math.sqrt(sq(wpos[0] / wsum - c[0]) + sq(wpos[1] / wsum - c[1]) + sq(wpos[2] / wsum - c[2]));
        double meanIntensity = isum / nInt;

        // mesh vertices: AABB, and the convex hull over the extreme vertices of each (z, y) line
        double[] v = mc.vertices();
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        Map<Long, double[]> lines = new HashMap<>();
        for (int t = 0; t < v.length; t += 3) {
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], v[t + a]);
                hi[a] = Math.max(hi[a], v[t + a]);
            }
            long key = Math.round(v[t] * 1e4) * 100_000_000L + Math.round(v[t + 1] * 1e4);
            double[] e = lines.get(key);
            if (e == null) {
                lines.put(key, new double[] {v[t], v[t + 1], v[t + 2], v[t + 2]});
            } else {
                e[2] = Math.min(e[2], v[t + 2]);
                e[3] = Math.max(e[3], v[t + 2]);
            }
        }
        double[] pts = new double[lines.size() * 6];
        int p = 0;
        for (double[] e : lines.values()) {
            pts[p++] = e[2];
            pts[p++] = e[1];
            pts[p++] = e[0];
            pts[p++] = e[3];
            pts[p++] = e[1];
            pts[p++] = e[0];
        }
        ConvexHull3D hull = new ConvexHull3D(pts);
        double maxDiameter = 0;
        int[] hv = hull.hullVertices;
        for (int a = 0; a < hv.length; a++) {
            for (int b = a + 1; b < hv.length; b++) {
                double d2 = sq(pts[3 * hv[a]] - pts[3 * hv[b]]) + sq(pts[3 * hv[a] + 1] - pts[3 * hv[b] + 1])
                    + sq(pts[3 * hv[a] + 2] - pts[3 * hv[b] + 2]);
                maxDiameter = Math.max(maxDiameter, d2);
            }
        }
        maxDiameter = Math.sqrt(maxDiameter);
        double ea = hi[0] - lo[0], eb = hi[1] - lo[1], ec = hi[2] - lo[2];
        double aabbVolume = ea * eb * ec, aabbArea = 2 * (ea * eb + eb * ec + ec * ea);

        // approximate enclosing ellipsoid from the PCA semi-axes
        double sa = 2 * Math.sqrt(l1), sb = 2 * Math.sqrt(l2), sc = 2 * Math.sqrt(l3);
        double aeeVolume = 4 * Math.PI / 3 * sa * sb * sc;
        double aeeArea = ellipsoidArea(sa, sb, sc);

        double[] autocorr = SpatialAutocorrelation.compute(roi);

        List<IbsiValue> out = new ArrayList<>();
        add(out, "Volume (mesh)", "RNU0", volume);
        add(out, "Volume (voxel counting)", "YEKZ", voxelVolume);
        add(out, "Surface area (mesh)", "C0JK", area);
        add(out, "Surface to volume ratio", "2PR5", area / volume);
        add(out, "Compactness 1", "SKGS", volume / (Math.sqrt(Math.PI) * Math.pow(area, 1.5)));
        add(out, "Compactness 2", "BQWJ", 36 * Math.PI * volume * volume / Math.pow(area, 3));
        add(out, "Spherical disproportion", "KRCK", area / Math.cbrt(36 * Math.PI * volume * volume));
        add(out, "Sphericity", "QCFX", Math.cbrt(36 * Math.PI * volume * volume) / area);
        add(out, "Asphericity", "25C7", Math.cbrt(Math.pow(area, 3) / (36 * Math.PI * volume * volume)) - 1);
        add(out, "Centre of mass shift", "KLMA", comShift);
        add(out, "Maximum 3D diameter", "L0JK", maxDiameter);
        add(out, "Major axis length", "TDIC", 4 * Math.sqrt(l1));
        add(out, "Minor axis length", "P9VJ", 4 * Math.sqrt(l2));
        add(out, "Least axis length", "7J51", 4 * Math.sqrt(l3));
        add(out, "Elongation", "Q3CK", Math.sqrt(l2 / l1));
        add(out, "Flatness", "N17B", Math.sqrt(l3 / l1));
        add(out, "Volume density (axis-aligned bounding box)", "PBX1", volume / aabbVolume);
        add(out, "Area density (axis-aligned bounding box)", "R59B", area / aabbArea);
        add(out, "Volume density (approximate enclosing ellipsoid)", "6BDE", volume / aeeVolume);
        add(out, "Area density (approximate enclosing ellipsoid)", "RDD2", area / aeeArea);
        add(out, "Volume density (convex hull)", "R3ER", volume / hull.volume);
        add(out, "Area density (convex hull)", "7T7F", area / hull.area);
        add(out, "Integrated intensity", "99N0", volume * meanIntensity);
        add(out, "Moran’s I index", "N365", autocorr[0]);
        add(out, "Geary’s C measure", "NPT7", autocorr[1]);
        return out;
    }

    /**
     * Surface area of an ellipsoid with semi-axes a &gt;= b &gt;= c by the Legendre series the IBSI
     * manual uses (20 terms): 4 pi a b sum_v (alpha beta)^v / (1 - 4 v^2) P_v((alpha^2 + beta^2) / (2 alpha beta)).
     */
    static double ellipsoidArea(double a, double b, double c) {
        double alpha = Math.sqrt(1 - b * b / (a * a)), beta = Math.sqrt(1 - c * c / (a * a));
        double ab = alpha * beta;
        if (ab == 0) {
            // degenerate series argument (two equal major axes): fall back to the limit of a sphere-like shape
            return 4 * Math.PI * Math.pow((Math.pow(a * b, 1.6075) + Math.pow(a * c, 1.6075) + Math.pow(b * c, 1.6075)) / 3,
                1 / 1.6075);
        }
        double xArg = (alpha * alpha + beta * beta) / (2 * ab);
        double sum = 0, pPrev = 1, pCur = xArg, power = 1;
        for (int nu = 0; nu <= 20; nu++) {
            double pn;
            if (nu == 0) {
                pn = 1;
            } else if (nu == 1) {
                pn = xArg;
            } else {
                pn = ((2 * nu - 1) * xArg * pCur - (nu - 1) * pPrev) / nu;
                pPrev = pCur;
                pCur = pn;
            }
            sum += power / (1 - 4.0 * nu * nu) * pn;
            power *= ab;
        }
        return 4 * Math.PI * a * b * sum;
    }

    /** Eigenvalues of a symmetric 3x3 matrix, descending (cyclic Jacobi). */
    static double[] symmetricEigenvalues(double[][] m) {
        double[][] a = {m[0].clone(), m[1].clone(), m[2].clone()};
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = sq(a[0][1]) + sq(a[0][2]) + sq(a[1][2]);
            if (off < 1e-30 * (sq(a[0][0]) + sq(a[1][1]) + sq(a[2][2]) + 1e-300)) {
                break;
            }
            for (int pp = 0; pp < 2; pp++) {
                for (int q = pp + 1; q < 3; q++) {
                    if (a[pp][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[pp][pp]) / (2 * a[pp][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double cs = 1 / Math.sqrt(t * t + 1), sn = t * cs;
                    for (int k = 0; k < 3; k++) {
                        double akp = a[k][pp], akq = a[k][q];
                        a[k][pp] = cs * akp - sn * akq;
                        a[k][q] = sn * akp + cs * akq;
                    }
                    for (int k = 0; k < 3; k++) {
                        double apk = a[pp][k], aqk = a[q][k];
                        a[pp][k] = cs * apk - sn * aqk;
                        a[q][k] = sn * apk + cs * aqk;
                    }
                }
            }
        }
        double[] ev = {a[0][0], a[1][1], a[2][2]};
        java.util.Arrays.sort(ev);
        return new double[] {ev[2], ev[1], ev[0]};
    }

    private static double sq(double v) {
        return v * v;
    }

    private static void add(List<IbsiValue> out, String feature, String code, double v) {
        out.add(new IbsiValue(FAMILY, feature, code, IbsiExtractor.NO_AGGREGATION, v));
    }
}
