package org.radspark.preprocess;

import org.radspark.image.PixelType;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;

class ResamplerTest {

    private static Mask boxMask(Geometry g, int[] lower, int[] size, int label) {
        int[] labels = new int[(int) g.voxelCount()];
        for (int k = lower[2]; k < lower[2] + size[2]; k++) {
            for (int j = lower[1]; j < lower[1] + size[1]; j++) {
                for (int i = lower[0]; i < lower[0] + size[0]; i++) {
                    labels[g.index(i, j, k)] = label;
                }
            }
        }
        return new Mask(g, labels);
    }

    private static Image rampImage(Geometry g, double offset) {
        double[] v = new double[(int) g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    v[g.index(i, j, k)] = i + offset;
                }
            }
        }
        return new Image(g, v);
    }

    @Test
    void gridFollowsPyradiomicsFormulas() {
        // Image/mask 20x20x10, spacing (1, 1, 3), origin (10, -20, 5), y axis flipped. Label box
        // L = (5, 6, 3), S = (4, 5, 2); target spacing 2 mm, padDistance 1. ratio = (0.5, 0.5, 1.5).
        //   i: lower = floor((5 - .5) * .5 - 1) = floor(1.25) = 1, upper = ceil((9 - .5) * .5 + 1) = ceil(5.25) = 6,
        //      max upper = ceil(20 * .5) - 1 = 9                                    -> size 6
        //   j: lower = floor(5.5 * .5 - 1) = 1, upper = ceil(10.5 * .5 + 1) = ceil(6.25) = 7      -> size 7
        //   k: lower = floor(2.5 * 1.5 - 1) = floor(2.75) = 2, upper = ceil(4.5 * 1.5 + 1) = ceil(7.75) = 8,
        //      max upper = ceil(10 * 1.5) - 1 = 14                                  -> size 7
        // origin index = .5 * (2 - s) / s + lower / ratio = (0.5 + 2, 0.5 + 2, -1/6 + 4/3) = (2.5, 2.5, 7/6)
        // origin = (10 + 2.5, -20 - 2.5, 5 + 3 * 7/6) = (12.5, -22.5, 8.5)
        double[] dir = {1, 0, 0, 0, -1, 0, 0, 0, 1};
        Geometry g = new Geometry(20, 20, 10, new double[] {1, 1, 3}, new double[] {10, -20, 5}, dir);
        Mask mask = boxMask(g, new int[] {5, 6, 3}, new int[] {4, 5, 2}, 1);
        Resampler.Resampled r = Resampler.resample(rampImage(g, 0), mask, new double[] {2, 2, 2}, "sitkBSpline",
            1, 1, PixelType.FLOAT64);
        Geometry out = r.image().geometry();
        assertArrayEquals(new int[] {6, 7, 7}, out.size());
        assertArrayEquals(new double[] {2, 2, 2}, out.spacing(), 0);
        assertArrayEquals(new double[] {12.5, -22.5, 8.5}, out.origin(), 1e-12);
        assertArrayEquals(dir, out.direction(), 0);
        assertEquals(out, r.mask().geometry());
    }

    @Test
    void clipsToTheImageKeepsZeroAndSingleSliceSpacingAndCasts() {
        // 4x4x3 image, spacing 1, identity; label box L = (0, 0, 0), S = (2, 2, 1). Target (0.5, 0, 2):
        // y has 0 -> keeps 1; z spans one slice -> keeps 1. Only i is resampled (ratio 2):
        //   i: lower = floor(-.5 * 2 - 5) = -6 -> 0; upper = ceil(1.5 * 2 + 5) = 8 -> max ceil(8) - 1 = 7: size 8
        //   j: lower -> 0; upper = ceil(1.5 + 5) = 7 -> max 3: size 4;  k: lower -> 0; upper 6 -> max 2: size 3
        // origin index i = .5 * (.5 - 1) / 1 + 0 = -0.25.
        Geometry g = new Geometry(4, 4, 3, new double[] {1, 1, 1}, new double[] {0, 0, 0},
            Geometry.identityDirection());
        Mask mask = boxMask(g, new int[] {0, 0, 0}, new int[] {2, 2, 1}, 2);
        Image image = rampImage(g, -2); // value i - 2
        Resampler.Resampled r = Resampler.resample(image, mask, new double[] {0.5, 0, 2}, "sitkLinear", 2, 5,
            PixelType.FLOAT64);
        Geometry out = r.image().geometry();
        assertArrayEquals(new int[] {8, 4, 3}, out.size());
        assertArrayEquals(new double[] {0.5, 1, 1}, out.spacing(), 0);
        assertArrayEquals(new double[] {-0.25, 0, 0}, out.origin(), 0);
        // samples at i = -0.25 + 0.5 a: the ends take the edge values (linear clamps), interior is exact
        double[] expected = {-2, -1.75, -1.25, -0.75, -0.25, 0.25, 0.75, 1};
        for (int a = 0; a < 8; a++) {
            assertEquals(expected[a], r.image().get(a, 1, 2), 0, "i " + a);
        }
        // stored as int16: truncation toward zero
        Resampler.Resampled t = Resampler.resample(image, mask, new double[] {0.5, 0, 2}, "sitkLinear", 2, 5,
            PixelType.INT16);
        double[] truncated = {-2, -1, -1, 0, 0, 0, 0, 1};
        for (int a = 0; a < 8; a++) {
            assertEquals(truncated[a], t.image().get(a, 3, 0), 0, "i " + a);
        }
        // mask by nearest neighbour: i = -0.25 + 0.5 a rounds to 0 for a = 0, 1; to 1 for a = 2, 3
        assertEquals(2 * 2 * 2, r.mask().count(2));
        assertEquals(2, r.mask().get(3, 1, 0));
        assertEquals(0, r.mask().get(4, 1, 0));
    }

    @Test
    void sameSpacingOnlyCropsWithPadding() {
        Geometry g = new Geometry(12, 10, 8, new double[] {0.5, 0.5, 2}, new double[] {1, 2, 3},
            Geometry.identityDirection());
        Mask mask = boxMask(g, new int[] {1, 4, 3}, new int[] {3, 2, 2}, 1);
        Image image = rampImage(g, 100);
        Resampler.Resampled r = Resampler.resample(image, mask, new double[] {0.5, 0.5, 2}, "sitkBSpline", 1, 2,
            PixelType.INT16);
        // i: [max(1-2,0), min(3+2, 11)] = [0, 5]; j: [2, 7]; k: [1, 6]
        assertArrayEquals(new int[] {6, 6, 6}, r.image().geometry().size());
        assertArrayEquals(new double[] {1, 3, 5}, r.image().geometry().origin(), 0);
        assertEquals(105, r.image().get(5, 0, 0), 0);
        assertEquals(3 * 2 * 2, r.mask().count(1));
        assertEquals(1, r.mask().get(1, 2, 2));
    }

    @Test
    void bsplineOfAConstantStaysConstantInsideAndDefaultsOutside() {
        // 9x8x7 at spacing 1 -> 0.7, pad 10 (clipped): sizes ceil(n / 0.7) = 13, 12, 10, origin index
        // .5 * (.7 - 1) = -0.15 on each axis. The last j sample sits at -0.15 + 11 * 0.7 = 7.55 >= 8 - 0.5,
        // outside ITK's buffer, so pyradiomics' grid gets a slab of default (0) voxels there.
        Geometry g = new Geometry(9, 8, 7, new double[] {1, 1, 1}, new double[] {0, 0, 0},
            Geometry.identityDirection());
        double[] v = new double[(int) g.voxelCount()];
        java.util.Arrays.fill(v, 42.0);
        Mask mask = boxMask(g, new int[] {2, 2, 2}, new int[] {4, 4, 3}, 1);
        Resampler.Resampled r = Resampler.resample(new Image(g, v), mask, new double[] {0.7, 0.7, 0.7},
            InterpolatorType.BSPLINE, 1, 10, PixelType.FLOAT64);
        Geometry out = r.image().geometry();
        assertArrayEquals(new int[] {13, 12, 10}, out.size());
        for (int k = 0; k < out.nz(); k++) {
            for (int j = 0; j < out.ny(); j++) {
                for (int i = 0; i < out.nx(); i++) {
                    assertEquals(j == 11 ? 0.0 : 42.0, r.image().get(i, j, k), 1e-12, i + "," + j + "," + k);
                }
            }
        }
    }

    @Test
    void rejectsMissingLabelAndUnsupportedInterpolator() {
        Geometry g = new Geometry(4, 4, 4, new double[] {1, 1, 1}, new double[] {0, 0, 0},
            Geometry.identityDirection());
        Mask mask = boxMask(g, new int[] {1, 1, 1}, new int[] {2, 2, 2}, 1);
        Image image = rampImage(g, 0);
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(image, mask, new double[] {2, 2, 2},
            "sitkBSpline", 3, 5, PixelType.INT16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resampler.resample(image,
            mask, new double[] {2, 2, 2}, "sitkGaussian", 1, 5, PixelType.INT16));
        assertEquals("interpolator 'sitkGaussian' is not supported; use sitkNearestNeighbor, sitkLinear or"
            + " sitkBSpline", e.getMessage());
    }
}
