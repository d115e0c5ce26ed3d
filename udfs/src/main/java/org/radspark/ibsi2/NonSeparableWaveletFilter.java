package org.radspark.ibsi2;

import org.radspark.image.Image;

// Simoncelli non-separable isotropic wavelet as defined in the IBSI-2 reference manual (arXiv:2006.05470);
// Portilla & Simoncelli 2000.
/**
 * Isotropic band-pass filter defined in the Fourier domain: for radial frequency nu (normalised so that
 * the Nyquist frequency is 1), level j keeps the band nu_max/4 &lt; nu &lt; nu_max with nu_max = 2^(1-j) and
 * weight {@code cos(pi/2 * log2(2 nu / nu_max))}. The image is first extended by half its size on each
 * side with the boundary condition (no extension for periodic, where the DFT is already periodic), then
 * filtered by DFT (in-plane only for 2D) and cropped back.
 */
public final class NonSeparableWaveletFilter implements ConvolutionalFilter {
    private final int level;
    private final int dimensions;
    private final BoundaryCondition boundary;

    public NonSeparableWaveletFilter(int level, int dimensions, BoundaryCondition boundary) {
        if (level < 1) {
            throw new IllegalArgumentException("Simoncelli level must be at least 1, got " + level);
        }
        Volumes.checkDimensions(dimensions);
        this.level = level;
        this.dimensions = dimensions;
        this.boundary = boundary;
    }

    /** Frequency response at radial frequency nu (Nyquist = 1). */
    static double response(double nu, int level) {
        double max = Math.pow(2, 1 - level);
        if (nu <= max / 4 || nu >= max) {
            return 0;
        }
        return Math.cos(Math.PI / 2 * (Math.log(2 * nu / max) / Math.log(2)));
    }

    @Override
    public Image apply(Image image) {
        int[] dims = Volumes.dims(image);
        int[] pad = new int[3];
        int[] pd = dims.clone();
        for (int a = 0; a < dimensions; a++) {
            pad[a] = boundary == BoundaryCondition.PERIODIC ? 0 : dims[a] / 2;
            pd[a] = dims[a] + 2 * pad[a];
        }
        int total = pd[0] * pd[1] * pd[2];
        double[] re = new double[total], im = new double[total];
        double[] in = image.voxels();
        for (int k = 0; k < pd[2]; k++) {
            int qk = boundary.map(k - pad[2], dims[2]);
            for (int j = 0; j < pd[1]; j++) {
                int qj = boundary.map(j - pad[1], dims[1]);
                for (int i = 0; i < pd[0]; i++) {
                    int qi = boundary.map(i - pad[0], dims[0]);
                    re[i + pd[0] * (j + pd[1] * k)] = qi < 0 || qj < 0 || qk < 0 ? 0.0
                        : in[qi + dims[0] * (qj + dims[1] * qk)];
                }
            }
        }
        for (int a = 0; a < dimensions; a++) {
            transformAxis(re, im, pd, a, false);
        }
        for (int k = 0; k < pd[2]; k++) {
            double fk = dimensions == 3 ? frequency(k, pd[2]) : 0;
            for (int j = 0; j < pd[1]; j++) {
                double fj = frequency(j, pd[1]);
                for (int i = 0; i < pd[0]; i++) {
                    double fi = frequency(i, pd[0]);
                    double g = response(2 * Math.sqrt(fi * fi + fj * fj + fk * fk), level);
                    int idx = i + pd[0] * (j + pd[1] * k);
                    re[idx] *= g;
                    im[idx] *= g;
                }
            }
        }
        for (int a = 0; a < dimensions; a++) {
            transformAxis(re, im, pd, a, true);
        }
        double[] out = new double[in.length];
        for (int k = 0; k < dims[2]; k++) {
            for (int j = 0; j < dims[1]; j++) {
                for (int i = 0; i < dims[0]; i++) {
                    out[i + dims[0] * (j + dims[1] * k)] = re[(i + pad[0]) + pd[0] * ((j + pad[1]) + pd[1] * (k + pad[2]))];
                }
            }
        }
        return Volumes.result(image, out);
    }

    /** Signed frequency of DFT bin k of n, in cycles per voxel. */
    private static double frequency(int k, int n) {
        return (k <= n / 2 ? k : k - n) / (double) n;
    }

    private static void transformAxis(double[] re, double[] im, int[] d, int axis, boolean inverse) {
        int n = d[axis];
        int stride = axis == 0 ? 1 : axis == 1 ? d[0] : d[0] * d[1];
        Fft fft = new Fft(n);
        double[] lr = new double[n], li = new double[n];
        int lines = re.length / n;
        for (int l = 0; l < lines; l++) {
            int base = axis == 0 ? l * d[0] : axis == 1 ? (l / d[0]) * d[0] * d[1] + l % d[0] : l;
            for (int p = 0; p < n; p++) {
                lr[p] = re[base + p * stride];
                li[p] = im[base + p * stride];
            }
            fft.transform(lr, li, inverse);
            for (int p = 0; p < n; p++) {
                re[base + p * stride] = lr[p];
                im[base + p * stride] = li[p];
            }
        }
    }

    @Override
    public String describe() {
        return "simoncelli(level=" + level + ", " + dimensions + "D, " + boundary + ")";
    }
}
