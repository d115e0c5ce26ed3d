package org.radspark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.TestData;
import org.radspark.image.Geometry;
import org.radspark.image.Image;

class NiftiWriterTest {
    @TempDir
    Path tmp;

    private static void assertRoundTrip(Image img, Path file) throws Exception {
        NiftiWriter.write(img, file);
        Image back = NiftiReader.read(file);
        assertTrue(back.geometry().sameGrid(img.geometry(), 1e-4), back.geometry().describeDifference(img.geometry(), 1e-4));
        double[] a = img.voxels(), b = back.voxels();
        for (int i = 0; i < a.length; i++) {
            assertEquals((float) a[i], b[i], 0.0);
        }
    }

    @Test
    void obliqueGeometryAndFloatValuesSurviveGzipAndPlain() throws Exception {
        // a rotation about an oblique axis, and a reflected one (negative determinant, qfac = -1)
        double c = Math.cos(0.3), s = Math.sin(0.3);
        double[] rot = {c, -s, 0, s * Math.cos(0.2), c * Math.cos(0.2), -Math.sin(0.2), s * Math.sin(0.2),
            c * Math.sin(0.2), Math.cos(0.2)};
        double[] reflected = rot.clone();
        for (int r = 0; r < 3; r++) {
            reflected[3 * r + 2] = -reflected[3 * r + 2];
        }
        Random rnd = new Random(7);
        for (double[] dir : new double[][] {rot, reflected, Geometry.identityDirection()}) {
            Geometry g = new Geometry(7, 5, 3, new double[] {0.8, 1.25, 3}, new double[] {-120.5, 33.25, 7}, dir);
            double[] v = new double[(int) g.voxelCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rnd.nextGaussian() * 1000;
            }
            Image img = new Image(g, v);
            assertRoundTrip(img, tmp.resolve("a.nii.gz"));
            assertRoundTrip(img, tmp.resolve("a.nii"));
            // the qform alone describes the same grid: clear sform_code and read again
            Path plain = tmp.resolve("a.nii");
            byte[] bytes = java.nio.file.Files.readAllBytes(plain);
            bytes[254] = 0;
            bytes[255] = 0;
            Path qOnly = tmp.resolve("q.nii");
            java.nio.file.Files.write(qOnly, bytes);
            Geometry q = NiftiReader.read(qOnly).geometry();
            assertTrue(q.sameGrid(g, 1e-4), q.describeDifference(g, 1e-4));
        }
    }

    @Test
    void ctPhantomKeepsItsRasAffine() throws Exception {
        Image ct = NiftiReader.read(TestData.path("ibsi1/ct_phantom/nifti/image.nii.gz"));
        Path out = tmp.resolve("ct.nii.gz");
        assertRoundTrip(ct, out);
        assertArrayEquals(ct.geometry().origin(), NiftiReader.read(out).geometry().origin(), 1e-3);
    }

    @Test
    void quaternionOfIdentityAndHalfTurn() {
        assertArrayEquals(new double[] {1, 0, 0, 0}, NiftiWriter.quaternion(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0, 1}, NiftiWriter.quaternion(new double[][] {{-1, 0, 0}, {0, -1, 0}, {0, 0, 1}}), 1e-12);
    }
}
