package org.radspark.ibsi2;

import org.radspark.image.Image;

// Laplacian of Gaussian as defined in the IBSI-2 reference manual (arXiv:2006.05470); Marr & Hildreth 1980.
/**
 * Sum over axes of the second derivative of a Gaussian along that axis, smoothed by the Gaussian along
 * the others. Per axis the Gaussian is sampled at integer offsets up to {@code floor(truncate * sigma + 0.5)}
 * voxels (sigma in voxels = sigma in mm / spacing), normalised to unit sum; the second-derivative kernel
 * is that Gaussian times (x^2/sigma^4 - 1/sigma^2). This is the discretisation the IBSI-2 reference maps
 * were made with (truncate = 4).
 */
public final class LaplacianOfGaussianFilter implements ConvolutionalFilter {
    private final double sigmaMm;
    private final double truncate;
    private final int dimensions;
    private final BoundaryCondition boundary;

    public LaplacianOfGaussianFilter(double sigmaMm, double truncate, int dimensions, BoundaryCondition boundary) {
        if (!(sigmaMm > 0) || !(truncate > 0)) {
            throw new IllegalArgumentException("LoG sigma and truncation must be positive");
        }
        Volumes.checkDimensions(dimensions);
        this.sigmaMm = sigmaMm;
        this.truncate = truncate;
        this.dimensions = dimensions;
        this.boundary = boundary;
    }

    /** Sampled Gaussian (order 0) or its second derivative (order 2), unit-sum normalised Gaussian. */
    static double[] kernel(double sigma, double truncate, int order) {
        int r = (int) Math.floor(truncate * sigma + 0.5);
        double[] g = new double[2 * r + 1];
        double sum = 0;
        for (int t = -r; t <= r; t++) {
            g[t + r] = Math.exp(-0.5 * t * t / (sigma * sigma));
            sum += g[t + r];
        }
        for (int t = -r; t <= r; t++) {
            g[t + r] /= sum;
            if (order == 2) {
                double s2 = sigma * sigma;
                g[t + r] *= t * t / (s2 * s2) - 1.0 / s2;
            }
        }
        return g;
    }

    @Override
    public Image apply(Image image) {
        int[] dims = Volumes.dims(image);
        double[] spacing = image.geometry().spacing();
        Convolver.Taps[] g0 = new Convolver.Taps[dimensions];
        Convolver.Taps[] g2 = new Convolver.Taps[dimensions];
        for (int a = 0; a < dimensions; a++) {
            double s = sigmaMm / spacing[a];
            g0[a] = Convolver.Taps.centred(kernel(s, truncate, 0));
            g2[a] = Convolver.Taps.centred(kernel(s, truncate, 2));
        }
        double[] in = image.voxels();
        double[] sum = new double[in.length];
        for (int d = 0; d < dimensions; d++) {
            double[] v = in;
            for (int a = 0; a < dimensions; a++) {
                v = Convolver.along(v, dims, a, a == d ? g2[a] : g0[a], boundary);
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        return Volumes.result(image, sum);
    }

    @Override
    public String describe() {
        return "log(sigma=" + sigmaMm + "mm, truncate=" + truncate + ", " + dimensions + "D, " + boundary + ")";
    }
}
