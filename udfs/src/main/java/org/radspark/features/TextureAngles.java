package org.radspark.features;

import java.util.ArrayList;
import java.util.List;

/**
 * Neighbour offsets ("angles") for the texture matrices, enumerated the way pyradiomics' C extension does
 * (cmatrices.c get_angle_count / build_angles semantics): offsets are walked in (z, y, x) order from +maxDistance
 * down to -maxDistance with x changing fastest, offsets that do not fit in the grid or leave the force2D plane are
 * skipped, only offsets whose infinity norm is one of the requested distances are kept, and of each +/- pair only
 * the first encountered (the first half of the valid list) is used.
 */
final class TextureAngles {
    private TextureAngles() {
    }

    /**
     * Returns the angles as {dx, dy, dz} triples (i, j, k order of {@link RoiData}), in pyradiomics' order.
     *
     * @param force2DDimension pyradiomics' force2Ddimension (0 = z/k, 1 = y/j, 2 = x/i), or -1 for 3D
     */
    static int[][] generate(int nx, int ny, int nz, int[] distances, int force2DDimension) {
        int maxDistance = 0;
        for (int d : distances) {
            if (d < 1) {
                throw new IllegalArgumentException("texture distances must be >= 1, got " + d);
            }
            maxDistance = Math.max(maxDistance, d);
        }
        int[] sizeZyx = {nz, ny, nx};
        int span = 2 * maxDistance + 1;
        List<int[]> valid = new ArrayList<>();
        int total = span * span * span;
        int[] off = new int[3];
        for (int idx = 0; idx < total; idx++) {
            off[0] = maxDistance - (idx / (span * span)) % span;
            off[1] = maxDistance - (idx / span) % span;
            off[2] = maxDistance - idx % span;
            int norm = 0;
            boolean ok = true;
            for (int d = 0; d < 3; d++) {
                if ((d == force2DDimension && off[d] != 0) || off[d] >= sizeZyx[d] || off[d] <= -sizeZyx[d]) {
                    ok = false;
                    break;
                }
                norm = Math.max(norm, Math.abs(off[d]));
            }
            if (!ok || norm == 0) {
                continue;
            }
            for (int d : distances) {
                if (d == norm) {
                    valid.add(new int[] {off[2], off[1], off[0]});
                    break;
                }
            }
        }
        // The valid set is symmetric under negation and enumerated in an order that mirrors it, so the first half
        // holds exactly one offset of every +/- pair.
        int half = valid.size() / 2;
        return valid.subList(0, half).toArray(new int[0][]);
    }

    /** pyradiomics' force2Ddimension when force2D is on, else -1. */
    static int planeDimension(RoiData roi) {
        return roi.settings != null && roi.settings.force2D ? roi.settings.force2Ddimension : -1;
    }

    /**
     * Weight of one angle's matrix when weightingNorm merges the angles. {@code norm} is pyradiomics' setting
     * ("manhattan", "euclidean", "infinity"; "no_weighting" and unknown names weigh 1). GLCM uses exp(-d^2),
     * GLRLM uses the distance d itself. Spacing is {@link RoiData#spacing} (i, j, k); sums run in (z, y, x) order.
     */
    static double weight(int[] angle, double[] spacing, String norm, boolean gaussianOfDistance) {
        double x = Math.abs(angle[0]) * spacing[0];
        double y = Math.abs(angle[1]) * spacing[1];
        double z = Math.abs(angle[2]) * spacing[2];
        double squared;
        double plain;
        switch (norm) {
            case "infinity":
                plain = Math.max(Math.max(z, y), x);
                squared = plain * plain;
                break;
            case "euclidean":
                squared = z * z + y * y + x * x;
                plain = Math.sqrt(squared);
                break;
            case "manhattan":
                plain = z + y + x;
                squared = plain * plain;
                break;
            default:
                return 1;
        }
        return gaussianOfDistance ? Math.exp(-squared) : plain;
    }

    /** Mean over the finite-or-infinite (non-NaN) values, NaN when there are none (numpy.nanmean). */
    static double nanMean(double[] values, int count) {
        double sum = 0;
        int n = 0;
        for (int t = 0; t < count; t++) {
            if (!Double.isNaN(values[t])) {
                sum += values[t];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
