package org.radspark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.radspark.TestData;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;

/**
 * IBSI-1 CT phantom: the DICOM series + RTSTRUCT give the NIfTI conversion's voxel grid, intensities
 * and mask (the data set's README records that the two were checked voxel for voxel upstream).
 */
class CtPhantomDicomVsNiftiTest {

    @Test
    void dicomSeriesAndRtstructEqualTheNiftiImageAndMask() {
        Path ct = TestData.path("ibsi1/ct_phantom");
        Image nifti = VolumeReaders.readImage(ct.resolve("nifti/image.nii.gz"), null);
        Mask niftiMask = VolumeReaders.readMask(ct.resolve("nifti/mask.nii.gz"), nifti.geometry(), MaskSelection.NONE);
        Image dicom = VolumeReaders.readImage(ct.resolve("dicom/image"), null);
        Mask rtstruct = VolumeReaders.readMask(ct.resolve("dicom/mask/rtstruct.dcm"), dicom.geometry(),
            new MaskSelection("GTV-1", null, null));

        Geometry a = nifti.geometry(), b = dicom.geometry();
        assertArrayEquals(new int[] {204, 201, 60}, b.size());
        assertArrayEquals(a.size(), b.size());
        // NIfTI stores the affine as float32; DICOM as decimal strings: equal to float precision
        assertTrue(a.sameGrid(b, 1e-4), a.describeDifference(b, 1e-4));
        assertArrayEquals(a.direction(), b.direction(), 0);

        double[] x = nifti.voxels(), y = dicom.voxels();
        for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i]) {
                throw new AssertionError("voxel " + i + ": NIfTI " + x[i] + ", DICOM " + y[i]);
            }
        }
        assertEquals(125256, niftiMask.count(1));
        assertEquals(125256, rtstruct.count(1));
        assertArrayEquals(niftiMask.labels(), rtstruct.labels(), "RTSTRUCT rasterisation equals the NIfTI mask");
    }
}
