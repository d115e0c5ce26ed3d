package org.radspark.ibsi;

/**
 * Moran's I (IBSI N365) and Geary's C (NPT7), IBSI-1 manual section 3.1, with weights
 * w_ij = 1 / |r_i - r_j| (mm) over all pairs of distinct intensity-mask voxels. Because the weights
 * depend only on the voxel offset, the pair sums are correlations over offsets and are computed with
 * 3D FFTs (exact up to floating point) instead of the O(N^2) double loop; {@link #direct} is the
 * double loop, for small ROIs and tests.
 */
final class SpatialAutocorrelation {

    private SpatialAutocorrelation() {
    }

    /** Returns {moransI, gearysC}. */
    static double[] compute(IbsiRoi roi) {
        int[] bb = bounds(roi.intensityMask(), roi.nx(), roi.ny(), roi.nz());
        int bx = bb[3] - bb[0] + 1, by = bb[4] - bb[1] + 1, bz = bb[5] - bb[2] + 1;
        int px = pow2(2 * bx - 1), py = pow2(2 * by - 1), pz = pow2(2 * bz - 1);
        int size = px * py * pz;
        double[] x = roi.intensities();
        byte[] mask = roi.intensityMask();
        double sum = 0;
        long n = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                sum += x[i];
                n++;
            }
        }
        double mean = sum / n;
        double[] aRe = new double[size], aIm = new double[size];
        double[] mRe = new double[size], mIm = new double[size];
        double[] qRe = new double[size], qIm = new double[size];
        double ss = 0;
        for (int k = 0; k < bz; k++) {
            for (int j = 0; j < by; j++) {
                for (int i = 0; i < bx; i++) {
                    int src = roi.index(i + bb[0], j + bb[1], k + bb[2]);
                    if (mask[src] != 0) {
                        int dst = i + px * (j + py * k);
                        double y = x[src] - mean;
                        aRe[dst] = y;
                        mRe[dst] = 1;
                        qRe[dst] = y * y;
                        ss += y * y;
                    }
                }
            }
        }
        Fft3.transform(aRe, aIm, px, py, pz, false);
        Fft3.transform(mRe, mIm, px, py, pz, false);
        Fft3.transform(qRe, qIm, px, py, pz, false);
        // S_a = IFFT(|A|^2); S_m = IFFT(|M|^2); C_mq = IFFT(conj(M) Q)
        double[] saRe = new double[size], saIm = new double[size];
        double[] smRe = new double[size], smIm = new double[size];
        double[] cRe = new double[size], cIm = new double[size];
        for (int t = 0; t < size; t++) {
            saRe[t] = aRe[t] * aRe[t] + aIm[t] * aIm[t];
            smRe[t] = mRe[t] * mRe[t] + mIm[t] * mIm[t];
            cRe[t] = mRe[t] * qRe[t] + mIm[t] * qIm[t];
            cIm[t] = mRe[t] * qIm[t] - mIm[t] * qRe[t];
        }
        Fft3.transform(saRe, saIm, px, py, pz, true);
        Fft3.transform(smRe, smIm, px, py, pz, true);
        Fft3.transform(cRe, cIm, px, py, pz, true);
        double[] s = roi.spacing();
        double wSum = 0, moranNum = 0, gearyCross = 0;
        for (int dk = -(bz - 1); dk <= bz - 1; dk++) {
            for (int dj = -(by - 1); dj <= by - 1; dj++) {
                for (int di = -(bx - 1); di <= bx - 1; di++) {
                    if (di == 0 && dj == 0 && dk == 0) {
                        continue;
                    }
                    double w = 1.0 / Math.sqrt(sq(di * s[0]) + sq(dj * s[1]) + sq(dk * s[2]));
                    int t = Math.floorMod(di, px) + px * (Math.floorMod(dj, py) + py * Math.floorMod(dk, pz));
                    wSum += w * Math.rint(smRe[t]);
                    moranNum += w * saRe[t];
                    gearyCross += w * cRe[t];
                }
            }
        }
        double moran = n / wSum * moranNum / ss;
        double geary = (n - 1) / (2 * wSum) * (2 * gearyCross - 2 * moranNum) / ss;
        return new double[] {moran, geary};
    }

    /** The O(N^2) definition, for small ROIs. */
    static double[] direct(IbsiRoi roi) {
        byte[] mask = roi.intensityMask();
        double[] x = roi.intensities();
        double[] s = roi.spacing();
        int n = 0;
        for (byte b : mask) {
            n += b;
        }
        double[][] pos = new double[n][];
        double[] v = new double[n];
        int c = 0;
        double mean = 0;
        for (int k = 0; k < roi.nz(); k++) {
            for (int j = 0; j < roi.ny(); j++) {
                for (int i = 0; i < roi.nx(); i++) {
                    int idx = roi.index(i, j, k);
                    if (mask[idx] != 0) {
                        pos[c] = new double[] {i * s[0], j * s[1], k * s[2]};
                        v[c++] = x[idx];
                        mean += x[idx];
                    }
                }
            }
        }
        mean /= n;
        double w = 0, num = 0, gnum = 0, den = 0;
        for (int a = 0; a < n; a++) {
            den += sq(v[a] - mean);
            for (int b = 0; b < n; b++) {
                if (a != b) {
                    double wij = 1 / Math.sqrt(sq(pos[a][0] - pos[b][0]) + sq(pos[a][1] - pos[b][1])
                        + sq(pos[a][2] - pos[b][2]));
                    w += wij;
                    num += wij * (v[a] - mean) * (v[b] - mean);
                    gnum += wij * sq(v[a] - v[b]);
                }
            }
        }
        return new double[] {n / w * num / den, (n - 1) / (2 * w) * gnum / den};
    }

    static int[] bounds(byte[] mask, int nx, int ny, int nz) {
        int[] bb = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    if (mask[i + nx * (j + ny * k)] != 0) {
                        bb[0] = Math.min(bb[0], i);
                        bb[1] = Math.min(bb[1], j);
                        bb[2] = Math.min(bb[2], k);
                        bb[3] = Math.max(bb[3], i);
                        bb[4] = Math.max(bb[4], j);
                        bb[5] = Math.max(bb[5], k);
                    }
                }
            }
        }
        if (bb[3] < 0) {
            throw new IllegalArgumentException("empty mask");
        }
        return bb;
    }

    private static int pow2(int n) {
        int p = 1;
        while (p < n) {
            p <<= 1;
        }
        return p;
    }

    private static double sq(double v) {
        return v * v;
    }

    /** In-place radix-2 complex FFT along each axis of a px * py * pz array (x fastest). */
    static final class Fft3 {
        private Fft3() {
        }

        static void transform(double[] re, double[] im, int px, int py, int pz, boolean inverse) {
            double[] lr = new double[Math.max(px, Math.max(py, pz))];
            double[] li = new double[lr.length];
            int[] n = {px, py, pz};
            int[] stride = {1, px, px * py};
            for (int axis = 0; axis < 3; axis++) {
                int len = n[axis], st = stride[axis];
                if (len == 1) {
                    continue;
                }
                int lines = re.length / len;
                double[] cos = new double[len / 2], sin = new double[len / 2];
                for (int k = 0; k < len / 2; k++) {
                    cos[k] = Math.cos(2 * Math.PI * k / len);
                    sin[k] = (inverse ? 1 : -1) * Math.sin(2 * Math.PI * k / len);
                }
                for (int l = 0; l < lines; l++) {
                    int base;
                    if (axis == 0) {
                        base = l * px;
                    } else if (axis == 1) {
                        base = (l % px) + (l / px) * px * py;
                    } else {
                        base = l;
                    }
                    for (int t = 0; t < len; t++) {
                        lr[t] = re[base + t * st];
                        li[t] = im[base + t * st];
                    }
                    fft(lr, li, len, cos, sin);
                    for (int t = 0; t < len; t++) {
                        re[base + t * st] = lr[t];
                        im[base + t * st] = li[t];
                    }
                }
            }
            if (inverse) {
                double f = 1.0 / re.length;
                for (int t = 0; t < re.length; t++) {
                    re[t] *= f;
                    im[t] *= f;
                }
            }
        }

        static void fft(double[] re, double[] im, int n, double[] cos, double[] sin) {
            for (int i = 1, j = 0; i < n; i++) {
                int bit = n >> 1;
                for (; (j & bit) != 0; bit >>= 1) {
                    j ^= bit;
                }
                j ^= bit;
                if (i < j) {
                    double t = re[i];
                    re[i] = re[j];
                    re[j] = t;
                    t = im[i];
                    im[i] = im[j];
                    im[j] = t;
                }
            }
            for (int len = 2; len <= n; len <<= 1) {
                int step = n / len;
                for (int i = 0; i < n; i += len) {
                    for (int k = 0; k < len / 2; k++) {
                        double wr = cos[k * step], wi = sin[k * step];
                        int a = i + k, b = i + k + len / 2;
                        double xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                        re[b] = re[a] - xr;
                        im[b] = im[a] - xi;
                        re[a] += xr;
                        im[a] += xi;
                    }
                }
            }
        }
    }
}
