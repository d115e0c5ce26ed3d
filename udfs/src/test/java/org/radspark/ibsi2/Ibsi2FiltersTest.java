package org.radspark.ibsi2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.radspark.image.Geometry;
import org.radspark.image.Image;

/** Properties of the IBSI-2 building blocks that the reference maps do not cover. */
class Ibsi2FiltersTest {
    private static Image volume(int nx, int ny, int nz, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[nx * ny * nz];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return new Image(new Geometry(nx, ny, nz, new double[] {1, 1, 1}, new double[3], Geometry.identityDirection()), v);
    }

    @Test
    void boundaryConditionsReadTheDocumentedVoxels() {
        int n = 4; // a b c d
        assertEquals(-1, BoundaryCondition.ZERO.map(-1, n));
        assertEquals(0, BoundaryCondition.NEAREST.map(-3, n));
        assertEquals(3, BoundaryCondition.NEAREST.map(6, n));
        assertEquals(3, BoundaryCondition.PERIODIC.map(-1, n));
        assertEquals(1, BoundaryCondition.PERIODIC.map(5, n));
        // mirror repeats the edge voxel: ... c b a | a b c d | d c b ...
        assertEquals(0, BoundaryCondition.MIRROR.map(-1, n));
        assertEquals(2, BoundaryCondition.MIRROR.map(-3, n));
        assertEquals(3, BoundaryCondition.MIRROR.map(4, n));
        assertEquals(1, BoundaryCondition.MIRROR.map(6, n));
        assertEquals(BoundaryCondition.MIRROR, BoundaryCondition.parse("reflect"));
        assertEquals(BoundaryCondition.PERIODIC, BoundaryCondition.parse("wrap"));
    }

    @ParameterizedTest
    @EnumSource(WaveletFamily.class)
    void waveletFilterBanksAreOrthonormalWithVanishingMoments(WaveletFamily w) {
        double[] lo = w.lowPass(), hi = w.highPass();
        double sum = 0, sumHi = 0;
        for (int k = 0; k < lo.length; k++) {
            sum += lo[k];
            sumHi += hi[k];
        }
        assertEquals(Math.sqrt(2), sum, 1e-12);
        assertEquals(0, sumHi, 1e-12);
        for (int shift = 0; shift < lo.length; shift += 2) {
            double ll = 0, lh = 0;
            for (int k = 0; k + shift < lo.length; k++) {
                ll += lo[k] * lo[k + shift];
                lh += lo[k] * hi[k + shift] + hi[k] * lo[k + shift];
            }
            assertEquals(shift == 0 ? 1 : 0, ll, 1e-12, w + " low-pass shift " + shift);
        }
        int moments = w == WaveletFamily.HAAR ? 1 : w == WaveletFamily.DB3 ? 3 : 2;
        for (int p = 0; p < moments; p++) {
            double m = 0;
            for (int k = 0; k < hi.length; k++) {
                m += Math.pow(k, p) * hi[k];
            }
            assertEquals(0, m, 1e-10, w + " vanishing moment " + p);
        }
    }

    @Test
    void fftMatchesDirectDftForAnyLength() {
        for (int n : new int[] {1, 2, 8, 5, 12, 63}) {
            Random rnd = new Random(n);
            double[] re = new double[n], im = new double[n];
            for (int i = 0; i < n; i++) {
                re[i] = rnd.nextGaussian();
                im[i] = rnd.nextGaussian();
            }
            double[] r2 = re.clone(), i2 = im.clone();
            Fft fft = new Fft(n);
            fft.transform(r2, i2, false);
            for (int k = 0; k < n; k++) {
                double sr = 0, si = 0;
                for (int t = 0; t < n; t++) {
                    double a = -2 * Math.PI * ((long) t * k % n) / n;
                    sr += re[t] * Math.cos(a) - im[t] * Math.sin(a);
                    si += re[t] * Math.sin(a) + im[t] * Math.cos(a);
                }
                assertEquals(sr, r2[k], 1e-9);
                assertEquals(si, i2[k], 1e-9);
            }
            fft.transform(r2, i2, true);
            for (int k = 0; k < n; k++) {
                assertEquals(re[k], r2[k], 1e-9);
                assertEquals(im[k], i2[k], 1e-9);
            }
        }
    }

