package org.radspark.filters;

import java.util.List;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;

/** Square root: f(x) = sign(x) sqrt(|x| c) with c = max|x| (pyradiomics imageoperations.getSquareRootImage). */
public final class SquareRootImage implements ImageFilter {
    @Override
    public String imageType() {
        return "SquareRoot";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        double[] in = image.voxels();
        double c = PointFilters.maxAbs(in);
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            double x = in[i];
            // zero (and NaN) stay as they are, as pyradiomics only rewrites x > 0 and x < 0
            out[i] = x > 0 ? Math.sqrt(x * c) : x < 0 ? -Math.sqrt(-x * c) : x;
        }
        return List.of(new DerivedImage("squareroot", new Image(image.geometry(), out)));
    }
}
