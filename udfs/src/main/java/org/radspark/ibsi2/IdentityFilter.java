package org.radspark.ibsi2;

import org.radspark.image.Image;

/**
 * The "no filter" case of IBSI-2 phase 2 (ids 1.A and 1.B): the response map is a copy of the image.
 * It lets a phase-2 parameter file report the intensity statistics of the processed but unfiltered
 * image through the same pipeline as the real filters.
 */
public final class IdentityFilter implements ConvolutionalFilter {

    @Override
    public Image apply(Image image) {
        return Volumes.result(image, image.voxels().clone());
    }

    @Override
    public String describe() {
        return "none";
    }
}
