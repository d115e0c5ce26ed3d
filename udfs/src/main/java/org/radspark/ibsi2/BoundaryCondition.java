package org.radspark.ibsi2;

import java.util.Locale;

/**
 * How a convolution reads voxels outside the image (IBSI-2 reference manual, section on boundary
 * conditions): zero padding, nearest value, periodic (wrap) and mirror (symmetric: the edge voxel is
 * repeated, ... c b a | a b c ...).
 */
public enum BoundaryCondition {
    ZERO, NEAREST, PERIODIC, MIRROR;

    /**
     * Index inside [0, n) that position {@code p} reads, or -1 when the value is zero (zero padding only).
     */
    public int map(int p, int n) {
        if (p >= 0 && p < n) {
            return p;
        }
        switch (this) {
            case ZERO:
                return -1;
            case NEAREST:
                return p < 0 ? 0 : n - 1;
            case PERIODIC:
                return Math.floorMod(p, n);
            default: {
                int q = Math.floorMod(p, 2 * n);
                return q < n ? q : 2 * n - 1 - q;
            }
        }
    }

    /** Parses the manual's names and the scipy/MIRP aliases (constant, wrap, reflect, symmetric). */
    public static BoundaryCondition parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "zero":
            case "constant":
            case "zero_padding":
                return ZERO;
            case "nearest":
            case "edge":
                return NEAREST;
            case "periodic":
            case "wrap":
                return PERIODIC;
            case "mirror":
            case "reflect":
            case "symmetric":
                return MIRROR;
            default:
                throw new IllegalArgumentException("unknown boundary condition '" + name
                    + "' (expected zero, nearest, periodic or mirror)");
        }
    }
}
