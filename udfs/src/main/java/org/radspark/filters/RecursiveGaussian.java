package org.radspark.filters;

/**
 * One axis of ITK's recursive Gaussian (itkRecursiveGaussianImageFilter / RecursiveSeparableImageFilter):
 * Deriche's 4th-order causal + anti-causal recursion approximating convolution with a Gaussian (order 0)
 * or its second derivative (order 2), in index units with sigma/spacing voxels, with the edge value
 * assumed to extend to infinity on both sides. Coefficients are those of the ITK sources; an instance is
 * immutable and its {@link #filterLine} works on caller-provided buffers.
 */
final class RecursiveGaussian {
    // Deriche's fitted exponential-series parameters (ITK RecursiveGaussianImageFilter::SetUp)
    private static final double A1_0 = 1.3530, B1_0 = 1.8151, A2_0 = -0.3531, B2_0 = 0.0902;
    private static final double A1_2 = -1.3563, B1_2 = 5.2318, A2_2 = 0.3446, B2_2 = -2.2355;
    private static final double W1 = 0.6681, L1 = -1.3932, W2 = 2.0787, L2 = -1.3732;

    private double n0, n1, n2, n3;
    private double d1, d2, d3, d4;
    private double m1, m2, m3, m4;
    private double bn1, bn2, bn3, bn4;
    private double bm1, bm2, bm3, bm4;

    /**
     * @param order 0 (smoothing) or 2 (second derivative)
     * @param normalizeAcrossScale multiply the second derivative by sigma^2 (ITK's NormalizeAcrossScale)
     */
    RecursiveGaussian(double sigma, double spacing, int order, boolean normalizeAcrossScale) {
        double sigmad = sigma / Math.abs(spacing);
        double cos1 = Math.cos(W1 / sigmad), cos2 = Math.cos(W2 / sigmad);
        double exp1 = Math.exp(L1 / sigmad), exp2 = Math.exp(L2 / sigmad);
        d4 = exp1 * exp1 * exp2 * exp2;
        d3 = -2 * cos1 * exp1 * exp2 * exp2;
        d3 += -2 * cos2 * exp2 * exp1 * exp1;
        d2 = 4 * cos2 * cos1 * exp1 * exp2;
        d2 += exp1 * exp1 + exp2 * exp2;
        d1 = -2 * (exp2 * cos2 + exp1 * cos1);
        double sd = 1.0 + d1 + d2 + d3 + d4;
        double dd = d1 + 2 * d2 + 3 * d3 + 4 * d4;
        double ed = d1 + 4 * d2 + 9 * d3 + 16 * d4;
        double[] c0 = numerator(sigmad, A1_0, B1_0, A2_0, B2_0);
        if (order == 0) {
            double alpha0 = 2 * c0[4] / sd - c0[0];
            n0 = c0[0] * (1.0 / alpha0);
            n1 = c0[1] * (1.0 / alpha0);
            n2 = c0[2] * (1.0 / alpha0);
            n3 = c0[3] * (1.0 / alpha0);
        } else if (order == 2) {
            double scale = normalizeAcrossScale ? sigma * sigma : 1.0;
            double[] c2 = numerator(sigmad, A1_2, B1_2, A2_2, B2_2);
            double beta = -(2 * c2[4] - sd * c2[0]) / (2 * c0[4] - sd * c0[0]);
            n0 = c2[0] + beta * c0[0];
            n1 = c2[1] + beta * c0[1];
            n2 = c2[2] + beta * c0[2];
            n3 = c2[3] + beta * c0[3];
            double sn = c2[4] + beta * c0[4];
            double dn = c2[5] + beta * c0[5];
            double en = c2[6] + beta * c0[6];
            double alpha2 = en * sd * sd - ed * sn * sd - 2 * dn * dd * sd + 2 * dd * dd * sn;
            alpha2 /= sd * sd * sd;
            n0 *= scale / alpha2;
            n1 *= scale / alpha2;
            n2 *= scale / alpha2;
            n3 *= scale / alpha2;
        } else {
            throw new IllegalArgumentException("order must be 0 or 2, got " + order);
        }
        // both orders are symmetric kernels
        m1 = n1 - d1 * n0;
        m2 = n2 - d2 * n0;
        m3 = n3 - d3 * n0;
        m4 = -d4 * n0;
        double sumN = n0 + n1 + n2 + n3;
        double sumM = m1 + m2 + m3 + m4;
        double sumD = 1.0 + d1 + d2 + d3 + d4;
        bn1 = d1 * sumN / sumD;
        bn2 = d2 * sumN / sumD;
        bn3 = d3 * sumN / sumD;
        bn4 = d4 * sumN / sumD;
        bm1 = d1 * sumM / sumD;
        bm2 = d2 * sumM / sumD;
        bm3 = d3 * sumM / sumD;
        bm4 = d4 * sumM / sumD;
    }

