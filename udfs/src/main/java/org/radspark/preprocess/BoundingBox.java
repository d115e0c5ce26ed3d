package org.radspark.preprocess;

import java.util.Arrays;
import org.radspark.image.Geometry;

/** Inclusive index bounds [lower, upper] per axis (i, j, k) of a label in a mask. */
public record BoundingBox(int[] lower, int[] upper) {

    public int size(int axis) {
        return upper[axis] - lower[axis] + 1;
    }

    /** Number of axes along which the box is more than one voxel wide. */
    public int dimensions() {
        int n = 0;
        for (int a = 0; a < 3; a++) {
            if (size(a) > 1) {
                n++;
            }
        }
        return n;
    }

    /** This box grown by {@code pad} voxels on every side, clipped to the grid. */
    public BoundingBox padded(int pad, Geometry grid) {
        int[] size = grid.size();
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int a = 0; a < 3; a++) {
            lo[a] = Math.max(lower[a] - pad, 0);
            hi[a] = Math.min(upper[a] + pad, size[a] - 1);
        }
        return new BoundingBox(lo, hi);
    }

    /** pyradiomics' notation (L_x, U_x, L_y, U_y, L_z, U_z) as shown in diagnostics. */
    public int[] asLowerUpperPairs() {
        return new int[] {lower[0], upper[0], lower[1], upper[1], lower[2], upper[2]};
    }

    @Override
    public String toString() {
        return "BoundingBox" + Arrays.toString(lower) + "-" + Arrays.toString(upper);
    }
}
