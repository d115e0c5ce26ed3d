package org.radspark.filters;

import java.util.ArrayList;
import java.util.List;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;
import org.radspark.preprocess.BoundingBox;
import org.radspark.preprocess.Cropper;

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

    /**
     * The derived images of {@link #apply} cropped to {@code box} (each on {@code box}'s sub-grid of the
     * image), voxel for voxel equal to cropping apply's full-size images. This default filters the whole
     * image and crops; filters whose value at a voxel can be computed from part of the image override it
     * to filter only what the box needs.
     */
    default List<DerivedImage> applyCropped(Image image, Mask mask, ExtractionSettings settings, BoundingBox box) {
        List<DerivedImage> full = new ArrayList<>(apply(image, mask, settings));
        List<DerivedImage> out = new ArrayList<>(full.size());
        for (int i = 0; i < full.size(); i++) {
            DerivedImage d = full.get(i);
            full.set(i, null);
            out.add(new DerivedImage(d.name(), Cropper.crop(d.image(), box)));
        }
        return out;
    }
}
