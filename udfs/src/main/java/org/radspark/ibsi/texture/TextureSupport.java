package org.radspark.ibsi.texture;

import java.util.List;

import org.radspark.ibsi.IbsiValue;
import org.radspark.ibsi.IbsiVolume;

/**
 * Shared pieces of the IBSI texture families: neighbour offsets, the 16 features common to the
 * run/zone/dependence style matrices (grey level on rows, run length / zone size / distance /
 * dependence count on columns), feature averaging and result emission.
 */
final class TextureSupport {
    private TextureSupport() {
    }

    /**
     * The 13 unique direction vectors at Chebyshev distance 1 (one of each opposite pair). The first
     * four lie in the axial (x, y) plane and are the 2D directions.
     */
    static final int[][] DIRECTIONS = {
        {1, 0, 0}, {0, 1, 0}, {1, 1, 0}, {1, -1, 0},
        {0, 0, 1}, {1, 0, 1}, {1, 0, -1}, {0, 1, 1}, {0, 1, -1},
        {1, 1, 1}, {1, 1, -1}, {1, -1, 1}, {1, -1, -1},
    };

    /** Number of in-plane (2D) directions at the head of {@link #DIRECTIONS}. */
    static final int IN_PLANE = 4;

    static final String AGG_2D = "2D";
    static final String AGG_25D = "2.5D";
    static final String AGG_3D = "3D";

    /** True when voxel {@code idx} belongs to the ROI and carries a valid grey level. */
    static boolean inRoi(IbsiVolume v, int idx) {
        return v.roi()[idx] != 0 && v.levels()[idx] >= 1;
    }

    static void checkLevels(IbsiVolume v) {
        int n = v.nx() * v.ny() * v.nz();
        if (v.levels().length != n || v.roi().length != n) {
            throw new IllegalArgumentException("levels/roi arrays do not match the " + v.nx() + "x" + v.ny() + "x"
                + v.nz() + " grid");
        }
        for (int idx = 0; idx < n; idx++) {
            if (v.roi()[idx] != 0 && (v.levels()[idx] < 1 || v.levels()[idx] > v.ng())) {
                throw new IllegalArgumentException("grey level " + v.levels()[idx] + " inside the ROI is outside 1.."
                    + v.ng());
            }
        }
    }

    /** Number of ROI voxels in axial slice k. */
    static int roiCountInSlice(IbsiVolume v, int k) {
        int n = 0;
        int base = v.nx() * v.ny() * k;
        for (int p = 0; p < v.nx() * v.ny(); p++) {
            if (inRoi(v, base + p)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The 16 features shared by GLRLM, GLSZM and GLDZM (and, with energy appended, the NGLDM): a count
     * matrix {@code m} with {@code ng} rows (grey level i = row + 1) and {@code ncol} columns (column
     * value j = col + 1), and the voxel count {@code nv} for the percentage feature. Order: small-j
     * emphasis, large-j emphasis, low grey, high grey, small-j low grey, small-j high grey, large-j low
     * grey, large-j high grey, grey non-uniformity (plain, normalised), j non-uniformity (plain,
     * normalised), percentage, grey variance, j variance, entropy, and energy (sum of squared
     * probabilities) at index 16. Returns NaNs when the matrix is empty.
     */
    static double[] matrixFeatures(double[] m, int ng, int ncol, double nv) {
        // only the first ng * ncol entries are read: callers may pass a larger reused buffer
        double[] f = new double[17];
        double ns = 0;
        for (int q = 0, end = ng * ncol; q < end; q++) {
            ns += m[q];
        }
        if (ns <= 0) {
            java.util.Arrays.fill(f, Double.NaN);
            return f;
        }
        double sje = 0, lje = 0, lge = 0, hge = 0, sjl = 0, sjh = 0, ljl = 0, ljh = 0;
        double meanI = 0, meanJ = 0, entropy = 0, energy = 0, gnu = 0;
        double[] colSum = new double[ncol];
        for (int r = 0; r < ng; r++) {
            double i = r + 1;
            double i2 = i * i;
            double rowSum = 0;
            int off = r * ncol;
            for (int c = 0; c < ncol; c++) {
                double x = m[off + c];
                if (x == 0) {
                    continue;
                }
                double j = c + 1;
                double j2 = j * j;
                rowSum += x;
                colSum[c] += x;
                sje += x / j2;
                lje += x * j2;
                lge += x / i2;
                hge += x * i2;
                sjl += x / (i2 * j2);
                sjh += x * i2 / j2;
                ljl += x * j2 / i2;
                ljh += x * i2 * j2;
                double p = x / ns;
                meanI += i * p;
                meanJ += j * p;
                entropy -= p * log2(p);
                energy += p * p;
            }
            gnu += rowSum * rowSum;
        }
        double jnu = 0;
        for (double c : colSum) {
            jnu += c * c;
        }
        double varI = 0, varJ = 0;
        for (int r = 0; r < ng; r++) {
            int off = r * ncol;
            for (int c = 0; c < ncol; c++) {
                double x = m[off + c];
                if (x == 0) {
                    continue;
                }
                double p = x / ns;
                double di = r + 1 - meanI;
                double dj = c + 1 - meanJ;
                varI += di * di * p;
                varJ += dj * dj * p;
            }
        }
        f[0] = sje / ns;
        f[1] = lje / ns;
        f[2] = lge / ns;
        f[3] = hge / ns;
        f[4] = sjl / ns;
        f[5] = sjh / ns;
        f[6] = ljl / ns;
        f[7] = ljh / ns;
        f[8] = gnu / ns;
        f[9] = gnu / (ns * ns);
        f[10] = jnu / ns;
        f[11] = jnu / (ns * ns);
        f[12] = ns / nv;
        f[13] = varI;
        f[14] = varJ;
        f[15] = entropy;
        f[16] = energy;
        return f;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2.0);
    }

    /**
     * Running mean of feature vectors, per feature, over the vectors where that feature is finite
     * (an empty or degenerate matrix, e.g. a slice with one voxel, contributes nothing).
     */
    static final class Mean {
        private final double[] sum;
        private final int[] count;

        Mean(int n) {
            sum = new double[n];
            count = new int[n];
        }

        void add(double[] f) {
            for (int q = 0; q < sum.length; q++) {
                if (Double.isFinite(f[q])) {
                    sum[q] += f[q];
                    count[q]++;
                }
            }
        }

        double[] mean() {
            double[] m = new double[sum.length];
            for (int q = 0; q < m.length; q++) {
                m[q] = count[q] == 0 ? Double.NaN : sum[q] / count[q];
            }
            return m;
        }
    }

    static void emit(List<IbsiValue> out, String family, String[] names, String[] codes, String aggregation,
                     double[] values) {
        for (int q = 0; q < names.length; q++) {
            out.add(new IbsiValue(family, names[q], codes[q], aggregation, values[q]));
        }
    }

    static void add(double[] into, double[] from) {
        for (int q = 0; q < into.length; q++) {
            into[q] += from[q];
        }
    }
}
