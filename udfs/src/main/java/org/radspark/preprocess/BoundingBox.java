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

    /** The whole grid as a box. */
    public static BoundingBox of(Geometry grid) {
        return new BoundingBox(new int[3], new int[] {grid.nx() - 1, grid.ny() - 1, grid.nz() - 1});
    }

    /** Number of voxels in the box. */
    public long voxelCount() {
        return (long) size(0) * size(1) * size(2);
    }

    /**
     * The box grown by {@code margin[a]} voxels on both sides of each axis a, or the grid's whole extent
     * along an axis where the grown box would reach or pass the grid's first or last index: a filter
     * computed on the result sees, along every axis it keeps whole, exactly the boundary it sees on the
     * whole grid, and along every other axis at least {@code margin[a]} true neighbours on each side.
     */
    public BoundingBox grownOrWhole(int[] margin, Geometry grid) {
        int[] size = grid.size();
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int a = 0; a < 3; a++) {
            lo[a] = lower[a] - margin[a];
            hi[a] = upper[a] + margin[a];
            if (lo[a] <= 0 || hi[a] >= size[a] - 1) {
                lo[a] = 0;
                hi[a] = size[a] - 1;
            }
        }
        return new BoundingBox(lo, hi);
    }

    /** This box's bounds relative to {@code outer}'s lower corner (this box must lie inside {@code outer}). */
    public BoundingBox relativeTo(BoundingBox outer) {
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int a = 0; a < 3; a++) {
            if (lower[a] < outer.lower[a] || upper[a] > outer.upper[a]) {
                throw new IllegalArgumentException(this + " is not inside " + outer);
            }
            lo[a] = lower[a] - outer.lower[a];
            hi[a] = upper[a] - outer.lower[a];
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
