package org.radspark.filters;

import org.radspark.image.Image;

/** An image derived by an image type, with pyradiomics' name for it ("original", "wavelet-LLH", ...). */
public record DerivedImage(String name, Image image) {
}
