package org.radspark.ibsi2;

import java.util.Locale;
import org.radspark.image.Image;

// Undecimated separable wavelet filter as defined in the IBSI-2 reference manual (arXiv:2006.05470); Mallat 1989.
/**
 * One sub-band of the undecimated (stationary) separable wavelet decomposition. The sub-band is one
 * letter per axis in (x, y[, z]) order, L = low-pass, H = high-pass. Level 1 convolves each axis with
 * the decomposition filter (true convolution, centre at index length/2). Level j &gt; 1 filters the
 * all-low-pass response of level j-1 with the filters dilated by 2^(j-1) ("a trous"). With rotation
 * invariance the response is pooled over the right-angle rotations (24 in 3D, 4 in-plane in 2D).
 */
public final class SeparableWaveletFilter implements ConvolutionalFilter {
    private final WaveletFamily family;
    private final String subBand;
    private final int level;
    private final int dimensions;
    private final boolean rotationInvariant;
    private final Pooling pooling;
    private final BoundaryCondition boundary;

    public SeparableWaveletFilter(WaveletFamily family, String subBand, int level, int dimensions,
                                  boolean rotationInvariant, Pooling pooling, BoundaryCondition boundary) {
        Volumes.checkDimensions(dimensions);
        String band = subBand.toUpperCase(Locale.ROOT);
        if (band.length() != dimensions || !band.matches("[LH]+")) {
            throw new IllegalArgumentException("wavelet sub-band must be " + dimensions + " letters L/H, got '"
                + subBand + "'");
        }
        if (level < 1) {
            throw new IllegalArgumentException("wavelet level must be at least 1, got " + level);
        }
        this.family = family;
        this.subBand = band;
        this.level = level;
        this.dimensions = dimensions;
        this.rotationInvariant = rotationInvariant;
        this.pooling = pooling;
        this.boundary = boundary;
    }

    @Override
    public Image apply(Image image) {
        int[] dims = Volumes.dims(image);
        double[] out = rotationInvariant
            ? Rotations.pooled(image.voxels(), dims, dimensions, pooling, this::decompose)
            : decompose(image.voxels(), dims);
        return Volumes.result(image, out);
    }

    private double[] decompose(double[] in, int[] dims) {
        double[] lo = family.lowPass(), hi = family.highPass();
        double[] v = in;
        for (int j = 1; j <= level; j++) {
            int step = 1 << (j - 1);
            Convolver.Taps low = Convolver.Taps.convolution(lo, step);
            Convolver.Taps high = Convolver.Taps.convolution(hi, step);
            for (int a = 0; a < dimensions; a++) {
                boolean highPass = j == level && subBand.charAt(a) == 'H';
                v = Convolver.along(v, dims, a, highPass ? high : low, boundary);
            }
        }
        return v;
    }

    @Override
    public String describe() {
        return "wavelet(" + family.name().toLowerCase(Locale.ROOT) + ", " + subBand + ", level=" + level + ", "
            + dimensions + "D, rotationInvariant=" + rotationInvariant + (rotationInvariant ? ", " + pooling : "")
            + ", " + boundary + ")";
    }
}
