package org.radspark.filters;

import java.util.List;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;
import org.radspark.preprocess.BoundingBox;

/**
 * Logarithm: g(x) = sign(x) log(|x| + 1), then f = g max|x| / max|g| (pyradiomics
 * imageoperations.getLogarithmImage). |g(x)| = log(|x| + 1) in floating point too (x + 1 and -(x - 1) round
 * the same real number), and Math.log is semi-monotonic (its specification), so max|g| over the image is
 * exactly log(max|x| + 1): both maxima come from the whole image without computing g outside the box.
 */
public final class LogarithmImage implements ImageFilter {
    @Override
    public String imageType() {
        return "Logarithm";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        return applyCropped(image, mask, settings, BoundingBox.of(image.geometry()));
    }

    @Override
    public List<DerivedImage> applyCropped(Image image, Mask mask, ExtractionSettings settings, BoundingBox box) {
        double inMax = PointFilters.maxAbs(image.voxels());
        double[] out = Regions.copy(image.voxels(), image.geometry(), box);
        for (int i = 0; i < out.length; i++) {
            double x = out[i];
            out[i] = x > 0 ? Math.log(x + 1) : x < 0 ? -Math.log(-(x - 1)) : x;
        }
        // NaN stays NaN, as numpy's max of the transformed image would be
        double scale = inMax / Math.log(inMax + 1);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] * scale;
        }
        return List.of(new DerivedImage("logarithm", new Image(Regions.grid(image.geometry(), box), out)));
    }
}
