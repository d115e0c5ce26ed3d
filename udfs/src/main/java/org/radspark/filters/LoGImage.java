package org.radspark.filters;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.image.PixelType;
import org.radspark.params.ExtractionSettings;
import org.radspark.preprocess.BoundingBox;

/**
 * Laplacian of Gaussian: sum over axes d of sigma^2 d2/dx_d2 (G_sigma * I), each term a second-order
 * recursive Gaussian along d smoothed by zero-order ones along the other axes (ITK
 * LaplacianRecursiveGaussianImageFilter, NormalizeAcrossScale on, as called by pyradiomics
 * imageoperations.getLoGImage). Intermediate images and the result are float32, as in ITK/SimpleITK.
 * <p>
 * The recursive filters have infinite support, yet a bounding box needs no approximation: each term is
 * three 1D passes along axes A, B, C in turn, and the box's values only need the last pass on the lines
 * through the box's (A, B) extent, which need the middle pass on the lines through its A extent, which
 * need the first pass on every line but only its samples inside the box's A extent. Each pass therefore
 * filters whole lines, exactly as on the whole image, and stores only what the next pass reads: the
 * box's values are bitwise those of the whole-image filter, at the cost of one whole-image pass per term
 * (instead of three) and intermediates no larger than the box extended along two, then one axis.
 * <p>
 * Images of more than {@link #cropAboveVoxels()} voxels (default 2^24, about 256 x 256 x 256; system
 * property radspark.log.cropAboveVoxels) are first cut to the box grown by {@value #MARGIN_SIGMAS} sigma
 * along each axis (whole axes where that reaches the image's edge), which replaces the image beyond the
 * margin by its edge value. The recursion's impulse response decays as exp(-1.373 d / sigma) at d voxels
 * (Deriche's exponents in {@link RecursiveGaussian}), so the change is about exp(-27.5) = 1e-12 of the
 * intensity step at the cut before float32 rounding, so a box voxel's float32 value is unchanged or moves
 * by one ulp (CroppedFilterExactnessTest). On the 512 x 512 x 300 synthetic CT (radspark bench-synthetic
 * --features-out, run with and without the cut) 9 of 1,781 features differ, all first-order features of
 * sigma 5 mm, by at most 5.9e-12 relative; every texture feature is identical. The cut saves most of the
 * LoG time there (15 whole-volume passes become passes over the grown boxes). The ITK bit-exactness tests
 * (brain1, 1.6 M voxels) and every image up to the threshold take the exact path.
 */
public final class LoGImage implements ImageFilter {
    private static final Logger LOG = LoggerFactory.getLogger(LoGImage.class);
    /** Margin, in sigmas along each axis, kept around the box on images above the crop threshold. */
    static final int MARGIN_SIGMAS = 20;
    private static final long CROP_ABOVE_VOXELS = Long.getLong("radspark.log.cropAboveVoxels", 1L << 24);

    /** Images with more voxels than this are cut to the box plus a margin of MARGIN_SIGMAS sigma before filtering. */
    static long cropAboveVoxels() {
        return CROP_ABOVE_VOXELS;
    }

    @Override
    public String imageType() {
        return "LoG";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        return applyCropped(image, mask, settings, BoundingBox.of(image.geometry()));
    }

    @Override
    public List<DerivedImage> applyCropped(Image image, Mask mask, ExtractionSettings settings, BoundingBox box) {
        Geometry g = image.geometry();
        int[] size = g.size();
        List<DerivedImage> out = new ArrayList<>();
        if (Math.min(size[0], Math.min(size[1], size[2])) < 4) {
            LOG.warn("image too small to apply LoG filter, size " + size[0] + "x" + size[1] + "x" + size[2]);
            return out;
        }
        if (settings.sigma == null) {
            return out;
        }
        Geometry outGrid = Regions.grid(g, box);
        for (int s = 0; s < settings.sigma.length; s++) {
            double sigma = settings.sigma[s];
            if (!(sigma > 0)) {
                LOG.warn("LoG sigma must be greater than 0, got " + sigma);
                continue;
            }
            boolean fits = true;
            for (int d = 0; d < 3; d++) {
                fits &= size[d] >= Math.ceil(sigma / g.spacing(d)) + 1;
            }
            if (!fits) {
                LOG.warn("LoG sigma " + sigma + " skipped: the image needs at least ceil(sigma/spacing)+1 voxels"
                    + " along every axis");
                continue;
            }
            String name = "log-sigma-" + settings.sigmaText(s).replace('.', '-') + "-mm-3D";
            out.add(new DerivedImage(name, new Image(outGrid, laplacian(image, sigma, box, CROP_ABOVE_VOXELS),
                PixelType.FLOAT32)));
        }
        return out;
    }

    /** The normalised LoG of {@code image} at {@code sigma} mm, float32 values held as doubles. */
    static double[] laplacian(Image image, double sigma) {
        return laplacian(image, sigma, BoundingBox.of(image.geometry()));
    }

