package org.radspark.ibsi2;

import org.radspark.image.Image;

/** A filter of the IBSI-2 family: maps an image to a response map on the same grid. */
public interface ConvolutionalFilter {
    /** Response map of {@code image}; the input is not modified. */
    Image apply(Image image);

    /** Short description, e.g. for logs. */
    String describe();
}
