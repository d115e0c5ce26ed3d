package org.radspark.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.PixelType;
import org.radspark.params.ExtractionSettings;
import org.radspark.preprocess.BoundingBox;
import org.radspark.preprocess.Cropper;

/**
 * The filters that compute only a bounding box's part of the image (applyCropped) give bitwise the
 * values of the whole-image filter cropped to the box, for boxes inside the image, touching one or both
 * ends of an axis, within a wavelet's reach of an end, one voxel wide, and the whole image; on odd-sized
 * random volumes (the wavelet's wrap padding), float32 input (pywt's single-precision path) and brain1.
 * The rewritten whole-image LoG is also compared with the former implementation (nine whole-volume
 * passes with double buffers), kept here as the reference.
 */
class CroppedFilterExactnessTest {
    private static final int RANDOM_BOXES = 12;

    /** CT-like values: int16 noise with negative, zero and large positive voxels; odd sizes on two axes. */
    static Image randomVolume(int nx, int ny, int nz, long seed, PixelType type) {
        Geometry g = new Geometry(nx, ny, nz, new double[] {0.8, 0.95, 1.7}, new double[] {-12.5, 30, 7},
            Geometry.identityDirection());
        Random r = new Random(seed);
        double[] v = new double[nx * ny * nz];
        for (int i = 0; i < v.length; i++) {
            double x = Math.round(-1000 + 2500 * r.nextDouble() * r.nextDouble());
            v[i] = type == PixelType.FLOAT32 ? (float) (x / 7.0) : x;
        }
        v[r.nextInt(v.length)] = 0;
        return new Image(g, v, type);
    }

    static List<BoundingBox> boxes(Geometry g, long seed) {
        int[] n = g.size();
        List<BoundingBox> out = new ArrayList<>();
        out.add(BoundingBox.of(g));
        out.add(box(n[0] / 3, n[0] / 2, n[1] / 3, n[1] / 2, n[2] / 3, n[2] / 2));
        out.add(box(0, 5, 0, 4, 0, 3));
        out.add(box(n[0] - 6, n[0] - 1, n[1] - 5, n[1] - 1, n[2] - 4, n[2] - 1));
        out.add(box(0, 7, n[1] / 3, n[1] / 2, n[2] - 3, n[2] - 1));
        out.add(box(0, n[0] - 1, 3, 6, 1, 2));
        out.add(box(2, 4, n[1] - 4, n[1] - 3, n[2] / 2, n[2] / 2));
        out.add(box(n[0] / 2, n[0] / 2, n[1] / 2, n[1] / 2, n[2] / 2, n[2] / 2));
        Random r = new Random(seed);
        for (int b = 0; b < RANDOM_BOXES; b++) {
            int[] lo = new int[3], hi = new int[3];
            for (int a = 0; a < 3; a++) {
                int p = r.nextInt(n[a]), q = r.nextInt(n[a]);
                lo[a] = Math.min(p, q);
                hi[a] = Math.max(p, q);
            }
            out.add(new BoundingBox(lo, hi));
        }
        return out;
    }

    private static BoundingBox box(int x0, int x1, int y0, int y1, int z0, int z1) {
        return new BoundingBox(new int[] {x0, y0, z0}, new int[] {x1, y1, z1});
    }

    /** applyCropped on every box equals the whole-image result cropped, bit for bit, with names and types. */
    static void assertCroppedEqualsWhole(ImageFilter filter, Image image, ExtractionSettings s, List<BoundingBox> boxes) {
        List<DerivedImage> whole = filter.apply(image, null, s);
        assertTrue(!whole.isEmpty(), filter.imageType());
        for (BoundingBox box : boxes) {
            List<DerivedImage> cropped = filter.applyCropped(image, null, s, box);
            assertEquals(whole.size(), cropped.size(), filter.imageType() + " " + box);
            for (int d = 0; d < whole.size(); d++) {
                Image expected = Cropper.crop(whole.get(d).image(), box);
                Image actual = cropped.get(d).image();
                String what = filter.imageType() + " " + whole.get(d).name() + " " + box;
                assertEquals(whole.get(d).name(), cropped.get(d).name(), what);
                assertEquals(expected.pixelType(), actual.pixelType(), what);
                assertArrayEquals(expected.geometry().size(), actual.geometry().size(), what);
                assertArrayEquals(expected.geometry().origin(), actual.geometry().origin(), 0.0, what);
                assertBitwiseEqual(expected.voxels(), actual.voxels(), what);
            }
        }
    }

