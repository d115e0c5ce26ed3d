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
 * IBSI-1 configuration A on the CT phantom (testdata/reference/ibsi1_configurations.md): 2D, no
 * interpolation, intensities rounded to integers, range re-segmentation [-500, 400] HU of the
 * intensity mask only, fixed bin size 25 HU from -500 HU. The GLDZM distance uses the
 * morphological (not re-segmented) mask. Only 2D and 2.5D aggregations have reference values.
 */
class ConfigATextureTest {
    static final double LOW = -500, HIGH = 400, BIN = 25;

    @Test
    void configARowsMatch() {
        Image image = VolumeReaders.readImage(TestData.path("ibsi1/ct_phantom/nifti/image.nii.gz"), null);
        Geometry g = image.geometry();
        Mask mask = VolumeReaders.readMask(TestData.path("ibsi1/ct_phantom/nifti/mask.nii.gz"), g, MaskSelection.NONE);
        int n = (int) g.voxelCount();
        int[] levels = new int[n];
        byte[] intensity = new byte[n];
        byte[] morphological = new byte[n];
        // FBS: X_d = floor((X - X_min) / w) + 1. The matrix size N_g is the bin count the range implies,
        // ceil((400 - -500) / 25) = 36: the IBSI config A values of the N_g-dependent GLCM features
        // (normalised inverse difference) are reproduced with 36 and missed with 37 (floor(...) + 1).
        // No ROI voxel sits at exactly 400 HU here (levels run 1..36); should one, it would need bin 37.
        int ng = (int) Math.ceil((HIGH - LOW) / BIN);
        for (int idx = 0; idx < n; idx++) {
            if (mask.labels()[idx] == 0) {
                continue;
            }
            morphological[idx] = 1;
            double x = Math.rint(image.voxels()[idx]);
            if (x >= LOW && x <= HIGH) {
                intensity[idx] = 1;
                levels[idx] = (int) Math.floor((x - LOW) / BIN) + 1;
            }
        }
        for (int idx = 0; idx < n; idx++) {
            ng = Math.max(ng, levels[idx]);
        }
        IbsiVolume v = new IbsiVolume(g.nx(), g.ny(), g.nz(), g.spacing(), levels, intensity, ng);
        long t0 = System.nanoTime();
        List<IbsiValue> computed = new ArrayList<>();
        computed.addAll(GlcmFamily.compute(v));
        computed.addAll(GlrlmFamily.compute(v));
        computed.addAll(GlszmFamily.compute(v));
        computed.addAll(GldzmFamily.compute(v, morphological));
        computed.addAll(NgtdmFamily.compute(v));
        computed.addAll(NgldmFamily.compute(v));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        List<IbsiReference.Row> rows = IbsiReference.rows("config A", DigitalPhantomTextureTest.FAMILIES);
        assertEquals((25 + 16) * 4 + (16 + 16 + 5 + 17) * 2, rows.size());
        List<IbsiReference.Check> checks = IbsiReference.check(rows, computed);
        String md = IbsiReference.summary("IBSI-1 texture families: CT phantom, configuration A", checks)
            + "\nGrid " + g.nx() + "x" + g.ny() + "x" + g.nz() + ", ng = " + ng + ", six families computed in "
            + ms + " ms.\n";
        IbsiReference.write("ibsi-texture-config-a.md", md);
        System.out.println(md);
        long bad = checks.stream().filter(c -> !c.matched()).count();
        assertTrue(bad == 0, bad + " config A rows unmatched; see target/ibsi-texture-config-a.md");
    }
}
