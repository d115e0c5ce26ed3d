package org.radspark.filters;

import java.util.List;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;
import org.radspark.preprocess.BoundingBox;

/** Exponential: f(x) = exp(c x) with c = log(max|x|) / max|x| (pyradiomics imageoperations.getExponentialImage). */
public final class ExponentialImage implements ImageFilter {
    @Override
    public String imageType() {
        return "Exponential";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        return applyCropped(image, mask, settings, BoundingBox.of(image.geometry()));
    }

    /** c comes from the whole image; the voxel-wise map is then applied to the box only. */
    @Override
    public List<DerivedImage> applyCropped(Image image, Mask mask, ExtractionSettings settings, BoundingBox box) {
        double max = PointFilters.maxAbs(image.voxels());
        double c = Math.log(max) / max;
        double[] out = Regions.copy(image.voxels(), image.geometry(), box);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(c * out[i]);
        }
        return List.of(new DerivedImage("exponential", new Image(Regions.grid(image.geometry(), box), out)));
    }
}
