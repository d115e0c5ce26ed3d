package org.radspark.filters;

import java.util.List;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;

/**
 * Logarithm: g(x) = sign(x) log(|x| + 1), then f = g max|x| / max|g| (pyradiomics
 * imageoperations.getLogarithmImage).
 */
public final class LogarithmImage implements ImageFilter {
    @Override
    public String imageType() {
        return "Logarithm";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        double[] in = image.voxels();
        double inMax = PointFilters.maxAbs(in);
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            double x = in[i];
            out[i] = x > 0 ? Math.log(x + 1) : x < 0 ? -Math.log(-(x - 1)) : x;
        }
        double scale = inMax / PointFilters.maxAbs(out);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] * scale;
        }
        return List.of(new DerivedImage("logarithm", new Image(image.geometry(), out)));
    }
}
