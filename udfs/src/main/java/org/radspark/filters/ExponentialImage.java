package org.radspark.filters;

import java.util.List;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;

/** Exponential: f(x) = exp(c x) with c = log(max|x|) / max|x| (pyradiomics imageoperations.getExponentialImage). */
public final class ExponentialImage implements ImageFilter {
    @Override
    public String imageType() {
        return "Exponential";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        double[] in = image.voxels();
        double max = PointFilters.maxAbs(in);
        double c = Math.log(max) / max;
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.exp(c * in[i]);
        }
        return List.of(new DerivedImage("exponential", new Image(image.geometry(), out)));
    }
}
