package org.radspark.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.image.PixelType;
import org.radspark.params.ExtractionSettings;

/**
 * Square, SquareRoot, Logarithm, Exponential and Gradient on brain1 against make_reference.py, which
 * applies pyradiomics' formulas with numpy (float64) and computes the gradient magnitude with
 * numpy.gradient on the edge-replicated volume (float32 result, like SimpleITK). ROI statistics and
 * voxel samples must agree within 1e-9 relative. The gradient is also compared with ITK 5.2.1's
 * GradientMagnitudeImageFilter (testdata/pyradiomics-filters/itk_reference): bit-identical float32 values.
 */
class PointAndGradientFiltersTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"Square, square", "SquareRoot, squareroot", "Logarithm, logarithm", "Exponential, exponential",
        "Gradient, gradient", "Original, original"})
    void matchesNumpyReference(String imageType, String name) {
        List<DerivedImage> out = ImageFilters.get(imageType).apply(FilterReference.brain1(), FilterReference.brain1Mask(),
            new ExtractionSettings());
        assertEquals(1, out.size());
        assertEquals(name, out.get(0).name());
        FilterReference.assertMatches(name, out.get(0).image().voxels(), 1e-9);
    }

    @Test
    void gradientMatchesItk() {
        List<DerivedImage> out = new GradientImage().apply(FilterReference.brain1(), FilterReference.brain1Mask(),
            new ExtractionSettings());
        FilterReference.assertMatchesItk("gradient", out.get(0).image());
    }

    @Test
    void gradientIsFloat32AndIgnoresSpacingWhenAsked() {
        Geometry g = new Geometry(4, 3, 2, new double[] {0.5, 2, 4}, new double[3], Geometry.identityDirection());
        double[] v = new double[24];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 2; k++) {
                    v[g.index(i, j, k)] = 3 * i + 5 * j * j + 7 * k;
                }
            }
        }
        ExtractionSettings s = new ExtractionSettings();
        Image img = new Image(g, v);
        Image spaced = new GradientImage().apply(img, null, s).get(0).image();
        assertEquals(PixelType.FLOAT32, spaced.pixelType());
        // interior x: (3*2)/(2*0.5) = 6; y at j=1: (5*4 - 0)/(2*2) = 5; z at the border replicates: 7/(2*4)
        assertEquals((float) Math.sqrt(36 + 25 + 0.875 * 0.875), spaced.get(1, 1, 0), 0);
        s.gradientUseSpacing = false;
        Image unit = new GradientImage().apply(img, null, s).get(0).image();
        assertEquals((float) Math.sqrt(9 + 100 + 3.5 * 3.5), unit.get(1, 1, 1), 0);
        // corner: x one-sided (3)/2, y one-sided (5)/2, z one-sided 7/2
        assertEquals((float) Math.sqrt(1.5 * 1.5 + 2.5 * 2.5 + 3.5 * 3.5), unit.get(0, 0, 0), 0);
    }

    @Test
    void squareRootKeepsSignAndZero() {
        Geometry g = new Geometry(3, 1, 1, new double[] {1, 1, 1}, new double[3], Geometry.identityDirection());
        Image img = new Image(g, new double[] {-4, 0, 16});
        double[] r = new SquareRootImage().apply(img, (Mask) null, new ExtractionSettings()).get(0).image().voxels();
        assertEquals(-8, r[0], 0);
        assertEquals(0, r[1], 0);
        assertEquals(16, r[2], 0);
        double[] l = new LogarithmImage().apply(img, null, new ExtractionSettings()).get(0).image().voxels();
        assertEquals(16, l[2], 1e-12);
        assertEquals(-16 * Math.log(5) / Math.log(17), l[0], 1e-12);
    }
}
