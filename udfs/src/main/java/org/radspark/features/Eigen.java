package org.radspark.features;

import java.util.Arrays;

/**
 * Principal moments of an ROI: eigenvalues of the covariance of the physical voxel-centre coordinates
 * (index times spacing, no direction), as pyradiomics' shape classes compute them.
 */
final class Eigen {
    private Eigen() {
    }

    /**
     * Eigenvalues, ascending, of the covariance (divided by N) of the coordinates of the set voxels of
     * a mask laid out with the last of {@code dims} fastest. Values in (-1e-10, 0) are set to 0 as in
     * pyradiomics.
     */
    static double[] principalMoments(byte[] mask, int[] dims, double[] spacing, int count) {
        int nd = dims.length;
        double[] coords = new double[count * nd];
        int[] idx = new int[nd];
        int p = 0;
        for (int v = 0; v < mask.length; v++) {
            if (mask[v] != 0) {
                int rem = v;
                for (int d = nd - 1; d >= 0; d--) {
                    idx[d] = rem % dims[d];
                    rem /= dims[d];
                }
                for (int d = 0; d < nd; d++) {
                    coords[p * nd + d] = idx[d] * spacing[d];
                }
                p++;
            }
        }
        double[] mean = new double[nd];
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < nd; d++) {
                mean[d] += coords[i * nd + d];
            }
        }
        double root = Math.sqrt(count);
        for (int d = 0; d < nd; d++) {
            mean[d] /= count;
        }
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < nd; d++) {
                coords[i * nd + d] = (coords[i * nd + d] - mean[d]) / root;
            }
        }
        double[][] cov = new double[nd][nd];
        for (int r = 0; r < nd; r++) {
            for (int c = r; c < nd; c++) {
                double s = 0;
                for (int i = 0; i < count; i++) {
                    s += coords[i * nd + r] * coords[i * nd + c];
                }
                cov[r][c] = s;
                cov[c][r] = s;
            }
        }
        double[] eig = symmetricEigenvalues(cov);
        for (int i = 0; i < eig.length; i++) {
            if (eig[i] < 0 && eig[i] > -1e-10) {
                eig[i] = 0;
            }
        }
        Arrays.sort(eig);
        return eig;
    }

    static double[] principalMoments(byte[] mask, int sz, int sy, int sx, double[] spacingZyx, int count) {
        return principalMoments(mask, new int[] {sz, sy, sx}, spacingZyx, count);
    }

    /** Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations (unsorted). */
    static double[] symmetricEigenvalues(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off == 0 || off <= 1e-36 * diag) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (apq == 0) {
                        continue;
                    }
                    // rotation angle that annihilates a[p][q]
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    a[p][q] = 0;
                    a[q][p] = 0;
                }
            }
        }
        double[] eig = new double[n];
        for (int i = 0; i < n; i++) {
            eig[i] = a[i][i];
        }
        return eig;
    }

    /** 4 * sqrt(eigenvalue); NaN for a negative eigenvalue, as pyradiomics. */
    static double axisLength(double eigenvalue) {
        return eigenvalue < 0 ? Double.NaN : Math.sqrt(eigenvalue) * 4;
    }

    /** sqrt(small / large); NaN when either is negative, as pyradiomics. */
    static double ratio(double small, double large) {
        return small < 0 || large < 0 ? Double.NaN : Math.sqrt(small / large);
    }
}
