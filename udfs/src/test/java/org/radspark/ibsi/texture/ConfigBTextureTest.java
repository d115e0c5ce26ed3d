package org.radspark.ibsi.texture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.radspark.TestData;
import org.radspark.ibsi.IbsiValue;
import org.radspark.ibsi.IbsiVolume;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.MaskSelection;
import org.radspark.io.VolumeReaders;

/**
 * IBSI-1 configuration B on the CT phantom (testdata/reference/ibsi1_configurations.md): 2D, in-plane
 * bilinear interpolation to 2 x 2 mm on the align-grid-centers grid (slices kept), intensities rounded,
 * mask interpolated bilinearly and kept where >= 0.5, range re-segmentation [-500, 400] HU of the
 * intensity mask, fixed bin number 32. The interpolation here is a small test-only stand-in, written
 * from the manual's grid rules, until the IBSI interpolation of org.radspark.ibsi is available.
 */
class ConfigBTextureTest {
    static final double LOW = -500, HIGH = 400, TARGET = 2.0;
    static final int BINS = 32;

    @Test
    void configBRowsMatch() {
        Image image = VolumeReaders.readImage(TestData.path("ibsi1/ct_phantom/nifti/image.nii.gz"), null);
        Geometry g = image.geometry();
        Mask mask = VolumeReaders.readMask(TestData.path("ibsi1/ct_phantom/nifti/mask.nii.gz"), g, MaskSelection.NONE);
        int na = g.nx() * g.ny() * g.nz();
        double[] img = new double[na];
        double[] msk = new double[na];
        for (int idx = 0; idx < na; idx++) {
            img[idx] = Math.rint(image.voxels()[idx]);
            msk[idx] = mask.labels()[idx] != 0 ? 1.0 : 0.0;
        }
        int nx = (int) Math.ceil(g.nx() * g.spacing(0) / TARGET);
        int ny = (int) Math.ceil(g.ny() * g.spacing(1) / TARGET);
        int nz = g.nz();
        double[] imgB = interpolateInPlane(img, g.nx(), g.ny(), nz, g.spacing(0), g.spacing(1), nx, ny);
        double[] mskB = interpolateInPlane(msk, g.nx(), g.ny(), nz, g.spacing(0), g.spacing(1), nx, ny);
        int n = nx * ny * nz;
        byte[] morphological = new byte[n];
        byte[] intensity = new byte[n];
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int idx = 0; idx < n; idx++) {
            imgB[idx] = Math.rint(imgB[idx]);
            if (mskB[idx] >= 0.5) {
                morphological[idx] = 1;
                if (imgB[idx] >= LOW && imgB[idx] <= HIGH) {
                    intensity[idx] = 1;
                    min = Math.min(min, imgB[idx]);
                    max = Math.max(max, imgB[idx]);
                }
            }
        }
        int[] levels = new int[n];
        for (int idx = 0; idx < n; idx++) {
            if (intensity[idx] != 0) {
                // FBN: floor(N_g (X - X_min) / (X_max - X_min)) + 1, with X_max mapped to N_g
                levels[idx] = Math.min(BINS, (int) Math.floor(BINS * (imgB[idx] - min) / (max - min)) + 1);
            }
        }
        IbsiVolume v = new IbsiVolume(nx, ny, nz, new double[] {TARGET, TARGET, g.spacing(2)}, levels, intensity,
            BINS);
        List<IbsiValue> computed = new ArrayList<>();
        computed.addAll(GlcmFamily.compute(v));
        computed.addAll(GlrlmFamily.compute(v));
        computed.addAll(GlszmFamily.compute(v));
        computed.addAll(GldzmFamily.compute(v, morphological));
        computed.addAll(NgtdmFamily.compute(v));
        computed.addAll(NgldmFamily.compute(v));

        List<IbsiReference.Row> rows = IbsiReference.rows("config B", DigitalPhantomTextureTest.FAMILIES);
        assertEquals((25 + 16) * 4 + (16 + 16 + 5 + 17) * 2, rows.size());
        List<IbsiReference.Check> checks = IbsiReference.check(rows, computed);
        String md = IbsiReference.summary("IBSI-1 texture families: CT phantom, configuration B", checks)
            + "\nGrid " + nx + "x" + ny + "x" + nz + " (test-only in-plane bilinear interpolation), ng = " + BINS
            + ".\n";
        IbsiReference.write("ibsi-texture-config-b.md", md);
        System.out.println(md);
        long bad = checks.stream().filter(c -> !c.matched()).count();
        assertTrue(bad == 0, bad + " config B rows unmatched; see target/ibsi-texture-config-b.md");
    }

    /**
     * Bilinear in-plane resampling of each slice onto the align-grid-centers grid (grid centres of
     * old and new grid share their middle; new origin offset (s_a (n_a - 1) - s_b (n_b - 1)) / 2), with
     * positions beyond the old grid clamped to its edge (nearest-boundary extrapolation).
     */
    static double[] interpolateInPlane(double[] src, int ax, int ay, int nz, double sx, double sy, int bx, int by) {
        double ox = (sx * (ax - 1) - TARGET * (bx - 1)) / 2.0 / sx;
        double oy = (sy * (ay - 1) - TARGET * (by - 1)) / 2.0 / sy;
        double stepX = TARGET / sx, stepY = TARGET / sy;
        double[] out = new double[bx * by * nz];
        for (int k = 0; k < nz; k++) {
            int srcBase = ax * ay * k;
            for (int j = 0; j < by; j++) {
                double y = Math.min(ay - 1, Math.max(0, oy + j * stepY));
                int y0 = Math.min(ay - 2, (int) Math.floor(y));
                double fy = y - y0;
                for (int i = 0; i < bx; i++) {
                    double x = Math.min(ax - 1, Math.max(0, ox + i * stepX));
                    int x0 = Math.min(ax - 2, (int) Math.floor(x));
                    double fx = x - x0;
                    int p = srcBase + x0 + ax * y0;
                    double top = src[p] * (1 - fx) + src[p + 1] * fx;
                    double bottom = src[p + ax] * (1 - fx) + src[p + ax + 1] * fx;
                    out[i + bx * (j + by * k)] = top * (1 - fy) + bottom * fy;
                }
            }
        }
        return out;
    }
}
