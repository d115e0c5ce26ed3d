package org.radspark.image;

/**
 * The scalar type a volume was stored with. Intensities are held as doubles, but resampling writes
 * its output in the input's type (as SimpleITK's ResampleImageFilter does in pyradiomics), so the type
 * travels with the image.
 */
public enum PixelType {
    INT8(-128, 127), UINT8(0, 255), INT16(Short.MIN_VALUE, Short.MAX_VALUE), UINT16(0, 65535),
    INT32(Integer.MIN_VALUE, Integer.MAX_VALUE), UINT32(0, 4294967295.0),
    INT64(Long.MIN_VALUE, Long.MAX_VALUE), UINT64(0, 18446744073709551615.0),
    FLOAT32(-Float.MAX_VALUE, Float.MAX_VALUE), FLOAT64(-Double.MAX_VALUE, Double.MAX_VALUE);

    private final double min, max;

    PixelType(double min, double max) {
        this.min = min;
        this.max = max;
    }

    public boolean isInteger() {
        return this != FLOAT32 && this != FLOAT64;
    }

    /**
     * Converts an interpolated value to this type as ITK's resampler does: clamp to the type's range,
     * then truncate toward zero for integer types or round to float for FLOAT32.
     */
    public double cast(double v) {
        if (this == FLOAT64) {
            return v;
        }
        if (this == FLOAT32) {
            return (float) v;
        }
        if (v <= min) {
            return min;
        }
        if (v >= max) {
            return max;
        }
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }
}
