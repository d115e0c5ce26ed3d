package org.radspark.features;

import java.util.Arrays;

/**
 * Neighbour offsets at given Chebyshev (infinity-norm) distances, both directions; pyradiomics cmatrices
 * get_angle_count/build_angles semantics (offsets reaching beyond the grid size and, with force2D, offsets along the
 * out-of-plane axis are dropped).
 *
 * <p>pyradiomics numbers its array axes (z, y, x), so {@code force2Ddimension} 0 means "no movement along k",
 * 1 along j and 2 along i.
 */
final class InfinityNormOffsets {
    /** Number of offsets. */
    final int count;
    /** Offset along i, j, k for each entry. */
    final int[] di, dj, dk;
    /** Largest absolute offset along i, j and k (0 when the axis is never moved along). */
    final int reachI, reachJ, reachK;

    private InfinityNormOffsets(int[] di, int[] dj, int[] dk) {
        this.count = di.length;
        this.di = di;
        this.dj = dj;
        this.dk = dk;
        int ri = 0, rj = 0, rk = 0;
        for (int a = 0; a < count; a++) {
            ri = Math.max(ri, Math.abs(di[a]));
            rj = Math.max(rj, Math.abs(dj[a]));
            rk = Math.max(rk, Math.abs(dk[a]));
        }
        this.reachI = ri;
        this.reachJ = rj;
        this.reachK = rk;
    }

    static InfinityNormOffsets of(int nx, int ny, int nz, int[] distances, boolean force2D, int force2Ddimension) {
        if (distances == null || distances.length == 0) {
            throw new IllegalArgumentException("No neighbour distances configured");
        }
        int maxDist = 0;
        for (int d : distances) {
            if (d < 1) {
                throw new IllegalArgumentException("Neighbour distances must be >= 1, got " + d);
            }
            maxDist = Math.max(maxDist, d);
        }
        int fixedAxis = force2D ? force2Ddimension : -1;
        int side = 2 * maxDist + 1;
        int[] bi = new int[side * side * side];
        int[] bj = new int[bi.length];
        int[] bk = new int[bi.length];
        int n = 0;
        for (int ok = -maxDist; ok <= maxDist; ok++) {
            if (!allowed(ok, nz, fixedAxis == 0)) {
                continue;
            }
            for (int oj = -maxDist; oj <= maxDist; oj++) {
                if (!allowed(oj, ny, fixedAxis == 1)) {
                    continue;
                }
                for (int oi = -maxDist; oi <= maxDist; oi++) {
                    if (!allowed(oi, nx, fixedAxis == 2)) {
                        continue;
                    }
                    int norm = Math.max(Math.abs(oi), Math.max(Math.abs(oj), Math.abs(ok)));
                    if (norm == 0 || !contains(distances, norm)) {
                        continue;
                    }
                    bi[n] = oi;
                    bj[n] = oj;
                    bk[n] = ok;
                    n++;
                }
            }
        }
        int[] di = Arrays.copyOf(bi, n);
        int[] dj = Arrays.copyOf(bj, n);
        int[] dk = Arrays.copyOf(bk, n);
        return new InfinityNormOffsets(di, dj, dk);
    }

    private static boolean allowed(int offset, int size, boolean fixed) {
        if (fixed && offset != 0) {
            return false;
        }
        return offset < size && offset > -size;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
