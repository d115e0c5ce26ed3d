package org.radspark.ibsi2;

import java.util.Locale;

/**
 * Orthogonal wavelet filter banks for the separable wavelet filter. The scaling (reconstruction
 * low-pass) coefficients come from their closed forms, normalised to sum sqrt(2):
 * <ul>
 * <li>Haar: (1, 1) / sqrt(2);</li>
 * <li>db2: (1+sqrt3, 3+sqrt3, 3-sqrt3, 1-sqrt3) / (4 sqrt2) (Daubechies 1988);</li>
 * <li>db3: with q = sqrt(5 + 2 sqrt10): (1+sqrt10+q, 5+sqrt10+3q, 10-2sqrt10+2q, 10-2sqrt10-2q,
 *     5+sqrt10-3q, 1+sqrt10-q) / (16 sqrt2) (Daubechies 1988);</li>
 * <li>coif1: sqrt2/32 (1-sqrt7, 5+sqrt7, 14+2sqrt7, 14-2sqrt7, 1-sqrt7, -3+sqrt7) (Daubechies 1993).</li>
 * </ul>
 * The decomposition filters follow the PyWavelets convention, which the IBSI-2 reference maps use:
 * low-pass = reversed scaling filter; high-pass[k] = (-1)^(k+1) * scaling[k].
 */
public enum WaveletFamily {
    HAAR, DB2, DB3, COIF1;

    public static WaveletFamily parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "haar":
            case "db1":
                return HAAR;
            case "db2":
                return DB2;
            case "db3":
                return DB3;
            case "coif1":
                return COIF1;
            default:
                throw new IllegalArgumentException("unknown wavelet '" + name + "' (expected haar, db2, db3 or coif1)");
        }
    }

    /** Scaling (reconstruction low-pass) filter. */
    public double[] scaling() {
        double r2 = Math.sqrt(2);
        switch (this) {
            case HAAR:
                return new double[] {1 / r2, 1 / r2};
            case DB2: {
                double r3 = Math.sqrt(3), d = 4 * r2;
                return new double[] {(1 + r3) / d, (3 + r3) / d, (3 - r3) / d, (1 - r3) / d};
            }
            case DB3: {
                double r10 = Math.sqrt(10), q = Math.sqrt(5 + 2 * r10), d = 16 * r2;
                return new double[] {(1 + r10 + q) / d, (5 + r10 + 3 * q) / d, (10 - 2 * r10 + 2 * q) / d,
                    (10 - 2 * r10 - 2 * q) / d, (5 + r10 - 3 * q) / d, (1 + r10 - q) / d};
            }
            default: {
                double r7 = Math.sqrt(7), m = r2 / 32;
                return new double[] {m * (1 - r7), m * (5 + r7), m * (14 + 2 * r7), m * (14 - 2 * r7),
                    m * (1 - r7), m * (-3 + r7)};
            }
        }
    }

    /** Decomposition low-pass filter. */
    public double[] lowPass() {
        double[] s = scaling();
        double[] lo = new double[s.length];
        for (int k = 0; k < s.length; k++) {
            lo[k] = s[s.length - 1 - k];
        }
        return lo;
    }

    /** Decomposition high-pass filter. */
    public double[] highPass() {
        double[] s = scaling();
        double[] hi = new double[s.length];
        for (int k = 0; k < s.length; k++) {
            hi[k] = (k % 2 == 0 ? -1 : 1) * s[k];
        }
        return hi;
    }
}
