package org.radspark.filters;

import java.util.List;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;

/** Square: f(x) = (c x)^2 with c = 1 / sqrt(max|x|) (pyradiomics imageoperations.getSquareImage). */
public final class SquareImage implements ImageFilter {
    @Override
    public String imageType() {
        return "Square";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        double[] in = image.voxels();
        double c = 1 / Math.sqrt(PointFilters.maxAbs(in));
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            double v = c * in[i];
            out[i] = v * v;
        }
        return List.of(new DerivedImage("square", new Image(image.geometry(), out)));
    }
}