    static void assertBitwiseEqual(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                throw new AssertionError(what + ": voxel " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    private static ExtractionSettings settings(Consumer<ExtractionSettings> edit) {
        ExtractionSettings s = new ExtractionSettings();
        edit.accept(s);
        return s;
    }

    @Test
    void waveletBoxesEqualWholeImage() {
        Image img = randomVolume(41, 38, 27, 1, PixelType.INT16);
        List<BoundingBox> boxes = boxes(img.geometry(), 2);
        WaveletImage w = new WaveletImage();
        assertCroppedEqualsWhole(w, img, settings(s -> { }), boxes);
        assertCroppedEqualsWhole(w, img, settings(s -> { s.wavelet = "haar"; s.level = 2; }), boxes);
        assertCroppedEqualsWhole(w, img, settings(s -> { s.wavelet = "db3"; s.start_level = 1; }), boxes);
        assertCroppedEqualsWhole(w, img, settings(s -> { s.force2D = true; s.force2Ddimension = 0; }), boxes);
        Image single = randomVolume(39, 42, 25, 3, PixelType.FLOAT32);
        assertCroppedEqualsWhole(w, single, settings(s -> { }), boxes(single.geometry(), 4));
    }

    @Test
    void logBoxesEqualWholeImageAndFormerImplementation() {
        Image img = randomVolume(41, 38, 27, 5, PixelType.INT16);
        ExtractionSettings s = settings(x -> {
            x.sigma = new double[] {1.0, 2.5};
            x.sigmaText = new String[] {"1.0", "2.5"};
        });
        assertCroppedEqualsWhole(new LoGImage(), img, s, boxes(img.geometry(), 6));
        for (double sigma : s.sigma) {
            assertBitwiseEqual(formerLaplacian(img, sigma), LoGImage.laplacian(img, sigma), "sigma " + sigma);
        }
        Image brain1 = FilterReference.brain1();
        assertBitwiseEqual(formerLaplacian(brain1, 2.0), LoGImage.laplacian(brain1, 2.0), "brain1 sigma 2");
    }

    @Test
    void logMarginCropOfLargeImagesChangesAtMostOneFloatUlp() {
        // the path images above the crop threshold take, forced here on a smaller volume (threshold 0)
        Image img = randomVolume(90, 90, 60, 11, PixelType.INT16);
        BoundingBox box = box(35, 54, 35, 54, 20, 39);
        for (double sigma : new double[] {1.0, 1.5}) {
            double[] exact = LoGImage.laplacian(img, sigma, box);
            double[] cut = LoGImage.laplacian(img, sigma, box, 0);
            int differing = 0;
            for (int i = 0; i < exact.length; i++) {
                if (exact[i] != cut[i]) {
                    differing++;
                    assertTrue(Math.abs(exact[i] - cut[i]) <= Math.ulp((float) exact[i]),
                        "sigma " + sigma + " voxel " + i + ": " + exact[i] + " vs " + cut[i]);
                }
            }
            assertTrue(differing <= exact.length / 1000, "sigma " + sigma + ": " + differing + " voxels differ");
        }
    }

    @Test
    void gradientAndPointFilterBoxesEqualWholeImage() {
        Image img = randomVolume(41, 38, 27, 7, PixelType.INT16);
        List<BoundingBox> boxes = boxes(img.geometry(), 8);
        for (ImageFilter f : new ImageFilter[] {new GradientImage(), new SquareImage(), new SquareRootImage(),
            new LogarithmImage(), new ExponentialImage()}) {
            assertCroppedEqualsWhole(f, img, settings(s -> { }), boxes);
        }
        assertCroppedEqualsWhole(new GradientImage(), img, settings(s -> s.gradientUseSpacing = false), boxes);
    }

    @Test
    void brain1BoxesEqualWholeImage() {
        Image img = FilterReference.brain1();
        List<BoundingBox> boxes = List.of(Cropper.boundingBox(FilterReference.brain1Mask(), 1),
            box(0, 20, 100, 140, 0, img.geometry().nz() - 1));
        ExtractionSettings log = settings(x -> {
            x.sigma = new double[] {1.0, 3.0};
            x.sigmaText = new String[] {"1.0", "3.0"};
        });
        assertCroppedEqualsWhole(new LoGImage(), img, log, boxes);
        for (ImageFilter f : new ImageFilter[] {new WaveletImage(), new GradientImage(), new SquareImage(),
            new SquareRootImage(), new LogarithmImage(), new ExponentialImage()}) {
            assertCroppedEqualsWhole(f, img, settings(s -> { }), boxes);
        }
    }

    @Test
    void logarithmScaleEqualsTheTransformedImagesMaximum() {
        // the scale uses log(max|x| + 1) in place of max|g(x)| over the whole image; check the identity directly
        Image img = randomVolume(41, 38, 27, 9, PixelType.INT16);
        double[] in = img.voxels();
        double[] g = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            double x = in[i];
            g[i] = x > 0 ? Math.log(x + 1) : x < 0 ? -Math.log(-(x - 1)) : x;
        }
        double scale = PointFilters.maxAbs(in) / PointFilters.maxAbs(g);
        double[] expected = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            expected[i] = g[i] * scale;
        }
        assertBitwiseEqual(expected, new LogarithmImage().apply(img, null, new ExtractionSettings()).get(0).image().voxels(),
            "logarithm");
    }

