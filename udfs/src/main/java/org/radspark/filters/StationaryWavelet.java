package org.radspark.filters;

/**
 * One level-1 step of PyWavelets' stationary wavelet transform along one axis (pywt.swtn with
 * level=1, start_level=0): output[o] = sum_j filter[j] * x[(o + F/2 - j) mod N] for a signal of even
 * length N and a filter of length F. The terms are added in the order of PyWavelets'
 * periodization convolution (pywt/_extensions/c/convolution.template.c), so results are bitwise equal.
 * An instance holds the (filter index, sample index) sequence for one (N, F) pair.
 */
final class StationaryWavelet {
    private final int n;
    private final int f;
    private final int[] filterIndex;
    private final int[] sampleIndex;

    StationaryWavelet(int n, int f) {
        this.n = n;
        this.f = f;
        filterIndex = new int[n * f];
        sampleIndex = new int[n * f];
        int t = 0;
        int i = f / 2;
        // 1: window overhangs the start of the signal; the missing samples come from its end
        for (; i < f && i < n; i++) {
            int j = 0;
            for (; j <= i; j++, t++) {
                filterIndex[t] = j;
                sampleIndex[t] = i - j;
            }
            while (j < f) {
                for (int k = 0; k < n && j < f; k++, j++, t++) {
                    filterIndex[t] = j;
                    sampleIndex[t] = n - 1 - k;
                }
            }
        }
        // 2: window inside the signal
        for (; i < n; i++) {
            for (int j = 0; j < f; j++, t++) {
                filterIndex[t] = j;
                sampleIndex[t] = i - j;
            }
        }
        // 3: window overhangs both ends (filter longer than the signal)
        for (; i < f && i < n + f / 2; i++) {
            int j = wrapFromStart(i, t);
            t += j;
            for (; j <= i; j++, t++) {
                filterIndex[t] = j;
                sampleIndex[t] = i - j;
            }
            while (j < f) {
                for (int k = 0; k < n && j < f; k++, j++, t++) {
                    filterIndex[t] = j;
                    sampleIndex[t] = n - 1 - k;
                }
            }
        }
        // 4: window overhangs the end of the signal; the missing samples come from its start
        for (; i < n + f / 2; i++) {
            int j = wrapFromStart(i, t);
            t += j;
            for (; j < f; j++, t++) {
                filterIndex[t] = j;
                sampleIndex[t] = i - j;
            }
        }
        if (t != n * f) {
            throw new IllegalStateException("swt index table has " + t + " terms, expected " + n * f);
        }
    }

    /** Records the terms whose sample index passes the end of the signal, from t on; returns their count. */
    private int wrapFromStart(int i, int t) {
        int j = 0;
        while (i - j >= n) {
            for (int k = 0; k < n && i - j >= n; k++, j++) {
                filterIndex[t + j] = i - n - j;
                sampleIndex[t + j] = k;
            }
        }
        return j;
    }

    /** Convolves {@code x[0..n)} with {@code filter} into {@code out[0..n)} in double precision. */
    void apply(double[] filter, double[] x, double[] out) {
        for (int o = 0, t = 0; o < n; o++) {
            double sum = 0;
            for (int e = t + f; t < e; t++) {
                sum += filter[filterIndex[t]] * x[sampleIndex[t]];
            }
            out[o] = sum;
        }
    }

    /** As {@link #apply(double[], double[], double[])} in single precision (PyWavelets on float32 data). */
    void apply(float[] filter, double[] x, double[] out) {
        for (int o = 0, t = 0; o < n; o++) {
            float sum = 0;
            for (int e = t + f; t < e; t++) {
                sum += filter[filterIndex[t]] * (float) x[sampleIndex[t]];
            }
            out[o] = sum;
        }
    }
}
