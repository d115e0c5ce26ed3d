package org.radspark.filters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.image.PixelType;
import org.radspark.params.ExtractionSettings;

/**
 * Rotation-invariant 3D local binary pattern by spherical harmonics, plus the spherical kurtosis, computed
 * for the ROI voxels only (pyradiomics imageoperations.getLBP3DImage, after Banerjee et al. 2013).
 *
 * <p>The neighbours of an ROI voxel are the vertices of an icosphere (trimesh's construction: icosahedron,
 * {@code lbp3DIcosphereSubdivision} rounds of edge-midpoint subdivision, every vertex pushed out to
 * {@code lbp3DIcosphereRadius}); pyradiomics adds a vertex's (x, y, z) to the voxel's numpy index
 * (z, y, x), so the vertex x component moves along the image z axis. The volume is sampled there by cubic
 * B-spline interpolation ({@link CubicSplineSampler}), the samples taking the input's pixel type (integers
 * rounded half away from zero, as scipy's map_coordinates writes into an integer output). The kurtosis
 * image is the Fisher kurtosis (population moments) of the samples, NaN when they are all equal. The
 * samples are thresholded at the centre voxel (1 when &gt;=), projected on the harmonics Y_nm for
 * n &lt; lbp3DLevels (c_nm = sum_v bit_v Y_nm(v)), and level n's image is the real part of the principal
 * complex square root of sum_v (sum_m c_nm Y_nm(v))^2, no conjugation anywhere, as pyradiomics writes it.
 * Y_nm is scipy.special.sph_harm(m, n, theta, phi) called with theta = arccos(z / radius) and
 * phi = atan2(y, x): scipy takes its third argument as the azimuth and its fourth as the polar angle, so
 * Y_nm(v) = N_nm P_n^m(cos phi) exp(i m theta) (Condon-Shortley phase, Y_n,-m = (-1)^m conj(Y_nm)).
 * Images: "lbp-3D-m1" .. "lbp-3D-m&lt;levels&gt;" and "lbp-3D-k", float64, 0 outside the ROI (pyradiomics
 * leaves those voxels uninitialised; features only read the ROI).
 */
public final class LBP3DImage implements ImageFilter {
    private static final Logger LOG = Logger.getLogger(LBP3DImage.class.getName());

    @Override
    public String imageType() {
        return "LBP3D";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        if (settings.force2D) {
            LOG.warning("Calculating Local Binary Pattern in 3D, but extracting features in 2D. Use with caution!");
        }
        if (mask == null) {
            throw new IllegalArgumentException("LBP3D needs the mask: it is computed for the ROI voxels only");
        }
        Map<String, double[]> images = compute(image, mask, settings.label, settings.lbp3DLevels,
            settings.lbp3DIcosphereRadius, settings.lbp3DIcosphereSubdivision);
        List<DerivedImage> out = new ArrayList<>();
        for (Map.Entry<String, double[]> e : images.entrySet()) {
            out.add(new DerivedImage(e.getKey(), new Image(image.geometry(), e.getValue(), PixelType.FLOAT64)));
        }
        return out;
    }