    @Test
    void rotationSetsAreGroupsOfTheRightSize() {
        assertEquals(24, Rotations.of(3).size());
        assertEquals(4, Rotations.of(2).size());
        Image img = volume(5, 6, 7, 1);
        for (Rotations.Rotation r : Rotations.of(3)) {
            double[] back = r.backward(r.forward(img.voxels(), img.geometry().size()), img.geometry().size());
            assertTrue(java.util.Arrays.equals(img.voxels(), back));
        }
    }

    @Test
    void rotationInvariantResponsesCommuteWithRotations() {
        // pooling over the whole rotation group makes the filter commute with a right-angle rotation
        Image img = volume(8, 8, 8, 2);
        int[] dims = img.geometry().size();
        Rotations.Rotation turn = Rotations.of(3).get(5);
        Image turned = new Image(img.geometry(), turn.forward(img.voxels(), dims));
        ConvolutionalFilter[] filters = {
            new SeparableWaveletFilter(WaveletFamily.DB2, "HLH", 1, 3, true, Pooling.AVERAGE, BoundaryCondition.PERIODIC),
            new LawsFilter("L5E5S5", 3, true, Pooling.MAX, 2, BoundaryCondition.PERIODIC)};
        for (ConvolutionalFilter f : filters) {
            double[] a = turn.forward(f.apply(img).voxels(), dims);
            double[] b = f.apply(turned).voxels();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-9, f.describe());
            }
        }
    }

    @Test
    void lawsKernelsAreUnitNormAndEnergyIsNonNegative() {
        for (String k : new String[] {"L5", "E5", "S5", "W5", "R5", "L3", "E3", "S3"}) {
            double n = 0;
            for (double x : LawsFilter.oneD(k)) {
                n += x * x;
            }
            assertEquals(1, n, 1e-12, k);
        }
        // E5 turns a unit ramp along x into a constant
        double[] v = new double[9 * 9 * 9];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 9;
        }
        Image ramp = new Image(new Geometry(9, 9, 9, new double[] {1, 1, 1}, new double[3], Geometry.identityDirection()), v);
        Image e = new LawsFilter("E5L5L5", 3, false, Pooling.MAX, -1, BoundaryCondition.NEAREST).apply(ramp);
        // true convolution: sum_t E5[t] * (n + 2 - t) = -sum_t t * E5[t] = -8/sqrt10, times the L5 gain 16/sqrt70 twice
        double expected = -8 / Math.sqrt(10) * Math.pow(16 / Math.sqrt(70), 2);
        assertEquals(expected, e.get(4, 4, 4), 1e-9);
        Image energy = new LawsFilter("E5L5L5", 3, false, Pooling.MAX, 1, BoundaryCondition.NEAREST).apply(ramp);
        assertEquals(Math.abs(expected), energy.get(4, 4, 4), 1e-9);
    }

    @Test
    void gaborModulusOfAMatchingGratingIsFlatInside() {
        int n = 40;
        double lambda = 8;
        double[] v = new double[n * n * 3];
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    v[i + n * (j + n * k)] = Math.cos(2 * Math.PI * i / lambda);
                }
            }
        }
        Image g = new Image(new Geometry(n, n, 3, new double[] {1, 1, 1}, new double[3], Geometry.identityDirection()), v);
        Image along = new GaborFilter(3, lambda, 1, 0, false, 360, Pooling.AVERAGE, false, 4, BoundaryCondition.PERIODIC).apply(g);
        Image across = new GaborFilter(3, lambda, 1, 90, false, 360, Pooling.AVERAGE, false, 4, BoundaryCondition.PERIODIC).apply(g);
        // a grating along x excites the theta = 0 kernel, barely the theta = 90 one; the modulus barely ripples
        // (only the envelope's small response to the negative frequency modulates it)
        double a0 = along.get(20, 20, 1), a1 = along.get(23, 17, 1);
        assertEquals(a0, a1, 1e-3 * a0);
        assertTrue(across.get(20, 20, 1) < 0.01 * a0);
        Image pooled = new GaborFilter(3, lambda, 1, 0, true, 90, Pooling.MAX, false, 4, BoundaryCondition.PERIODIC).apply(g);
        assertEquals(a0, pooled.get(20, 20, 1), 1e-9 * a0);
    }

    @Test
    void simoncelliIsABandPassWithoutDc() {
        Image img = volume(16, 16, 16, 3);
        double[] c = img.voxels().clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = 5.0; // constant image: only DC, which the band-pass removes
        }
        Image flat = new Image(img.geometry(), c);
        for (BoundaryCondition bc : BoundaryCondition.values()) {
            if (bc == BoundaryCondition.ZERO) {
                continue; // zero padding makes the constant image a box, with edges
            }
            Image r = new NonSeparableWaveletFilter(1, 3, bc).apply(flat);
            for (double x : r.voxels()) {
                assertEquals(0, x, 1e-9, bc.name());
            }
        }
        assertEquals(1.0, NonSeparableWaveletFilter.response(0.5, 1), 1e-12);
        assertEquals(0.0, NonSeparableWaveletFilter.response(0.25, 1), 1e-12);
        assertEquals(1.0, NonSeparableWaveletFilter.response(0.25, 2), 1e-12);
        // periodic filtering of a sum of two DFT-bin sinusoids keeps the in-band one only
        int n = 32;
        double[] v = new double[n * n * n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    v[i + n * (j + n * k)] = Math.cos(2 * Math.PI * 8 * i / n) + Math.cos(2 * Math.PI * 2 * j / n);
                }
            }
        }
        Image two = new Image(new Geometry(n, n, n, new double[] {1, 1, 1}, new double[3], Geometry.identityDirection()), v);
        Image r = new NonSeparableWaveletFilter(1, 3, BoundaryCondition.PERIODIC).apply(two);
        for (int i = 0; i < n; i++) {
            // nu = 2 * 8/32 = 0.5: weight 1; nu = 2 * 2/32 = 0.125: outside level 1
            assertEquals(Math.cos(2 * Math.PI * 8 * i / n), r.get(i, 3, 5), 1e-9);
        }
    }

    @Test
    void configRejectsUnknownAndMissingKeys() {
        assertThrows(IllegalArgumentException.class, () -> Ibsi2FilterConfig.fromYaml("ibsi2:\n  filter: mean\n"));
        assertThrows(IllegalArgumentException.class,
            () -> Ibsi2FilterConfig.fromYaml("ibsi2:\n  filter: mean\n  support: 3\n  sigma: 2\n"));
        assertThrows(IllegalArgumentException.class,
            () -> Ibsi2FilterConfig.fromYaml("ibsi2:\n  filter: wavelet\n  wavelet: db9\n  subBand: LLH\n"));
        assertThrows(IllegalArgumentException.class, () -> Ibsi2FilterConfig.fromYaml("filter: mean\n"));
        ConvolutionalFilter f = Ibsi2FilterConfig.fromYaml(
            "ibsi2:\n  filter: gabor\n  sigma: 5\n  lambda: 4\n  gamma: 1.5\n  rotationInvariant: true\n  thetaStep: 45\n"
                + "  pooling: max\n  boundary: nearest\n");
        assertTrue(f instanceof GaborFilter);
        assertTrue(Ibsi2FilterConfig.fromYaml("ibsi2:\n  filter: simoncelli\n  level: 2\n  dimensions: 2\n")
            instanceof NonSeparableWaveletFilter);
        // a phase-2 parameter file: the ibsi: block is ignored here, any other top-level block is not
        assertTrue(Ibsi2FilterConfig.fromYaml("ibsi: {dimensions: 3D}\nibsi2: {filter: none}\n") instanceof IdentityFilter);
        assertThrows(IllegalArgumentException.class,
            () -> Ibsi2FilterConfig.fromYaml("setting: {}\nibsi2: {filter: none}\n"));
    }

    @Test
    void identityFilterCopiesTheImage() {
        Geometry g = new Geometry(2, 2, 1, new double[] {1, 1, 1},
            new double[3], Geometry.identityDirection());
        double[] v = {1, -2, 3.5, 4};
        Image in = new Image(g, v);
        Image out = new IdentityFilter().apply(in);
        assertArrayEquals(v, out.voxels());
        assertTrue(out.voxels() != in.voxels(), "a copy, not the input array");
    }
}
