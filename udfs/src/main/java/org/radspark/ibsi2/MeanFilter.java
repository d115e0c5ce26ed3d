package org.radspark.ibsi2;

import java.util.Arrays;
import org.radspark.image.Image;

// Mean filter as defined in the IBSI-2 reference manual (Depeursinge et al., arXiv:2006.05470).
/** Average over a box of M voxels per axis (M odd), in 3D or slice by slice in the axial plane. */
public final class MeanFilter implements ConvolutionalFilter {
    private final int support;
    private final int dimensions;
    private final BoundaryCondition boundary;

    public MeanFilter(int support, int dimensions, BoundaryCondition boundary) {
        if (support < 1 || support % 2 == 0) {
            throw new IllegalArgumentException("mean filter support must be a positive odd number, got " + support);
        }
        Volumes.checkDimensions(dimensions);
        this.support = support;
        this.dimensions = dimensions;
        this.boundary = boundary;
    }

    @Override
    public Image apply(Image image) {
        double[] w = new double[support];
        Arrays.fill(w, 1.0 / support);
        double[] out = Volumes.separable(image.voxels(), Volumes.dims(image), dimensions, Convolver.Taps.centred(w),
            boundary);
        return Volumes.result(image, out);
    }

    @Override
    public String describe() {
        return "mean(support=" + support + ", " + dimensions + "D, " + boundary + ")";
    }
}