    /** The images by name, in pyradiomics' order (levels, then kurtosis). */
    static Map<String, double[]> compute(Image image, Mask mask, int label, int levels, double radius, int subdivisions) {
        if (levels < 1) {
            throw new IllegalArgumentException("lbp3DLevels must be at least 1, got " + levels);
        }
        Geometry g = image.geometry();
        double[] in = image.voxels();
        int[] labels = mask.labels();
        double[][] vertices = icosphere(subdivisions, radius);
        int nv = vertices.length;

        // harmonics at the vertices: column (n, m) for n < levels, m = -n..n
        int columns = levels * levels;
        double[][] yRe = new double[nv][columns], yIm = new double[nv][columns];
        int[] levelOf = new int[columns];
        for (int v = 0; v < nv; v++) {
            double theta = Math.acos(vertices[v][2] / radius);
            double phi = Math.atan2(vertices[v][1], vertices[v][0]);
            int col = 0;
            for (int n = 0; n < levels; n++) {
                for (int m = -n; m <= n; m++, col++) {
                    double[] y = scipySphHarm(m, n, theta, phi);
                    yRe[v][col] = y[0];
                    yIm[v][col] = y[1];
                    levelOf[col] = n;
                }
            }
        }

        CubicSplineSampler sampler = new CubicSplineSampler(g, in);
        PixelType type = image.pixelType();
        double[][] out = new double[levels + 1][in.length];
        double[] f = new double[nv];
        double[] cRe = new double[columns], cIm = new double[columns];
        int nx = g.nx(), ny = g.ny();
        for (int p = 0; p < in.length; p++) {
            if (labels[p] != label) {
                continue;
            }
            int i = p % nx, j = (p / nx) % ny, k = p / (nx * ny);
            for (int v = 0; v < nv; v++) {
                // numpy index (k, j, i) + (vx, vy, vz)
                double value = sampler.sample(i + vertices[v][2], j + vertices[v][1], k + vertices[v][0]);
                f[v] = toPixelType(value, type);
            }
            out[levels][p] = kurtosis(f);
            double centre = in[p];
            java.util.Arrays.fill(cRe, 0);
            java.util.Arrays.fill(cIm, 0);
            for (int v = 0; v < nv; v++) {
                if (f[v] >= centre) {
                    for (int col = 0; col < columns; col++) {
                        cRe[col] += yRe[v][col];
                        cIm[col] += yIm[v][col];
                    }
                }
            }
            for (int n = 0; n < levels; n++) {
                double sumRe = 0, sumIm = 0;
                for (int v = 0; v < nv; v++) {
                    double re = 0, im = 0;
                    for (int col = n * n; col < (n + 1) * (n + 1); col++) {
                        re += cRe[col] * yRe[v][col] - cIm[col] * yIm[v][col];
                        im += cRe[col] * yIm[v][col] + cIm[col] * yRe[v][col];
                    }
                    sumRe += re * re - im * im;
                    sumIm += 2 * re * im;
                }
                out[n][p] = sqrtReal(sumRe, sumIm);
            }
        }
        Map<String, double[]> images = new LinkedHashMap<>();
        for (int n = 0; n < levels; n++) {
            images.put("lbp-3D-m" + (n + 1), out[n]);
        }
        images.put("lbp-3D-k", out[levels]);
        return images;
    }

    /** An interpolated value as stored in an array of the input's type by scipy (integers: half away from zero). */
    private static double toPixelType(double v, PixelType type) {
        if (type.isInteger()) {
            return (double) (long) (v > 0 ? v + 0.5 : v - 0.5);
        }
        return type == PixelType.FLOAT32 ? (double) (float) v : v;
    }

    /** scipy.stats.kurtosis(f) (Fisher, biased); NaN when the spread is nil. */
    static double kurtosis(double[] f) {
        int n = f.length;
        double sum = 0;
        for (double x : f) {
            sum += x;
        }
        double mean = sum / n;
        double m2 = 0, m4 = 0;
        for (double x : f) {
            double d2 = (x - mean) * (x - mean);
            m2 += d2;
            m4 += d2 * d2;
        }
        m2 /= n;
        m4 /= n;
        double resolution = 1e-15 * mean;
        if (m2 <= resolution * resolution) {
            return Double.NaN;
        }
        return m4 / (m2 * m2) - 3.0;
    }

    /** Real part of the principal square root of re + i im. */
    private static double sqrtReal(double re, double im) {
        double modulus = Math.hypot(re, im);
        if (re >= 0) {
            return Math.sqrt((modulus + re) / 2);
        }
        double t = Math.sqrt((modulus - re) / 2);
        return t == 0 ? 0 : Math.abs(im) / (2 * t);
    }

    /**
     * scipy.special.sph_harm(m, n, azimuth, polar) as {re, im}:
     * sqrt((2n+1)/(4 pi) (n-m)!/(n+m)!) P_n^m(cos polar) exp(i m azimuth), P with the Condon-Shortley phase
     * and P_n^{-m} = (-1)^m (n-m)!/(n+m)! P_n^m.
     */
    static double[] scipySphHarm(int m, int n, double azimuth, double polar) {
        int am = Math.abs(m);
        double x = Math.cos(polar);
        double legendre = associatedLegendre(am, n, x);
        // sqrt((n - |m|)! / (n + |m|)!) carries the normalisation for both signs of m
        double ratio = 1;
        for (int t = n - am + 1; t <= n + am; t++) {
            ratio /= t;
        }
        double value = Math.sqrt((2 * n + 1) / (4 * Math.PI)) * Math.sqrt(ratio) * legendre;
        if (m < 0 && am % 2 == 1) {
            value = -value;
        }
        return new double[] {value * Math.cos(m * azimuth), value * Math.sin(m * azimuth)};
    }

