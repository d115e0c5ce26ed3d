package org.radspark.ibsi;

import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.preprocess.BSplineInterpolator;

/**
 * IBSI image processing, IBSI-1 manual chapter 2: interpolation to an "align grid centres" grid
 * (section 2.4), intensity rounding, ROI interpolation with a partial-volume threshold, and range and
 * outlier re-segmentation of the intensity mask only (section 2.5). Intensities are kept as doubles
 * (at least the 32-bit floating point the manual asks for).
 */
public final class IbsiPreprocessor {

    private IbsiPreprocessor() {
    }

    /** Interpolates, rounds and re-segments; every non-zero mask label belongs to the ROI. */
    public static IbsiRoi process(Image image, Mask mask, IbsiConfig config) {
        Geometry g = image.geometry();
        if (!g.sameGrid(mask.geometry(), 1e-3)) {
            throw new IllegalArgumentException("image and mask grids differ: " + g.describeDifference(mask.geometry(), 1e-3));
        }
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        double[] spacing = g.spacing();
        double[] img = image.voxels().clone();
        int[] labels = mask.labels();
        double[] m = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            m[i] = labels[i] != 0 ? 1 : 0;
        }
        IbsiConfig.Interpolation interp = config.interpolation();
        byte[] morph = new byte[labels.length];
        if (interp.enabled()) {
            int[] n = {nx, ny, nz};
            int[] nb = new int[3];
            double[][] coords = new double[3][];
            double[] newSpacing = new double[3];
            for (int a = 0; a < 3; a++) {
                double sb = interp.spacing()[a];
                if (Double.isNaN(sb)) {
                    sb = spacing[a];
                }
                newSpacing[a] = sb;
                coords[a] = alignedGrid(n[a], spacing[a], sb);
                nb[a] = coords[a].length;
            }
            img = resample(img, n, coords, interp.imageMethod());
            m = resample(m, n, coords, interp.maskMethod());
            double thr = interp.partialVolumeThreshold();
            morph = new byte[m.length];
            for (int i = 0; i < m.length; i++) {
                // tolerance for interpolated values that should be exactly at the threshold
                morph[i] = (byte) (m[i] >= thr - 1e-9 ? 1 : 0);
            }
            nx = nb[0];
            ny = nb[1];
            nz = nb[2];
            spacing = newSpacing;
        } else {
            for (int i = 0; i < m.length; i++) {
                morph[i] = (byte) (m[i] != 0 ? 1 : 0);
            }
        }
        if (config.roundIntensities()) {
            for (int i = 0; i < img.length; i++) {
                img[i] = Math.rint(img[i]);
            }
        }
        byte[] intensityMask = resegment(img, morph, config.resegmentation());
        return new IbsiRoi(nx, ny, nz, spacing, img, morph, intensityMask);
    }

    /**
     * Positions of the new grid in old continuous voxel indices (IBSI "align grid centres"):
     * n_b = ceil(n_a s_a / s_b), first centre at (s_a (n_a - 1) - s_b (n_b - 1)) / 2 mm from the old
     * first centre.
     */
    public static double[] alignedGrid(int na, double sa, double sb) {
        if (sa == sb) {
            double[] c = new double[na];
            for (int i = 0; i < na; i++) {
                c[i] = i;
            }
            return c;
        }
        // round the extent to 1e-6 mm so that exact multiples do not gain a voxel from float noise
        double extent = Math.round(na * sa / sb * 1e6) / 1e6;
        int nb = (int) Math.ceil(extent);
        double start = (sa * (na - 1) - sb * (nb - 1)) / 2.0;
        double[] c = new double[nb];
        for (int i = 0; i < nb; i++) {
            c[i] = (start + i * sb) / sa;
        }
        return c;
    }

    /** Samples a volume at the tensor grid coords[0] x coords[1] x coords[2] (old index space). */
    static double[] resample(double[] v, int[] n, double[][] coords, IbsiConfig.Method method) {
        switch (method) {
            case TRILINEAR: {
                double[] cur = v;
                int[] size = n.clone();
                for (int a = 0; a < 3; a++) {
                    cur = linearAxis(cur, size, a, coords[a]);
                    size[a] = coords[a].length;
                }
                return cur;
            }
            case NEAREST: {
                double[] cur = v;
                int[] size = n.clone();
                for (int a = 0; a < 3; a++) {
                    cur = nearestAxis(cur, size, a, coords[a]);
                    size[a] = coords[a].length;
                }
                return cur;
            }
            case TRICUBIC:
                return cubic(v, n, coords);
            default:
                throw new IllegalArgumentException("no interpolation method " + method);
        }
    }

    private static double[] linearAxis(double[] v, int[] n, int axis, double[] c) {
        int[] out = n.clone();
        out[axis] = c.length;
        int na = n[axis];
        int[] lo = new int[c.length];
        double[] w = new double[c.length];
        for (int t = 0; t < c.length; t++) {
            // nearest-boundary extrapolation outside the original grid
            double x = Math.min(Math.max(c[t], 0), na - 1);
            int i0 = (int) Math.floor(x);
            if (i0 >= na - 1) {
                i0 = Math.max(na - 2, 0);
            }
            lo[t] = i0;
            w[t] = na == 1 ? 0 : x - i0;
        }
        return mapAxis(v, n, out, axis, (line, get, t) -> {
            int i0 = lo[t];
            double a = get.at(i0);
            return w[t] == 0 ? a : a + w[t] * (get.at(i0 + 1) - a);
        });
    }

    private static double[] nearestAxis(double[] v, int[] n, int axis, double[] c) {
        int[] out = n.clone();
        out[axis] = c.length;
        int na = n[axis];
        return mapAxis(v, n, out, axis, (line, get, t) ->
            get.at((int) Math.min(Math.max(Math.floor(c[t] + 0.5), 0), na - 1)));
    }

    private interface LineGet {
        double at(int i);
    }

    private interface Sampler {
        double sample(int line, LineGet get, int t);
    }

    private static double[] mapAxis(double[] v, int[] n, int[] out, int axis, Sampler s) {
        double[] r = new double[out[0] * out[1] * out[2]];
        int[] strideIn = {1, n[0], n[0] * n[1]};
        int[] strideOut = {1, out[0], out[0] * out[1]};
        for (int k = 0; k < out[2]; k++) {
            for (int j = 0; j < out[1]; j++) {
                for (int i = 0; i < out[0]; i++) {
                    int[] idx = {i, j, k};
                    int t = idx[axis];
                    idx[axis] = 0;
                    int base = idx[0] * strideIn[0] + idx[1] * strideIn[1] + idx[2] * strideIn[2];
                    int st = strideIn[axis];
                    r[i + j * strideOut[1] + k * strideOut[2]] = s.sample(0, q -> v[base + q * st], t);
                }
            }
        }
        return r;
    }

    /** Cubic B-spline (tricubic spline) interpolation; points outside the grid take the nearest boundary. */
    private static double[] cubic(double[] v, int[] n, double[][] coords) {
        BSplineInterpolator bs = new BSplineInterpolator(v, n[0], n[1], n[2]);
        double[] r = new double[coords[0].length * coords[1].length * coords[2].length];
        int p = 0;
        for (double z : coords[2]) {
            double cz = Math.min(Math.max(z, 0), n[2] - 1);
            for (double y : coords[1]) {
                double cy = Math.min(Math.max(y, 0), n[1] - 1);
                for (double x : coords[0]) {
                    double cx = Math.min(Math.max(x, 0), n[0] - 1);
                    r[p++] = bs.evaluate(cx, cy, cz);
                }
            }
        }
        return r;
    }

    /**
     * Intensity mask: the morphological mask limited to the re-segmentation range (inclusive), then,
     * when asked, to mean +- sigma * SD of the remaining intensities (population SD).
     */
    public static byte[] resegment(double[] img, byte[] morph, IbsiConfig.Resegmentation r) {
        byte[] out = new byte[morph.length];
        for (int i = 0; i < morph.length; i++) {
            out[i] = (byte) (morph[i] != 0 && img[i] >= r.lower() && img[i] <= r.upper() ? 1 : 0);
        }
        if (r.outliers()) {
            double s = 0, s2 = 0;
            long n = 0;
            for (int i = 0; i < out.length; i++) {
                if (out[i] != 0) {
                    s += img[i];
                    n++;
                }
            }
            double mean = s / n;
            for (int i = 0; i < out.length; i++) {
                if (out[i] != 0) {
                    s2 += (img[i] - mean) * (img[i] - mean);
                }
            }
            double sd = Math.sqrt(s2 / n);
            double lo = mean - r.outlierSigma() * sd, hi = mean + r.outlierSigma() * sd;
            for (int i = 0; i < out.length; i++) {
                if (out[i] != 0 && (img[i] < lo || img[i] > hi)) {
                    out[i] = 0;
                }
            }
        }
        return out;
    }
}
