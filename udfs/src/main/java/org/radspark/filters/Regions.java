package org.radspark.filters;

import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.preprocess.BoundingBox;
import org.radspark.preprocess.Cropper;

/** Sub-volume helpers for the filters that compute only the part of an image a bounding box needs. */
final class Regions {
    private Regions() {
    }

    static boolean isWhole(BoundingBox box, Geometry g) {
        return box.lower()[0] == 0 && box.lower()[1] == 0 && box.lower()[2] == 0 && box.upper()[0] == g.nx() - 1
            && box.upper()[1] == g.ny() - 1 && box.upper()[2] == g.nz() - 1;
    }

    /** The sub-grid of {@code g} covered by {@code box}; {@code g} itself when the box covers it. */
    static Geometry grid(Geometry g, BoundingBox box) {
        return isWhole(box, g) ? g : Cropper.cropGeometry(g, box);
    }

    /** The image restricted to {@code box}; the image itself (not a copy) when the box covers it. */
    static Image crop(Image image, BoundingBox box) {
        return isWhole(box, image.geometry()) ? image : Cropper.crop(image, box);
    }

    /** The voxels of {@code v} (on grid {@code g}) inside {@code box}, i fastest; a copy even for the whole grid. */
    static double[] copy(double[] v, Geometry g, BoundingBox box) {
        return Cropper.copyBox(v, g, box);
    }
}
