package org.radspark.ibsi2;

import java.util.ArrayList;
import java.util.List;

/**
 * Right-angle rotations of a volume, used for rotation invariance as in IBSI-2: rotating the image,
 * filtering and rotating the response back equals filtering with the rotated kernel. In 3D these are the
 * 24 proper rotations of the cube (axis permutations with flips, determinant +1); in 2D the 4 in-plane
 * rotations of the (i, j) plane.
 */
final class Rotations {
    /** Output axis m reads input axis perm[m], reversed when flip[m]. */
    static final class Rotation {
        final int[] perm;
        final boolean[] flip;

        Rotation(int[] perm, boolean[] flip) {
            this.perm = perm;
            this.flip = flip;
        }

        int[] rotatedDims(int[] dims) {
            return new int[] {dims[perm[0]], dims[perm[1]], dims[perm[2]]};
        }

        /** The rotated copy of {@code in}. */
        double[] forward(double[] in, int[] dims) {
            double[] out = new double[in.length];
            copy(in, dims, out, true);
            return out;
        }

        /** Undoes {@link #forward}: {@code rotated} lives on {@link #rotatedDims}. */
        double[] backward(double[] rotated, int[] dims) {
            double[] out = new double[rotated.length];
            copy(rotated, dims, out, false);
            return out;
        }

        private void copy(double[] src, int[] dims, double[] dst, boolean forward) {
            int[] rd = rotatedDims(dims);
            int[] stride = {1, dims[0], dims[0] * dims[1]};
            int s0 = stride[perm[0]], s1 = stride[perm[1]], s2 = stride[perm[2]];
            int o = 0;
            for (int c = 0; c < rd[2]; c++) {
                int ic = flip[2] ? rd[2] - 1 - c : c;
                for (int b = 0; b < rd[1]; b++) {
                    int ib = flip[1] ? rd[1] - 1 - b : b;
                    int partial = ic * s2 + ib * s1;
                    for (int a = 0; a < rd[0]; a++, o++) {
                        int ia = flip[0] ? rd[0] - 1 - a : a;
                        int idx = partial + ia * s0;
                        if (forward) {
                            dst[o] = src[idx];
                        } else {
                            dst[idx] = src[o];
                        }
                    }
                }
            }
        }
    }

    private Rotations() {
    }

    static List<Rotation> of(int dimensions) {
        List<Rotation> out = new ArrayList<>();
        int[][] perms = dimensions == 2
            ? new int[][] {{0, 1, 2}, {1, 0, 2}}
            : new int[][] {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] p : perms) {
            int flips = dimensions == 2 ? 4 : 8;
            for (int f = 0; f < flips; f++) {
                boolean[] flip = {(f & 1) != 0, (f & 2) != 0, (f & 4) != 0};
                if (determinant(p, flip) > 0) {
                    out.add(new Rotation(p, flip));
                }
            }
        }
        return out;
    }

    private static int determinant(int[] p, boolean[] flip) {
        int inversions = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                if (p[i] > p[j]) {
                    inversions++;
                }
            }
        }
        int sign = inversions % 2 == 0 ? 1 : -1;
        for (boolean b : flip) {
            if (b) {
                sign = -sign;
            }
        }
        return sign;
    }

    /** Pools {@code filter} over all rotations of the given dimensionality. */
    static double[] pooled(double[] in, int[] dims, int dimensions, Pooling pooling,
                           java.util.function.BiFunction<double[], int[], double[]> filter) {
        List<Rotation> rotations = of(dimensions);
        double[] acc = pooling.start(in.length);
        for (Rotation r : rotations) {
            double[] response = filter.apply(r.forward(in, dims), r.rotatedDims(dims));
            pooling.add(acc, r.backward(response, dims));
        }
        pooling.finish(acc, rotations.size());
        return acc;
    }
}