    /** The whole-image LoG as implemented before box cropping: three whole-volume passes per axis term. */
    private static double[] formerLaplacian(Image image, double sigma) {
        Geometry g = image.geometry();
        double[] in = image.voxels();
        double[] sum = new double[in.length];
        double[] term = new double[in.length];
        int maxLen = Math.max(g.nx(), Math.max(g.ny(), g.nz()));
        double[][] buffers = {new double[maxLen], new double[maxLen], new double[maxLen]};
        for (int dim = 0; dim < 3; dim++) {
            formerPass(in, term, g, dim, new RecursiveGaussian(sigma, g.spacing(dim), 2, true), buffers);
            for (int other = 0; other < 3; other++) {
                if (other != dim) {
                    formerPass(term, term, g, other, new RecursiveGaussian(sigma, g.spacing(other), 0, true), buffers);
                }
            }
            double inverse = 1.0 / (g.spacing(dim) * g.spacing(dim));
            for (int p = 0; p < sum.length; p++) {
                sum[p] = (float) (sum[p] + term[p] * inverse);
            }
        }
        return sum;
    }

    private static void formerPass(double[] src, double[] dst, Geometry g, int axis, RecursiveGaussian filter,
                                   double[][] buf) {
        int[] n = g.size();
        int stride = axis == 0 ? 1 : axis == 1 ? n[0] : n[0] * n[1];
        int len = n[axis];
        int a = axis == 0 ? 1 : 0, b = axis == 2 ? 1 : 2;
        int strideA = a == 0 ? 1 : n[0], strideB = b == 1 ? n[0] : n[0] * n[1];
        for (int ib = 0; ib < n[b]; ib++) {
            for (int ia = 0; ia < n[a]; ia++) {
                int start = ia * strideA + ib * strideB;
                for (int t = 0, p = start; t < len; t++, p += stride) {
                    buf[0][t] = src[p];
                }
                filter.filterLine(buf[0], buf[1], buf[2], len);
                for (int t = 0, p = start; t < len; t++, p += stride) {
                    dst[p] = (float) buf[1][t];
                }
            }
        }
    }
}