    /** P_n^m(x), m &gt;= 0, with the Condon-Shortley phase (-1)^m. */
    private static double associatedLegendre(int m, int n, double x) {
        double pmm = 1;
        double s = Math.sqrt((1 - x) * (1 + x));
        for (int t = 1; t <= m; t++) {
            pmm *= -(2 * t - 1) * s;
        }
        if (n == m) {
            return pmm;
        }
        double pm1 = x * (2 * m + 1) * pmm;
        if (n == m + 1) {
            return pm1;
        }
        double p = 0;
        for (int l = m + 2; l <= n; l++) {
            p = ((2 * l - 1) * x * pm1 - (l + m - 1) * pmm) / (l - m);
            pmm = pm1;
            pm1 = p;
        }
        return p;
    }

    /** trimesh.creation.icosphere's vertices: icosahedron, midpoint subdivisions, each followed by projection to the radius. */
    static double[][] icosphere(int subdivisions, double radius) {
        double t = (1 + Math.sqrt(5)) / 2;
        double norm = Math.sqrt(1 + t * t);
        List<double[]> verts = new ArrayList<>();
        for (double a : new double[] {-1, 1}) {
            for (double b : new double[] {-t, t}) {
                verts.add(new double[] {a / norm, b / norm, 0});
                verts.add(new double[] {0, a / norm, b / norm});
                verts.add(new double[] {b / norm, 0, a / norm});
            }
        }
        // faces: triples of mutually adjacent vertices (edge length 2 / norm)
        double edge = 2 / norm;
        boolean[][] adjacent = new boolean[12][12];
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                adjacent[i][j] = i != j && Math.abs(distance(verts.get(i), verts.get(j)) - edge) < 1e-9;
            }
        }
        List<int[]> faces = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            for (int j = i + 1; j < 12; j++) {
                for (int k = j + 1; k < 12; k++) {
                    if (adjacent[i][j] && adjacent[j][k] && adjacent[i][k]) {
                        faces.add(new int[] {i, j, k});
                    }
                }
            }
        }
        for (int s = 0; s < subdivisions; s++) {
            Map<Long, Integer> midpoints = new java.util.HashMap<>();
            List<int[]> refined = new ArrayList<>();
            for (int[] f : faces) {
                int ab = midpoint(verts, midpoints, f[0], f[1]);
                int bc = midpoint(verts, midpoints, f[1], f[2]);
                int ca = midpoint(verts, midpoints, f[2], f[0]);
                refined.add(new int[] {f[0], ab, ca});
                refined.add(new int[] {f[1], bc, ab});
                refined.add(new int[] {f[2], ca, bc});
                refined.add(new int[] {ab, bc, ca});
            }
            faces = refined;
            toRadius(verts, radius);
        }
        if (subdivisions <= 0) {
            toRadius(verts, radius);
        }
        return verts.toArray(new double[0][]);
    }

    private static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static int midpoint(List<double[]> verts, Map<Long, Integer> midpoints, int a, int b) {
        long key = (long) Math.min(a, b) << 32 | Math.max(a, b);
        Integer index = midpoints.get(key);
        if (index == null) {
            double[] p = verts.get(a), q = verts.get(b);
            verts.add(new double[] {(p[0] + q[0]) / 2, (p[1] + q[1]) / 2, (p[2] + q[2]) / 2});
            index = verts.size() - 1;
            midpoints.put(key, index);
        }
        return index;
    }

    private static void toRadius(List<double[]> verts, double radius) {
        for (double[] v : verts) {
            double length = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            double shift = radius - length;
            for (int d = 0; d < 3; d++) {
                v[d] += v[d] / length * shift;
            }
        }
    }
}
