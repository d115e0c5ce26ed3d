package org.radspark.filters;

import java.util.List;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;

/** The unfiltered image (pyradiomics imageoperations.getOriginalImage). */
public final class OriginalImage implements ImageFilter {
    @Override
    public String imageType() {
        return "Original";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        return List.of(new DerivedImage("original", image));
    }
}
