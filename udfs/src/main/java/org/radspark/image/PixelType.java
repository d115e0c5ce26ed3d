package org.radspark.image;

/**
 * The scalar type a volume was stored with. Intensities are held as doubles, but pyradiomics resamples
 * into the input's type, so the type travels with the image and reproduces the cast of resampled
 * values to the output pixel type (ITK ResampleImageFilter::CastPixelWithBoundsChecking: clamp to the type's range,
 * then C++ static_cast, which truncates toward zero for integers and rounds to nearest for float).
 */
public enum PixelType {
    INT8(-128, 127, true),
    UINT8(0, 255, true),
    INT16(-32768, 32767, true),
    UINT16(0, 65535, true),
    INT32(Integer.MIN_VALUE, Integer.MAX_VALUE, true),
    UINT32(0, 4294967295.0, true),
    INT64(-9223372036854775808.0, 9223372036854775807.0, true),
    UINT64(0, 18446744073709551615.0, true),
    FLOAT32(-Float.MAX_VALUE, Float.MAX_VALUE, false),
    FLOAT64(-Double.MAX_VALUE, Double.MAX_VALUE, false);

    private final double min;
    private final double max;
    private final boolean integer;

    PixelType(double min, double max, boolean integer) {
        this.min = min;
        this.max = max;
        this.integer = integer;
    }

    public boolean isInteger() { return integer; }

    /**
     * The value an interpolated {@code v} takes when stored in this type. NaN, undefined in the C++
     * cast, becomes 0 for integer types and stays NaN for floating types.
     */
    public double cast(double v) {
        if (v < min) {
            return min;
        }
        if (v > max) {
            return max;
        }
        if (integer) {
            if (Double.isNaN(v)) {
                return 0.0;
            }
            return (v < 0 ? Math.ceil(v) : Math.floor(v)) + 0.0; // + 0.0 turns -0.0 into 0.0
        }
        return this == FLOAT32 ? (double) (float) v : v;
    }
}
