package org.radspark.ibsi2;

import java.util.Arrays;
import java.util.Locale;
import org.radspark.image.Image;

// Laws texture energy filter as defined in the IBSI-2 reference manual (arXiv:2006.05470); Laws 1980.
/**
 * Separable Laws kernel, one 1D kernel per axis in (x, y[, z]) order, e.g. "L5E5W5". The 1D kernels are
 * normalised to unit L2 norm (IBSI-2): L5 = (1,4,6,4,1)/sqrt70, E5 = (-1,-2,0,2,1)/sqrt10,
 * S5 = (-1,0,2,0,-1)/sqrt6, W5 = (-1,2,0,-2,1)/sqrt10, R5 = (1,-4,6,-4,1)/sqrt70, L3 = (1,2,1)/sqrt6,
 * E3 = (-1,0,1)/sqrt2, S3 = (-1,2,-1)/sqrt6. With rotation invariance the responses of the rotated kernels
 * (24 in 3D, 4 in 2D) are pooled; the energy map, when asked for, is then the mean absolute value of the
 * (pooled) response over a box of 2*distance+1 voxels per filtered axis, read with the same boundary condition.
 */
public final class LawsFilter implements ConvolutionalFilter {
    private final String kernel;
    private final double[][] kernels;
    private final int dimensions;
    private final boolean rotationInvariant;
    private final Pooling pooling;
    private final int energyDistance; // < 0: no energy map
    private final BoundaryCondition boundary;

    public LawsFilter(String kernel, int dimensions, boolean rotationInvariant, Pooling pooling, int energyDistance,
                      BoundaryCondition boundary) {
        Volumes.checkDimensions(dimensions);
        String k = kernel.toUpperCase(Locale.ROOT);
        if (k.length() != 2 * dimensions) {
            throw new IllegalArgumentException("Laws kernel '" + kernel + "' needs " + dimensions + " 1D kernels");
        }
        this.kernels = new double[dimensions][];
        for (int a = 0; a < dimensions; a++) {
            kernels[a] = oneD(k.substring(2 * a, 2 * a + 2));
        }
        this.kernel = k;
        this.dimensions = dimensions;
        this.rotationInvariant = rotationInvariant;
        this.pooling = pooling;
        this.energyDistance = energyDistance;
        this.boundary = boundary;
    }

    static double[] oneD(String name) {
        double[] v;
        switch (name) {
            case "L5": v = new double[] {1, 4, 6, 4, 1}; break;
            case "E5": v = new double[] {-1, -2, 0, 2, 1}; break;
            case "S5": v = new double[] {-1, 0, 2, 0, -1}; break;
            case "W5": v = new double[] {-1, 2, 0, -2, 1}; break;
            case "R5": v = new double[] {1, -4, 6, -4, 1}; break;
            case "L3": v = new double[] {1, 2, 1}; break;
            case "E3": v = new double[] {-1, 0, 1}; break;
            case "S3": v = new double[] {-1, 2, -1}; break;
            default:
                throw new IllegalArgumentException("unknown Laws kernel '" + name
                    + "' (expected L5, E5, S5, W5, R5, L3, E3 or S3)");
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            v[i] /= norm;
        }
        return v;
    }

    @Override
    public Image apply(Image image) {
        int[] dims = Volumes.dims(image);
        double[] response = rotationInvariant
            ? Rotations.pooled(image.voxels(), dims, dimensions, pooling, this::filter)
            : filter(image.voxels(), dims);
        if (energyDistance >= 0) {
            for (int i = 0; i < response.length; i++) {
                response[i] = Math.abs(response[i]);
            }
            double[] box = new double[2 * energyDistance + 1];
            Arrays.fill(box, 1.0 / box.length);
            response = Volumes.separable(response, dims, dimensions, Convolver.Taps.centred(box), boundary);
        }
        return Volumes.result(image, response);
    }

    private double[] filter(double[] in, int[] dims) {
        double[] v = in;
        for (int a = 0; a < dimensions; a++) {
            v = Convolver.along(v, dims, a, Convolver.Taps.convolution(kernels[a], 1), boundary);
        }
        return v;
    }

    @Override
    public String describe() {
        return "laws(" + kernel + ", " + dimensions + "D, rotationInvariant=" + rotationInvariant
            + (rotationInvariant ? ", " + pooling : "") + ", energyDistance=" + energyDistance + ", " + boundary + ")";
    }
}
