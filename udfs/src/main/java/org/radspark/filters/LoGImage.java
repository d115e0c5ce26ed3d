package org.radspark.filters;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.image.PixelType;
import org.radspark.params.ExtractionSettings;

/**
 * Laplacian of Gaussian: sum over axes d of sigma^2 d2/dx_d2 (G_sigma * I), each term a second-order
 * recursive Gaussian along d smoothed by zero-order ones along the other axes (ITK
 * LaplacianRecursiveGaussianImageFilter, NormalizeAcrossScale on, as called by pyradiomics
 * imageoperations.getLoGImage). Intermediate images and the result are float32, as in ITK/SimpleITK.
 */
public final class LoGImage implements ImageFilter {
    private static final Logger LOG = Logger.getLogger(LoGImage.class.getName());

    @Override
    public String imageType() {
        return "LoG";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        Geometry g = image.geometry();
        int[] size = g.size();
        List<DerivedImage> out = new ArrayList<>();
        if (Math.min(size[0], Math.min(size[1], size[2])) < 4) {
            LOG.warning("image too small to apply LoG filter, size " + size[0] + "x" + size[1] + "x" + size[2]);
            return out;
        }
        if (settings.sigma == null) {
            return out;
        }
        for (int s = 0; s < settings.sigma.length; s++) {
            double sigma = settings.sigma[s];
            if (!(sigma > 0)) {
                LOG.warning("LoG sigma must be greater than 0, got " + sigma);
                continue;
            }
            boolean fits = true;
            for (int d = 0; d < 3; d++) {
                fits &= size[d] >= Math.ceil(sigma / g.spacing(d)) + 1;
            }
            if (!fits) {
                LOG.warning("LoG sigma " + sigma + " skipped: the image needs at least ceil(sigma/spacing)+1 voxels"
                    + " along every axis");
                continue;
            }
            String name = "log-sigma-" + settings.sigmaText(s).replace('.', '-') + "-mm-3D";
            out.add(new DerivedImage(name, new Image(g, laplacian(image, sigma), PixelType.FLOAT32)));
        }
        return out;
    }

    /** The normalised LoG of {@code image} at {@code sigma} mm, float32 values held as doubles. */
    static double[] laplacian(Image image, double sigma) {
        Geometry g = image.geometry();
        double[] in = image.voxels();
        double[] sum = new double[in.length];
        double[] term = new double[in.length];
        int maxLen = Math.max(g.nx(), Math.max(g.ny(), g.nz()));
        double[][] buffers = {new double[maxLen], new double[maxLen], new double[maxLen]};
        for (int dim = 0; dim < 3; dim++) {
            pass(in, term, g, dim, new RecursiveGaussian(sigma, g.spacing(dim), 2, true), buffers);
            for (int other = 0; other < 3; other++) {
                if (other != dim) {
                    pass(term, term, g, other, new RecursiveGaussian(sigma, g.spacing(other), 0, true), buffers);
                }
            }
            double spacing2 = g.spacing(dim) * g.spacing(dim);
            double inverse = 1.0 / spacing2;
            for (int p = 0; p < sum.length; p++) {
                sum[p] = (float) (sum[p] + term[p] * inverse);
            }
        }
        return sum;
    }

    /** Filters every line along {@code axis} of {@code src} into {@code dst} (may be the same array), rounding to float. */
    private static void pass(double[] src, double[] dst, Geometry g, int axis, RecursiveGaussian filter, double[][] buf) {
        int[] n = g.size();
        int stride = axis == 0 ? 1 : axis == 1 ? n[0] : n[0] * n[1];
        int len = n[axis];
        int a = axis == 0 ? 1 : 0, b = axis == 2 ? 1 : 2;
        int strideA = a == 0 ? 1 : n[0], strideB = b == 1 ? n[0] : n[0] * n[1];
        double[] line = buf[0], result = buf[1], scratch = buf[2];
        for (int ib = 0; ib < n[b]; ib++) {
            for (int ia = 0; ia < n[a]; ia++) {
                int start = ia * strideA + ib * strideB;
                for (int t = 0, p = start; t < len; t++, p += stride) {
                    line[t] = src[p];
                }
                filter.filterLine(line, result, scratch, len);
                for (int t = 0, p = start; t < len; t++, p += stride) {
                    dst[p] = (float) result[t];
                }
            }
        }
    }
}