    /** {N0, N1, N2, N3, SN, DN, EN} of one exponential series (ITK ComputeNCoefficients). */
    private static double[] numerator(double sigmad, double a1, double b1, double a2, double b2) {
        double sin1 = Math.sin(W1 / sigmad), sin2 = Math.sin(W2 / sigmad);
        double cos1 = Math.cos(W1 / sigmad), cos2 = Math.cos(W2 / sigmad);
        double exp1 = Math.exp(L1 / sigmad), exp2 = Math.exp(L2 / sigmad);
        double c0 = a1 + a2;
        double c1 = exp2 * (b2 * sin2 - (a2 + 2 * a1) * cos2);
        c1 += exp1 * (b1 * sin1 - (a1 + 2 * a2) * cos1);
        double c2 = (a1 + a2) * cos2 * cos1;
        c2 -= b1 * cos2 * sin1 + b2 * cos1 * sin2;
        c2 *= 2 * exp1 * exp2;
        c2 += a2 * exp1 * exp1 + a1 * exp2 * exp2;
        double c3 = exp2 * exp1 * exp1 * (b2 * sin2 - a2 * cos2);
        c3 += exp1 * exp2 * exp2 * (b1 * sin1 - a1 * cos1);
        return new double[] {c0, c1, c2, c3, c0 + c1 + c2 + c3, c1 + 2 * c2 + 3 * c3, c1 + 4 * c2 + 9 * c3};
    }

    private static double dot(double a1, double b1, double a2, double b2, double a3, double b3, double a4, double b4) {
        return a1 * b1 + a2 * b2 + a3 * b3 + a4 * b4;
    }

    /**
     * Filters {@code data[0..ln)} into {@code out[0..ln)} (ln &gt;= 4) using {@code scratch} (length &gt;= ln)
     * for the anti-causal pass; same operation order as ITK's FilterDataArray.
     */
    void filterLine(double[] data, double[] out, double[] scratch, int ln) {
        double v1 = data[0];
        out[0] = dot(v1, n0, v1, n1, v1, n2, v1, n3);
        out[1] = dot(data[1], n0, v1, n1, v1, n2, v1, n3);
        out[2] = dot(data[2], n0, data[1], n1, v1, n2, v1, n3);
        out[3] = dot(data[3], n0, data[2], n1, data[1], n2, v1, n3);
        out[0] -= dot(v1, bn1, v1, bn2, v1, bn3, v1, bn4);
        out[1] -= dot(out[0], d1, v1, bn2, v1, bn3, v1, bn4);
        out[2] -= dot(out[1], d1, out[0], d2, v1, bn3, v1, bn4);
        out[3] -= dot(out[2], d1, out[1], d2, out[0], d3, v1, bn4);
        for (int i = 4; i < ln; i++) {
            out[i] = dot(data[i], n0, data[i - 1], n1, data[i - 2], n2, data[i - 3], n3);
            out[i] -= dot(out[i - 1], d1, out[i - 2], d2, out[i - 3], d3, out[i - 4], d4);
        }

        double v2 = data[ln - 1];
        double[] s = scratch;
        s[ln - 1] = dot(v2, m1, v2, m2, v2, m3, v2, m4);
        s[ln - 2] = dot(data[ln - 1], m1, v2, m2, v2, m3, v2, m4);
        s[ln - 3] = dot(data[ln - 2], m1, data[ln - 1], m2, v2, m3, v2, m4);
        s[ln - 4] = dot(data[ln - 3], m1, data[ln - 2], m2, data[ln - 1], m3, v2, m4);
        s[ln - 1] -= dot(v2, bm1, v2, bm2, v2, bm3, v2, bm4);
        s[ln - 2] -= dot(s[ln - 1], d1, v2, bm2, v2, bm3, v2, bm4);
        s[ln - 3] -= dot(s[ln - 2], d1, s[ln - 1], d2, v2, bm3, v2, bm4);
        s[ln - 4] -= dot(s[ln - 3], d1, s[ln - 2], d2, s[ln - 1], d3, v2, bm4);
        for (int i = ln - 4; i > 0; i--) {
            s[i - 1] = dot(data[i], m1, data[i + 1], m2, data[i + 2], m3, data[i + 3], m4);
            s[i - 1] -= dot(s[i], d1, s[i + 1], d2, s[i + 2], d3, s[i + 3], d4);
        }
        for (int i = 0; i < ln; i++) {
            out[i] += s[i];
        }
    }

