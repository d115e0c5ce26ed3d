package org.radspark.features.math;

/**
 * Eigenvalues of a small dense real (generally non-symmetric) matrix: Parlett-Reinsch balancing, Householder
 * reduction to upper Hessenberg form, then Francis double-shift QR iteration (Golub &amp; Van Loan, Matrix
 * Computations, ch. 7; same pipeline as LAPACK dgeev without eigenvectors).
 */
public final class Eigen {
    private static final int MAX_ITERATIONS_PER_ROOT = 60;

    private Eigen() {
    }

    /**
     * Computes all eigenvalues of the n x n matrix {@code a} (row-major, {@code a[r*n + c]}); {@code a} is
     * overwritten. Real parts go to {@code re}, imaginary parts to {@code im} (both length n); complex conjugate
     * pairs are stored next to each other.
     *
     * @throws ArithmeticException when the QR iteration does not converge or the input is not finite
     */
    public static void eigenvalues(double[] a, int n, double[] re, double[] im) {
        for (int t = 0; t < n * n; t++) {
            if (!Double.isFinite(a[t])) {
                throw new ArithmeticException("matrix contains NaN or infinite values");
            }
        }
        balance(a, n);
        toHessenberg(a, n);
        hessenbergQr(a, n, re, im);
    }

    /** Scales rows and columns by powers of two so that their off-diagonal norms become comparable. */
    static void balance(double[] a, int n) {
        boolean converged = false;
        while (!converged) {
            converged = true;
            for (int i = 0; i < n; i++) {
                double colNorm = 0, rowNorm = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        colNorm += Math.abs(a[j * n + i]);
                        rowNorm += Math.abs(a[i * n + j]);
                    }
                }
                if (colNorm == 0 || rowNorm == 0) {
                    continue;
                }
                double total = colNorm + rowNorm;
                double factor = 1;
                double c = colNorm;
                double lower = rowNorm / 2;
                while (c < lower) {
                    factor *= 2;
                    c *= 4;
                }
                double upper = rowNorm * 2;
                while (c > upper) {
                    factor /= 2;
                    c /= 4;
                }
                if ((c + rowNorm) / factor < 0.95 * total) {
                    converged = false;
                    double inv = 1 / factor;
                    for (int j = 0; j < n; j++) {
                        a[i * n + j] *= inv;
                        a[j * n + i] *= factor;
                    }
                }
            }
        }
    }

    /** Orthogonal similarity reduction to upper Hessenberg form with Householder reflections. */
    static void toHessenberg(double[] a, int n) {
        double[] v = new double[n];
        for (int k = 0; k < n - 2; k++) {
            double scale = 0;
            for (int i = k + 1; i < n; i++) {
                scale += Math.abs(a[i * n + k]);
            }
            if (scale == 0) {
                continue;
            }
            double h = 0;
            for (int i = k + 1; i < n; i++) {
                v[i] = a[i * n + k] / scale;
                h += v[i] * v[i];
            }
            double g = Math.sqrt(h);
            if (v[k + 1] > 0) {
                g = -g;
            }
            h -= v[k + 1] * g;
            v[k + 1] -= g;
            // H = I - v v^T / h ; A <- H A H
            for (int j = k; j < n; j++) {
                double f = 0;
                for (int i = k + 1; i < n; i++) {
                    f += v[i] * a[i * n + j];
                }
                f /= h;
                for (int i = k + 1; i < n; i++) {
                    a[i * n + j] -= f * v[i];
                }
            }
            for (int i = 0; i < n; i++) {
                double f = 0;
                for (int j = k + 1; j < n; j++) {
                    f += v[j] * a[i * n + j];
                }
                f /= h;
                for (int j = k + 1; j < n; j++) {
                    a[i * n + j] -= f * v[j];
                }
            }
            a[(k + 1) * n + k] = scale * g;
            for (int i = k + 2; i < n; i++) {
                a[i * n + k] = 0;
            }
        }
    }

    /** Francis double-shift QR on an upper Hessenberg matrix, deflating one or two eigenvalues at a time. */
    static void hessenbergQr(double[] h, int n, double[] re, double[] im) {
        double norm = 0;
        for (int i = 0; i < n; i++) {
            for (int j = Math.max(i - 1, 0); j < n; j++) {
                norm += Math.abs(h[i * n + j]);
            }
        }
        int hi = n - 1;
        double shiftSum = 0; // accumulated exceptional shifts
        int iterations = 0;
        while (hi >= 0) {
            // find the lowest l such that h[l][l-1] is negligible
            int l = hi;
            while (l > 0) {
                double s = Math.abs(h[(l - 1) * n + l - 1]) + Math.abs(h[l * n + l]);
                if (s == 0) {
                    s = norm;
                }
                if (Math.abs(h[l * n + l - 1]) + s == s) {
                    h[l * n + l - 1] = 0;
                    break;
                }
                l--;
            }
            double x = h[hi * n + hi];
            if (l == hi) { // one real root
                re[hi] = x + shiftSum;
                im[hi] = 0;
                hi--;
                iterations = 0;
                continue;
            }
            double y = h[(hi - 1) * n + hi - 1];
            double w = h[hi * n + hi - 1] * h[(hi - 1) * n + hi];
            if (l == hi - 1) { // a 2x2 block: two roots
                double p = 0.5 * (y - x);
                double q = p * p + w;
                double z = Math.sqrt(Math.abs(q));
                x += shiftSum;
                if (q >= 0) {
                    z = p + (p >= 0 ? Math.abs(z) : -Math.abs(z));
                    re[hi - 1] = x + z;
                    re[hi] = z != 0 ? x - w / z : x + z;
                    im[hi - 1] = 0;
                    im[hi] = 0;
                } else {
                    re[hi - 1] = x + p;
                    re[hi] = x + p;
                    im[hi - 1] = z;
                    im[hi] = -z;
                }
                hi -= 2;
                iterations = 0;
                continue;
            }
            if (iterations == MAX_ITERATIONS_PER_ROOT) {
                throw new ArithmeticException("QR iteration did not converge");
            }
            if (iterations > 0 && iterations % 10 == 0) { // exceptional shift to break cycles
                shiftSum += x;
                for (int i = 0; i <= hi; i++) {
                    h[i * n + i] -= x;
                }
                double s = Math.abs(h[hi * n + hi - 1]) + Math.abs(h[(hi - 1) * n + hi - 2]);
                x = 0.75 * s;
                y = x;
                w = -0.4375 * s * s;
            }
            iterations++;
            // look for two consecutive small subdiagonal elements
            int m = hi - 2;
            double p = 0, q = 0, r = 0;
            while (true) {
                double z = h[m * n + m];
                double rr = x - z;
                double ss = y - z;
                p = (rr * ss - w) / h[(m + 1) * n + m] + h[m * n + m + 1];
                q = h[(m + 1) * n + m + 1] - z - rr - ss;
                r = h[(m + 2) * n + m + 1];
                double s = Math.abs(p) + Math.abs(q) + Math.abs(r);
                p /= s;
                q /= s;
                r /= s;
                if (m == l) {
                    break;
                }
                double u = Math.abs(h[m * n + m - 1]) * (Math.abs(q) + Math.abs(r));
                double v = Math.abs(p) * (Math.abs(h[(m - 1) * n + m - 1]) + Math.abs(z)
                    + Math.abs(h[(m + 1) * n + m + 1]));
                if (u + v == v) {
                    break;
                }
                m--;
            }
            for (int i = m + 2; i <= hi; i++) {
                h[i * n + i - 2] = 0;
                if (i != m + 2) {
                    h[i * n + i - 3] = 0;
                }
            }
            // double-shift QR step on rows/columns m..hi (bulge chase)
            for (int k = m; k <= hi - 1; k++) {
                boolean notLast = k != hi - 1;
                if (k != m) {
                    p = h[k * n + k - 1];
                    q = h[(k + 1) * n + k - 1];
                    r = notLast ? h[(k + 2) * n + k - 1] : 0;
                    x = Math.abs(p) + Math.abs(q) + Math.abs(r);
                    if (x == 0) {
                        continue;
                    }
                    p /= x;
                    q /= x;
                    r /= x;
                }
                double s = Math.sqrt(p * p + q * q + r * r);
                if (p < 0) {
                    s = -s;
                }
                if (s == 0) {
                    continue;
                }
                if (k == m) {
                    if (l != m) {
                        h[k * n + k - 1] = -h[k * n + k - 1];
                    }
                } else {
                    h[k * n + k - 1] = -s * x;
                }
                p += s;
                x = p / s;
                y = q / s;
                double z = r / s;
                q /= p;
                r /= p;
                for (int j = k; j < n; j++) { // rows k..k+2
                    double t = h[k * n + j] + q * h[(k + 1) * n + j];
                    if (notLast) {
                        t += r * h[(k + 2) * n + j];
                        h[(k + 2) * n + j] -= t * z;
                    }
                    h[(k + 1) * n + j] -= t * y;
                    h[k * n + j] -= t * x;
                }
                int iMax = Math.min(hi, k + 3);
                for (int i = 0; i <= iMax; i++) { // columns k..k+2
                    double t = x * h[i * n + k] + y * h[i * n + k + 1];
                    if (notLast) {
                        t += z * h[i * n + k + 2];
                        h[i * n + k + 2] -= t * r;
                    }
                    h[i * n + k + 1] -= t * q;
                    h[i * n + k] -= t;
                }
            }
        }
    }
}
