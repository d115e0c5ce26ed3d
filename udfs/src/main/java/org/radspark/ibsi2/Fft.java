package org.radspark.ibsi2;

/**
 * In-place complex discrete Fourier transform of any length: iterative radix-2 (Cooley and Tukey 1965)
 * for powers of two, Bluestein's chirp-z algorithm (Bluestein 1970) otherwise. One instance per length;
 * it holds its twiddles and work buffers, so repeated lines allocate nothing.
 */
public final class Fft {
    private final int n;
    private final int m; // power-of-two size used internally
    private final double[] cos, sin;          // radix-2 twiddles for size m
    private final double[] chirpRe, chirpIm;  // Bluestein chirp exp(-i pi k^2 / n)
    private final double[] filterRe, filterIm; // FFT of the conjugate chirp, size m
    private final double[] workRe, workIm;

    public Fft(int n) {
        this.n = n;
        boolean pow2 = Integer.bitCount(n) == 1;
        this.m = pow2 ? n : Integer.highestOneBit(2 * n - 1) << 1;
        cos = new double[m / 2 + 1];
        sin = new double[m / 2 + 1];
        for (int k = 0; k < m / 2 + 1; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / m);
            sin[k] = Math.sin(2 * Math.PI * k / m);
        }
        if (pow2) {
            chirpRe = chirpIm = filterRe = filterIm = workRe = workIm = null;
            return;
        }
        chirpRe = new double[n];
        chirpIm = new double[n];
        for (int k = 0; k < n; k++) {
            long kk = (long) k * k % (2L * n);
            double a = Math.PI * kk / n;
            chirpRe[k] = Math.cos(a);
            chirpIm[k] = -Math.sin(a);
        }
        filterRe = new double[m];
        filterIm = new double[m];
        filterRe[0] = chirpRe[0];
        filterIm[0] = -chirpIm[0];
        for (int k = 1; k < n; k++) {
            filterRe[k] = filterRe[m - k] = chirpRe[k];
            filterIm[k] = filterIm[m - k] = -chirpIm[k];
        }
        radix2(filterRe, filterIm, false);
        workRe = new double[m];
        workIm = new double[m];
    }

    /** Forward (sign -1) or inverse (sign +1, scaled by 1/n) transform of re + i*im, length n. */
    public void transform(double[] re, double[] im, boolean inverse) {
        if (workRe == null) {
            radix2(re, im, inverse);
        } else {
            bluestein(re, im, inverse);
        }
        if (inverse) {
            double s = 1.0 / n;
            for (int k = 0; k < n; k++) {
                re[k] *= s;
                im[k] *= s;
            }
        }
    }

    private void bluestein(double[] re, double[] im, boolean inverse) {
        // an inverse transform is the conjugate of the forward transform of the conjugate
        double sign = inverse ? -1 : 1;
        java.util.Arrays.fill(workRe, 0);
        java.util.Arrays.fill(workIm, 0);
        for (int k = 0; k < n; k++) {
            double xr = re[k], xi = sign * im[k];
            workRe[k] = xr * chirpRe[k] - xi * chirpIm[k];
            workIm[k] = xr * chirpIm[k] + xi * chirpRe[k];
        }
        radix2(workRe, workIm, false);
        for (int k = 0; k < m; k++) {
            double ar = workRe[k], ai = workIm[k];
            workRe[k] = ar * filterRe[k] - ai * filterIm[k];
            workIm[k] = ar * filterIm[k] + ai * filterRe[k];
        }
        radix2(workRe, workIm, true);
        double s = 1.0 / m;
        for (int k = 0; k < n; k++) {
            double ar = workRe[k] * s, ai = workIm[k] * s;
            re[k] = ar * chirpRe[k] - ai * chirpIm[k];
            im[k] = sign * (ar * chirpIm[k] + ai * chirpRe[k]);
        }
    }

    /** Unscaled radix-2 transform of size m (exponent sign + when {@code inverse}). */
    private void radix2(double[] re, double[] im, boolean inverse) {
        for (int i = 1, j = 0; i < m; i++) {
            int bit = m >> 1;
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
        for (int len = 2; len <= m; len <<= 1) {
            int half = len >> 1, step = m / len;
            for (int i = 0; i < m; i += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step], wi = inverse ? sin[k * step] : -sin[k * step];
                    int a = i + k, b = a + half;
                    double tr = re[b] * wr - im[b] * wi, ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
