package org.radspark.extract;

import java.util.List;
import org.radspark.extract.ExtractionException.Stage;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;

/** Produces the images of one pyradiomics image type (featureextractor's get&lt;Type&gt;Image generators). */
final class DerivedImages {
    private DerivedImages() {
    }

    static List<DerivedImage> derive(String imageType, Image image, Mask mask, ExtractionSettings settings) {
        if (imageType.equals("Original")) {
            return List.of(new DerivedImage("original", image));
        }
        throw new ExtractionException(Stage.FILTER, "image type '" + imageType
            + "' is not available in " + FeatureExtractor.ENGINE_VERSION + " (available: Original)");
    }
}