    /**
     * As {@link #laplacian(Image, double, BoundingBox)}, on the box grown by MARGIN_SIGMAS sigma when the
     * image has more than {@code cropAbove} voxels (the class comment bounds the difference).
     */
    static double[] laplacian(Image image, double sigma, BoundingBox box, long cropAbove) {
        Geometry g = image.geometry();
        if (g.voxelCount() <= cropAbove) {
            return laplacian(image, sigma, box);
        }
        int[] margin = new int[3];
        for (int a = 0; a < 3; a++) {
            margin[a] = (int) Math.min(Integer.MAX_VALUE / 4, Math.ceil(MARGIN_SIGMAS * sigma / g.spacing(a)));
        }
        BoundingBox region = box.grownOrWhole(margin, g);
        return laplacian(Regions.crop(image, region), sigma, box.relativeTo(region));
    }

    /**
     * The normalised LoG of {@code image} at {@code sigma} mm inside {@code box} (i fastest over the box),
     * float32 values held as doubles, bitwise equal to the whole image's LoG there.
     */
    static double[] laplacian(Image image, double sigma, BoundingBox box) {
        Geometry g = image.geometry();
        double[] in = image.voxels();
        double[] sum = new double[(int) box.voxelCount()];
        int maxLen = Math.max(g.nx(), Math.max(g.ny(), g.nz()));
        Lines lines = new Lines(maxLen);
        for (int dim = 0; dim < 3; dim++) {
            // ITK's order: the second derivative along dim, then smoothing along the other axes in increasing order
            int[] order = dim == 0 ? new int[] {0, 1, 2} : dim == 1 ? new int[] {1, 0, 2} : new int[] {2, 0, 1};
            int[] n = g.size();
            float[] term = null;
            for (int step = 0; step < 3; step++) {
                int axis = order[step];
                RecursiveGaussian filter = new RecursiveGaussian(sigma, g.spacing(axis), step == 0 ? 2 : 0, true);
                int keepLo = box.lower()[axis], keepLen = box.size(axis);
                // a pass that keeps whole lines may write over its own input: a block of lines is read before it is written
                float[] dst = term != null && keepLen == n[axis] ? term : new float[keptSize(n, axis, keepLen)];
                pass(in, term, n, axis, keepLo, keepLen, filter, dst, lines);
                n[axis] = keepLen;
                term = dst;
            }
            double spacing2 = g.spacing(dim) * g.spacing(dim);
            double inverse = 1.0 / spacing2;
            for (int p = 0; p < sum.length; p++) {
                sum[p] = (float) (sum[p] + term[p] * inverse);
            }
        }
        return sum;
    }

    private static int keptSize(int[] n, int axis, int keepLen) {
        long count = keepLen;
        for (int d = 0; d < 3; d++) {
            if (d != axis) {
                count *= n[d];
            }
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("LoG intermediate of " + count + " voxels exceeds a Java array");
        }
        return (int) count;
    }

    /** Line buffers of one pass: a block of up to BLOCK lines, interleaved (sample t of line c at t BLOCK + c). */
    private static final class Lines {
        static final int BLOCK = 16;
        final double[] in;
        final double[] out;
        final double[] scratch;

        Lines(int maxLen) {
            in = new double[BLOCK * maxLen];
            out = new double[BLOCK * maxLen];
            scratch = new double[BLOCK * maxLen];
        }
    }

    /**
     * Filters every line along {@code axis} of the volume of size {@code n} held in {@code srcF} (or, when
     * that is null, in {@code srcD}) and stores samples keepLo .. keepLo + keepLen - 1 of each result, rounded
     * to float, in {@code dst} (size n with n[axis] = keepLen, i fastest). Lines are filtered in blocks of
     * neighbours along the first other axis: along y and z each cache line of the volume is then read and
     * written once per block, and the block's recursions run interleaved.
     */
    private static void pass(double[] srcD, float[] srcF, int[] n, int axis, int keepLo, int keepLen,
                             RecursiveGaussian filter, float[] dst, Lines buf) {
        int[] m = n.clone();
        m[axis] = keepLen;
        int len = n[axis];
        int a = axis == 0 ? 1 : 0, b = axis == 2 ? 1 : 2;
        int[] srcStride = {1, n[0], n[0] * n[1]};
        int[] dstStride = {1, m[0], m[0] * m[1]};
        int sAxis = srcStride[axis], dAxis = dstStride[axis];
        int sa = srcStride[a], da = dstStride[a];
        double[] in = buf.in, out = buf.out;
        for (int ib = 0; ib < n[b]; ib++) {
            for (int ia = 0; ia < n[a]; ia += Lines.BLOCK) {
                int w = Math.min(Lines.BLOCK, n[a] - ia);
                int s0 = ia * sa + ib * srcStride[b];
                int d0 = ia * da + ib * dstStride[b];
                for (int t = 0, p = s0; t < len; t++, p += sAxis) {
                    int row = t * w;
                    if (srcF != null) {
                        for (int c = 0; c < w; c++) {
                            in[row + c] = srcF[p + c * sa];
                        }
                    } else {
                        for (int c = 0; c < w; c++) {
                            in[row + c] = srcD[p + c * sa];
                        }
                    }
                }
                filter.filterLines(in, out, buf.scratch, len, w);
                for (int t = 0, q = d0; t < keepLen; t++, q += dAxis) {
                    int row = (keepLo + t) * w;
                    for (int c = 0; c < w; c++) {
                        dst[q + c * da] = (float) out[row + c];
                    }
                }
            }
        }
    }
}