    /**
     * {@link #filterLine} on {@code w} lines at once, stored interleaved: sample t of line c at
     * {@code t * w + c} in {@code data}, {@code out} and {@code scratch} (each of length &gt;= ln w). Every line
     * goes through the same operations in the same order as filterLine, so results are bitwise equal; the
     * lines' independent recursions overlap in the processor instead of waiting on one another.
     */
    void filterLines(double[] data, double[] out, double[] scratch, int ln, int w) {
        int w2 = 2 * w, w3 = 3 * w, w4 = 4 * w;
        for (int c = 0; c < w; c++) {
            double v1 = data[c];
            double o0 = dot(v1, n0, v1, n1, v1, n2, v1, n3);
            double o1 = dot(data[w + c], n0, v1, n1, v1, n2, v1, n3);
            double o2 = dot(data[w2 + c], n0, data[w + c], n1, v1, n2, v1, n3);
            double o3 = dot(data[w3 + c], n0, data[w2 + c], n1, data[w + c], n2, v1, n3);
            o0 -= dot(v1, bn1, v1, bn2, v1, bn3, v1, bn4);
            o1 -= dot(o0, d1, v1, bn2, v1, bn3, v1, bn4);
            o2 -= dot(o1, d1, o0, d2, v1, bn3, v1, bn4);
            o3 -= dot(o2, d1, o1, d2, o0, d3, v1, bn4);
            out[c] = o0;
            out[w + c] = o1;
            out[w2 + c] = o2;
            out[w3 + c] = o3;
        }
        for (int i = 4; i < ln; i++) {
            int o = i * w;
            for (int c = o; c < o + w; c++) {
                double x = dot(data[c], n0, data[c - w], n1, data[c - w2], n2, data[c - w3], n3);
                out[c] = x - dot(out[c - w], d1, out[c - w2], d2, out[c - w3], d3, out[c - w4], d4);
            }
        }

        double[] s = scratch;
        int e1 = (ln - 1) * w, e2 = (ln - 2) * w, e3 = (ln - 3) * w, e4 = (ln - 4) * w;
        for (int c = 0; c < w; c++) {
            double v2 = data[e1 + c];
            double s1 = dot(v2, m1, v2, m2, v2, m3, v2, m4);
            double s2 = dot(data[e1 + c], m1, v2, m2, v2, m3, v2, m4);
            double s3 = dot(data[e2 + c], m1, data[e1 + c], m2, v2, m3, v2, m4);
            double s4 = dot(data[e3 + c], m1, data[e2 + c], m2, data[e1 + c], m3, v2, m4);
            s1 -= dot(v2, bm1, v2, bm2, v2, bm3, v2, bm4);
            s2 -= dot(s1, d1, v2, bm2, v2, bm3, v2, bm4);
            s3 -= dot(s2, d1, s1, d2, v2, bm3, v2, bm4);
            s4 -= dot(s3, d1, s2, d2, s1, d3, v2, bm4);
            s[e1 + c] = s1;
            s[e2 + c] = s2;
            s[e3 + c] = s3;
            s[e4 + c] = s4;
        }
        for (int i = ln - 4; i > 0; i--) {
            int o = (i - 1) * w;
            for (int c = o; c < o + w; c++) {
                double x = dot(data[c + w], m1, data[c + w2], m2, data[c + w3], m3, data[c + w4], m4);
                s[c] = x - dot(s[c + w], d1, s[c + w2], d2, s[c + w3], d3, s[c + w4], d4);
            }
        }
        for (int c = 0, e = ln * w; c < e; c++) {
            out[c] += s[c];
        }
    }
}
