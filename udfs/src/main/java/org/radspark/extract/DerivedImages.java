package org.radspark.extract;

import java.util.List;
import org.radspark.extract.ExtractionException.Stage;
import org.radspark.filters.DerivedImage;
import org.radspark.filters.ImageFilter;
import org.radspark.filters.ImageFilters;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;
import org.radspark.preprocess.BoundingBox;

/**
 * Produces the images of one pyradiomics image type cropped to the ROI's bounding box, turning filter
 * failures into FILTER-stage errors.
 */
final class DerivedImages {
    private DerivedImages() {
    }

    static List<DerivedImage> derive(String imageType, Image image, Mask mask, ExtractionSettings settings,
                                     BoundingBox box) {
        ImageFilter filter = ImageFilters.get(imageType);
        if (filter == null) {
            throw new ExtractionException(Stage.FILTER, "image type '" + imageType + "' is not available in "
                + FeatureExtractor.ENGINE_VERSION + " (available: " + String.join(", ", ImageFilters.all().keySet()) + ")");
        }
        try {
            return filter.applyCropped(image, mask, settings, box);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ExtractionException(Stage.FILTER, imageType + ": " + e.getMessage(), e);
        }
    }
}
