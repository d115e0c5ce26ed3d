package org.radspark.preprocess;

import org.radspark.image.PixelType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InterpolatorTypeTest {

    @Test
    void parsesSitkNamesAndCodes() {
        assertEquals(InterpolatorType.NEAREST_NEIGHBOR, InterpolatorType.parse("sitkNearestNeighbor"));
        assertEquals(InterpolatorType.LINEAR, InterpolatorType.parse("sitkLinear"));
        assertEquals(InterpolatorType.BSPLINE, InterpolatorType.parse("sitkBSpline"));
        assertEquals(InterpolatorType.BSPLINE, InterpolatorType.parse("3"));
        assertEquals(InterpolatorType.LINEAR, InterpolatorType.fromCode(2));
    }

    @Test
    void rejectsUnsupportedAndUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> InterpolatorType.parse("sitkLanczosWindowedSinc"));
        assertEquals("interpolator 'sitkLanczosWindowedSinc' is not supported; use sitkNearestNeighbor,"
            + " sitkLinear or sitkBSpline", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InterpolatorType.fromCode(4));
        assertThrows(IllegalArgumentException.class, () -> InterpolatorType.fromCode(11));
        assertThrows(IllegalArgumentException.class, () -> InterpolatorType.parse("sitkbspline"));
        assertThrows(IllegalArgumentException.class, () -> InterpolatorType.parse("BSpline"));
    }

    @Test
    void pixelTypeCastClampsAndTruncates() {
        assertEquals(-1, PixelType.INT16.cast(-1.75));
        assertEquals(2, PixelType.INT16.cast(2.999));
        assertEquals(32767, PixelType.INT16.cast(40000.2));
        assertEquals(0, PixelType.UINT8.cast(-3.5));
        assertEquals((double) (float) 0.1, PixelType.FLOAT32.cast(0.1));
        assertEquals(0.1, PixelType.FLOAT64.cast(0.1));
    }
}
