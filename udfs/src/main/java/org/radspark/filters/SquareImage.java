package org.radspark.filters;

import java.util.List;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;
import org.radspark.preprocess.BoundingBox;

/** Square: f(x) = (c x)^2 with c = 1 / sqrt(max|x|) (pyradiomics imageoperations.getSquareImage). */
public final class SquareImage implements ImageFilter {
    @Override
    public String imageType() {
        return "Square";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        return applyCropped(image, mask, settings, BoundingBox.of(image.geometry()));
    }

    /** c comes from the whole image; the voxel-wise map is then applied to the box only. */
    @Override
    public List<DerivedImage> applyCropped(Image image, Mask mask, ExtractionSettings settings, BoundingBox box) {
        double c = 1 / Math.sqrt(PointFilters.maxAbs(image.voxels()));
        double[] out = Regions.copy(image.voxels(), image.geometry(), box);
        for (int i = 0; i < out.length; i++) {
            double v = c * out[i];
            out[i] = v * v;
        }
        return List.of(new DerivedImage("square", new Image(Regions.grid(image.geometry(), box), out)));
    }
}
