package org.radspark.filters;

import java.util.List;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;

/**
 * One pyradiomics image type (featureextractor's get&lt;Type&gt;Image): turns the preprocessed image into
 * one or more derived images named as pyradiomics names them ("original", "wavelet-LLH",
 * "log-sigma-1-0-mm-3D", ...). Implementations are stateless and thread-safe.
 */
public interface ImageFilter {
    /** The image type's name in parameter files: "Original", "Wavelet", "LoG", ... */
    String imageType();

    /** The derived images, in pyradiomics' order; may be empty when the settings yield none. */
    List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings);
}
