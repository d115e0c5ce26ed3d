package org.radspark.filters;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The image types radspark computes, by pyradiomics name. */
public final class ImageFilters {
    private static final Map<String, ImageFilter> FILTERS;

    static {
        Map<String, ImageFilter> m = new LinkedHashMap<>();
        for (ImageFilter f : new ImageFilter[] {new OriginalImage(), new WaveletImage(), new LoGImage(),
            new SquareImage(), new SquareRootImage(), new LogarithmImage(), new ExponentialImage(), new GradientImage(),
            new LBP2DImage(), new LBP3DImage()}) {
            m.put(f.imageType(), f);
        }
        FILTERS = Collections.unmodifiableMap(m);
    }

    private ImageFilters() {
    }

    /** The filter for an image type, or null when radspark does not compute it. */
    public static ImageFilter get(String imageType) {
        return FILTERS.get(imageType);
    }

    public static Map<String, ImageFilter> all() {
        return FILTERS;
    }
}
