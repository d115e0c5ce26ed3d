package org.radspark.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.PixelType;
import org.radspark.params.ExtractionSettings;

/**
 * Wavelet sub-bands of brain1 against make_reference.py, which runs pywt.swtn exactly as pyradiomics'
 * _swt3 does (wrap padding to even sizes, axes (2, 1, 0), a/d renamed L/H). coif1 (6 taps) exercises
 * the ordinary circular convolution, dmey (62 taps, longer than the padded 26 slices) the wrap-around
 * branches of pywt's periodization loop. ROI statistics and voxel samples agree within 1e-9 relative.
 */
class WaveletImageTest {
    private static final List<String> ORDER = List.of("wavelet-LLH", "wavelet-LHL", "wavelet-LHH", "wavelet-HLL",
        "wavelet-HLH", "wavelet-HHL", "wavelet-HHH", "wavelet-LLL");

    @Test
    void coif1MatchesPywt() {
        List<DerivedImage> out = new WaveletImage().apply(FilterReference.brain1(), FilterReference.brain1Mask(),
            new ExtractionSettings());
        assertEquals(ORDER, out.stream().map(DerivedImage::name).toList());
        for (DerivedImage d : out) {
            assertEquals(PixelType.FLOAT64, d.image().pixelType());
            FilterReference.assertMatches(d.name(), d.image().voxels(), 1e-9);
        }
    }

    @Test
    void dmeyMatchesPywt() {
        ExtractionSettings s = new ExtractionSettings();
        s.wavelet = "dmey";
        for (DerivedImage d : new WaveletImage().apply(FilterReference.brain1(), FilterReference.brain1Mask(), s)) {
            if (d.name().equals("wavelet-HHL") || d.name().equals("wavelet-LLL")) {
                FilterReference.assertMatches("dmey-" + d.name(), d.image().voxels(), 1e-9);
            }
        }
    }

    @Test
    void levelsStartLevelAnd2DNames() {
        Geometry g = new Geometry(5, 6, 7, new double[] {1, 1, 1}, new double[3], Geometry.identityDirection());
        double[] v = new double[210];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 37) % 11;
        }
        Image img = new Image(g, v);
        ExtractionSettings s = new ExtractionSettings();
        s.wavelet = "haar";
        s.level = 2;
        List<String> names = new WaveletImage().apply(img, null, s).stream().map(DerivedImage::name).toList();
        assertEquals(15, names.size());
        assertEquals("wavelet-LLH", names.get(0));
        assertEquals("wavelet2-LLH", names.get(7));
        assertEquals("wavelet2-LLL", names.get(14));
        s.level = 1;
        s.force2D = true;
        s.force2Ddimension = 0;
        assertEquals(List.of("wavelet-LH", "wavelet-HL", "wavelet-HH", "wavelet-LL"),
            new WaveletImage().apply(img, null, s).stream().map(DerivedImage::name).toList());
        s.wavelet = "nope";
        assertThrows(IllegalArgumentException.class, () -> new WaveletImage().apply(img, null, s));
    }

    @Test
    void haarOnEvenSignalIsPairwiseSumAndDifference() {
        // pywt haar dec_lo = (1/sqrt2, 1/sqrt2), dec_hi = (-1/sqrt2, 1/sqrt2); with alignment F/2 = 1
        // output[o] = f[0] x[o+1] + f[1] x[o]
        Geometry g = new Geometry(4, 1, 1, new double[] {1, 1, 1}, new double[3], Geometry.identityDirection());
        ExtractionSettings s = new ExtractionSettings();
        s.wavelet = "haar";
        s.force2D = true;
        s.force2Ddimension = 1; // numpy axis 1 = y: transform x and z only; y and z have size 1
        List<DerivedImage> out = new WaveletImage().apply(new Image(g, new double[] {1, 2, 4, 8}), null, s);
        double r = Math.sqrt(0.5);
        double[] ll = out.get(3).image().voxels();
        // along z (size 1, padded to 2 by wrap) the low pass doubles by r*2; along x pairs (x[o], x[o+1])
        double[] x = {1, 2, 4, 8};
        for (int o = 0; o < 4; o++) {
            assertEquals(r * (x[(o + 1) % 4] + x[o]) * (2 * r), ll[o], 1e-12);
        }
        for (String name : WaveletFilterBank.all().keySet()) {
            WaveletFilterBank b = WaveletFilterBank.of(name);
            assertEquals(b.decLo().length, b.decHi().length, name);
        }
    }
}
