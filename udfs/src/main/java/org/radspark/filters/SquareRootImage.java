package org.radspark.filters;

import java.util.List;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;
import org.radspark.preprocess.BoundingBox;

/** Square root: f(x) = sign(x) sqrt(|x| c) with c = max|x| (pyradiomics imageoperations.getSquareRootImage). */
public final class SquareRootImage implements ImageFilter {
    @Override
    public String imageType() {
        return "SquareRoot";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        return applyCropped(image, mask, settings, BoundingBox.of(image.geometry()));
    }

    /** c comes from the whole image; the voxel-wise map is then applied to the box only. */
    @Override
    public List<DerivedImage> applyCropped(Image image, Mask mask, ExtractionSettings settings, BoundingBox box) {
        double c = PointFilters.maxAbs(image.voxels());
        double[] out = Regions.copy(image.voxels(), image.geometry(), box);
        for (int i = 0; i < out.length; i++) {
            double x = out[i];
            // zero (and NaN) stay as they are, as pyradiomics only rewrites x > 0 and x < 0
            out[i] = x > 0 ? Math.sqrt(x * c) : x < 0 ? -Math.sqrt(-x * c) : x;
        }
        return List.of(new DerivedImage("squareroot", new Image(Regions.grid(image.geometry(), box), out)));
    }
}
