package org.radspark.ibsi2;

import org.radspark.image.Image;

/** Small helpers shared by the IBSI-2 filters. */
final class Volumes {
    private Volumes() {
    }

    static int[] dims(Image image) {
        return image.geometry().size();
    }

    static Image result(Image input, double[] voxels) {
        return new Image(input.geometry(), voxels);
    }

    static void checkDimensions(int dimensions) {
        if (dimensions != 2 && dimensions != 3) {
            throw new IllegalArgumentException("dimensions must be 2 (slice by slice, axial) or 3, got " + dimensions);
        }
    }

    /** Applies the same 1D taps along axes 0 .. dimensions-1. */
    static double[] separable(double[] in, int[] dims, int dimensions, Convolver.Taps taps, BoundaryCondition bc) {
        double[] v = in;
        for (int axis = 0; axis < dimensions; axis++) {
            v = Convolver.along(v, dims, axis, taps, bc);
        }
        return v;
    }
}
