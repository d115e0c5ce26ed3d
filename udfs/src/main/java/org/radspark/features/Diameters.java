package org.radspark.features;

import java.util.Arrays;

/**
 * Largest pairwise vertex distances of a mesh, overall and among vertices sharing one coordinate, as
 * pyradiomics' cshape.c defines them. The search is exact: vertex pairs are skipped only when a bound
 * through the centroid proves they cannot exceed the best squared distance found so far, and every
 * distance that is compared is computed exactly as the all-pairs loop would compute it.
 */
final class Diameters {
    private Diameters() {
    }

    /**
     * @param pts  coordinates, {@code dim} per point
     * @param n    number of points
     * @param dim  2 or 3
     * @param out  receives, for d &lt; dim, the diameter among points with equal coordinate d, and at
     *             index dim the overall diameter (all as distances, not squared)
     */
    static void compute(double[] pts, int n, int dim, double[] out) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        out[dim] = Math.sqrt(maxSquared(pts, dim, all, n));
        if (dim == 3) {
            for (int d = 0; d < dim; d++) {
                out[d] = Math.sqrt(maxSquaredWithinPlanes(pts, n, dim, d));
            }
        }
    }

    /** 3D convenience: out = [same z, same y, same x, overall]. */
    static void compute(double[] pts, int n, double[] out) {
        compute(pts, n, 3, out);
    }

    private static double maxSquaredWithinPlanes(double[] pts, int n, int dim, int d) {
        if (n < 2) {
            return 0;
        }
        double[] keys = new double[n];
        for (int i = 0; i < n; i++) {
            keys[i] = pts[i * dim + d];
        }
        double[] distinct = keys.clone();
        Arrays.sort(distinct);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || distinct[i] != distinct[m - 1]) {
                distinct[m++] = distinct[i];
            }
        }
        int[] group = new int[n];
        int[] start = new int[m + 1];
        for (int i = 0; i < n; i++) {
            group[i] = Arrays.binarySearch(distinct, 0, m, keys[i]);
            start[group[i] + 1]++;
        }
        for (int g = 0; g < m; g++) {
            start[g + 1] += start[g];
        }
        int[] order = new int[n];
        int[] fill = Arrays.copyOf(start, m);
        for (int i = 0; i < n; i++) {
            order[fill[group[i]]++] = i;
        }
        double best = 0;
        for (int g = 0; g < m; g++) {
            int size = start[g + 1] - start[g];
            if (size > 1) {
                int[] members = Arrays.copyOfRange(order, start[g], start[g + 1]);
                best = Math.max(best, maxSquared(pts, dim, members, size));
            }
        }
        return best;
    }

    /** Maximum over pairs of sum over coordinates of (a_d - b_d)^2, summed in coordinate order. */
    static double maxSquared(double[] pts, int dim, int[] members, int count) {
        if (count < 2) {
            return 0;
        }
        // centroid and an upper bound of each point's distance to it
        double[] centre = new double[dim];
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < dim; d++) {
                centre[d] += pts[members[i] * dim + d];
            }
        }
        for (int d = 0; d < dim; d++) {
            centre[d] /= count;
        }
        // sort key: radius rounded up to float precision (monotone bits) in the high word, index below
        long[] keyed = new long[count];
        for (int i = 0; i < count; i++) {
            double r2 = 0;
            for (int d = 0; d < dim; d++) {
                double t = pts[members[i] * dim + d] - centre[d];
                r2 += t * t;
            }
            float r = Math.nextUp((float) (Math.sqrt(r2) * (1 + 1e-9)));
            keyed[i] = ((long) Float.floatToIntBits(r) << 32) | i;
        }
        Arrays.sort(keyed);
        // descending radius; copy coordinates in that order for locality
        double[] c = new double[count * dim];
        double[] radius = new double[count];
        for (int p = 0; p < count; p++) {
            long k = keyed[count - 1 - p];
            int i = (int) (k & 0xffffffffL);
            radius[p] = Float.intBitsToFloat((int) (k >>> 32));
            System.arraycopy(pts, members[i] * dim, c, p * dim, dim);
        }
        double best = 0;
        for (int p = 0; p < count - 1; p++) {
            double ra = radius[p];
            double reach = 2 * ra;
            if (reach * reach * (1 + 1e-9) < best) {
                break;
            }
            int pa = p * dim;
            if (dim == 3) {
                double a0 = c[pa], a1 = c[pa + 1], a2 = c[pa + 2];
                for (int q = p + 1; q < count; q++) {
                    double bound = ra + radius[q];
                    if (bound * bound * (1 + 1e-9) < best) {
                        break;
                    }
                    int qb = q * 3;
                    double d0 = a0 - c[qb], d1 = a1 - c[qb + 1], d2 = a2 - c[qb + 2];
                    double dist = d0 * d0 + d1 * d1 + d2 * d2;
                    if (dist > best) {
                        best = dist;
                    }
                }
            } else {
                double a0 = c[pa], a1 = c[pa + 1];
                for (int q = p + 1; q < count; q++) {
                    double bound = ra + radius[q];
                    if (bound * bound * (1 + 1e-9) < best) {
                        break;
                    }
                    int qb = q * 2;
                    double d0 = a0 - c[qb], d1 = a1 - c[qb + 1];
                    double dist = d0 * d0 + d1 * d1;
                    if (dist > best) {
                        best = dist;
                    }
                }
            }
        }
        return best;
    }
}
