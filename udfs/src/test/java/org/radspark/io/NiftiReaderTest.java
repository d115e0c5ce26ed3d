package org.radspark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.radspark.io.NrrdReaderTest.count;
import static org.radspark.io.NrrdReaderTest.gzip;
import static org.radspark.io.NrrdReaderTest.max;
import static org.radspark.io.NrrdReaderTest.min;
import static org.radspark.io.NrrdReaderTest.sum;
import static org.radspark.io.NrrdReaderTest.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.image.Geometry;
import org.radspark.image.Image;

class NiftiReaderTest {
    @TempDir
    Path tmp;

    @Test
    void ctPhantomImage() {
        Image img = NiftiReader.read(testdata("ibsi1/ct_phantom/nifti/image.nii.gz"));
        Geometry g = img.geometry();
        assertArrayEquals(new int[] {204, 201, 60}, g.size());
        // header (float32): pixdim 0.977 0.977 3, sform_code 1,
        // srow_x (-0.977 0 0 174.3945), srow_y (0 -0.977 0 79.6255), srow_z (0 0 3 -100.4)
        assertArrayEquals(new double[] {0.977f, 0.977f, 3.0}, g.spacing(), 0);
        assertArrayEquals(Geometry.identityDirection(), g.direction(), 0);
        assertArrayEquals(new double[] {-174.3945f, -79.6255f, -100.4f}, g.origin(), 0);
        assertArrayEquals(new double[] {-174.39450073242188, -79.62550354003906, -100.4000015258789}, g.origin(), 0);
        // numpy reference on the decompressed float32 payload
        double[] v = img.voxels();
        assertEquals(-1000, min(v));
        assertEquals(3065, max(v));
        assertEquals(-655581056.0, sum(v));
        assertEquals(53, img.get(100, 100, 30));
    }

    @Test
    void ctPhantomMask() {
        Image mask = NiftiReader.read(testdata("ibsi1/ct_phantom/nifti/mask.nii.gz"));
        assertArrayEquals(new int[] {204, 201, 60}, mask.geometry().size());
        assertEquals(125256, count(mask.voxels(), 1));
        assertEquals(125256, count(mask.voxels(), x -> x != 0));
        Image img = NiftiReader.read(testdata("ibsi1/ct_phantom/nifti/image.nii.gz"));
        assertEquals(img.geometry().toString(), mask.geometry().toString());
    }

    @Test
    void digitalPhantom() {
        Image img = NiftiReader.read(testdata("ibsi1/digital_phantom/image.nii.gz"));
        Geometry g = img.geometry();
        assertArrayEquals(new int[] {5, 4, 4}, g.size());
        assertArrayEquals(new double[] {2, 2, 2}, g.spacing(), 0);
        assertArrayEquals(Geometry.identityDirection(), g.direction(), 0);
        assertArrayEquals(new double[] {0, 0, 0}, g.origin(), 0);
        // numpy reference (int16 payload): 80 voxels summing to 173, 55 of them equal to 1
        assertEquals(173.0, sum(img.voxels()));
        assertEquals(55, count(img.voxels(), 1));
        assertEquals(1, img.get(1, 2, 3));
        Image mask = NiftiReader.read(testdata("ibsi1/digital_phantom/mask.nii.gz"));
        assertEquals(74, count(mask.voxels(), 1));
    }

    @Test
    void qformAndPixdimFallbacks() throws IOException {
        byte[] nii = gunzip(testdata("ibsi1/digital_phantom/image.nii.gz"));
        // sform_code = 0: the qform (quaternion 0,0,1 = 180 degrees about z, qfac 1) gives the same grid
        ByteBuffer.wrap(nii).order(ByteOrder.LITTLE_ENDIAN).putShort(254, (short) 0);
        Path q = tmp.resolve("qform.nii");
        Files.write(q, nii);
        Image viaQform = NiftiReader.read(q);
        assertArrayEquals(Geometry.identityDirection(), viaQform.geometry().direction(), 1e-12);
        assertArrayEquals(new double[] {2, 2, 2}, viaQform.geometry().spacing(), 0);
        // qform_code = 0 too: pixdim scaling in RAS, i.e. x and y flipped in LPS
        ByteBuffer.wrap(nii).order(ByteOrder.LITTLE_ENDIAN).putShort(252, (short) 0);
        Path p = tmp.resolve("pixdim.nii");
        Files.write(p, nii);
        Geometry g = NiftiReader.read(p).geometry();
        assertArrayEquals(new double[] {-1, 0, 0, 0, -1, 0, 0, 0, 1}, g.direction(), 0);
        assertArrayEquals(new double[] {2, 2, 2}, g.spacing(), 0);
    }

    @Test
    void gzipDetectedByMagicNotExtension() throws IOException {
        Path plainNamedGz = tmp.resolve("plain.nii.gz");
        Files.write(plainNamedGz, gunzip(testdata("ibsi1/digital_phantom/image.nii.gz")));
        Path gzNamedPlain = tmp.resolve("packed.nii");
        Files.copy(testdata("ibsi1/digital_phantom/image.nii.gz"), gzNamedPlain);
        double[] expect = NiftiReader.read(testdata("ibsi1/digital_phantom/image.nii.gz")).voxels();
        assertArrayEquals(expect, NiftiReader.read(plainNamedGz).voxels(), 0);
        assertArrayEquals(expect, NiftiReader.read(gzNamedPlain).voxels(), 0);
    }

    @Test
    void bigEndianNifti1WithScalingAndQform() throws IOException {
        // 2x3x2 uint16, slope 0.5 inter -10; qform: 90 degrees about z (b=c=0, d=sin 45), qfac -1
        ByteBuffer h = ByteBuffer.allocate(352 + 24).order(ByteOrder.BIG_ENDIAN);
        h.putInt(0, 348);
        short[] dim = {3, 2, 3, 2, 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            h.putShort(40 + 2 * i, dim[i]);
        }
        h.putShort(70, (short) 512).putShort(72, (short) 16);
        float[] pixdim = {-1, 1.5f, 2, 4, 0, 0, 0, 0};
        for (int i = 0; i < 8; i++) {
            h.putFloat(76 + 4 * i, pixdim[i]);
        }
        h.putFloat(108, 352).putFloat(112, 0.5f).putFloat(116, -10);
        h.putShort(252, (short) 1).putShort(254, (short) 0);
        float s = (float) Math.sqrt(0.5);
        h.putFloat(256, 0).putFloat(260, 0).putFloat(264, s);
        h.putFloat(268, 5).putFloat(272, 6).putFloat(276, 7);
        h.put(344, "n+1\0".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 12; i++) {
            h.putShort(352 + 2 * i, (short) (i == 11 ? 65535 : i * 10));
        }
        Path f = tmp.resolve("be.nii");
        Files.write(f, h.array());
        Image img = NiftiReader.read(f);
        Geometry g = img.geometry();
        assertArrayEquals(new int[] {2, 3, 2}, g.size());
        assertArrayEquals(new double[] {1.5, 2, 4}, g.spacing(), 1e-6);
        // RAS rotation: i -> +y, j -> -x, k -> -z (qfac -1); LPS negates x and y
        assertArrayEquals(new double[] {0, 1, 0, -1, 0, 0, 0, 0, -1}, g.direction(), 1e-6);
        assertArrayEquals(new double[] {-5, -6, 7}, g.origin(), 0);
        assertEquals(-10, img.voxels()[0]);
        assertEquals(0.5 * 30 - 10, img.voxels()[3]);
        assertEquals(0.5 * 65535 - 10, img.voxels()[11]);
    }

    @Test
    void nifti2LittleAndBigEndian() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            // 3x2x1 float64 with an sform that swaps i and j and has 0.25/0.5/2 mm steps
            ByteBuffer h = ByteBuffer.allocate(544 + 6 * 8).order(order);
            h.putInt(0, 540);
            h.put(4, new byte[] {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'});
            h.putShort(12, (short) 64).putShort(14, (short) 64);
            long[] dim = {3, 3, 2, 1, 1, 1, 1, 1};
            for (int i = 0; i < 8; i++) {
                h.putLong(16 + 8 * i, dim[i]);
                h.putDouble(104 + 8 * i, 1);
            }
            h.putLong(168, 544);
            h.putDouble(176, 0).putDouble(184, 0);
            h.putInt(344, 0).putInt(348, 2);
            double[][] srow = {{0, 0.5, 0, -3}, {0.25, 0, 0, 4}, {0, 0, 2, 5}};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    h.putDouble(400 + 32 * r + 8 * c, srow[r][c]);
                }
            }
            double[] values = {0.125, -1e10, 3, 4.5, Double.MAX_VALUE, -0.0};
            for (int i = 0; i < values.length; i++) {
                h.putDouble(544 + 8 * i, values[i]);
            }
            Path f = tmp.resolve("n2_" + order + ".nii.gz");
            Files.write(f, gzip(h.array()));
            Image img = NiftiReader.read(f);
            Geometry g = img.geometry();
            assertArrayEquals(new int[] {3, 2, 1}, g.size());
            assertArrayEquals(new double[] {0.25, 0.5, 2}, g.spacing(), 0);
            // RAS columns i -> (0,0.25,0), j -> (0.5,0,0); LPS: i -> (0,-1,0), j -> (-1,0,0)
            assertArrayEquals(new double[] {0, -1, 0, -1, 0, 0, 0, 0, 1}, g.direction(), 0);
            assertArrayEquals(new double[] {3, -4, 5}, g.origin(), 0);
            assertArrayEquals(values, img.voxels(), 0);
        }
    }

    @Test
    void allIntegerDatatypes() throws IOException {
        int[][] types = {{2, 1}, {256, 1}, {4, 2}, {512, 2}, {8, 4}, {768, 4}, {1024, 8}, {1280, 8}, {16, 4}};
        for (int[] t : types) {
            int datatype = t[0], size = t[1];
            ByteBuffer h = ByteBuffer.allocate(352 + 2 * size).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0, 348);
            h.putShort(40, (short) 3).putShort(42, (short) 2).putShort(44, (short) 1).putShort(46, (short) 1);
            h.putShort(70, (short) datatype).putShort(72, (short) (8 * size));
            h.putFloat(76, 1).putFloat(80, 1).putFloat(84, 1).putFloat(88, 1);
            h.putFloat(108, 352);
            h.put(344, "n+1\0".getBytes(StandardCharsets.US_ASCII));
            boolean signed = datatype == 256 || datatype == 4 || datatype == 8 || datatype == 1024 || datatype == 16;
            // all-ones bit pattern then 100: -1 when signed, the type's maximum when unsigned
            double[] expect = {signed ? -1 : Math.pow(2, 8 * size) - 1, 100};
            if (datatype == 16) {
                h.putFloat(352, -1f).putFloat(356, 100f);
            } else {
                for (int i = 0; i < size; i++) {
                    h.put(352 + i, (byte) 0xFF);
                }
                h.put(352 + size, (byte) 100);
            }
            Path f = tmp.resolve("dt" + datatype + ".nii");
            Files.write(f, h.array());
            assertArrayEquals(expect, NiftiReader.read(f).voxels(), 0, "datatype " + datatype);
        }
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] nii = gunzip(testdata("ibsi1/digital_phantom/image.nii.gz"));
        Path f = tmp.resolve("short_header.nii");
        Files.write(f, Arrays.copyOf(nii, 100));
        ReadException e = assertThrows(ReadException.class, () -> NiftiReader.read(f));
        assertEquals(f + ": truncated header: expected 348 bytes, got 100", e.getMessage());
    }

    @Test
    void truncatedDataUncompressed() throws IOException {
        byte[] nii = gunzip(testdata("ibsi1/ct_phantom/nifti/mask.nii.gz"));
        Path f = tmp.resolve("mask.nii");
        Files.write(f, Arrays.copyOf(nii, 352 + 1000));
        ReadException e = assertThrows(ReadException.class, () -> NiftiReader.read(f));
        assertEquals(f + ": truncated data: expected 2460240 bytes, got 1000", e.getMessage());
    }

    @Test
    void truncatedDataInCompleteGzipStream() throws IOException {
        byte[] nii = gunzip(testdata("ibsi1/ct_phantom/nifti/image.nii.gz"));
        Path f = tmp.resolve("image.nii.gz");
        Files.write(f, gzip(Arrays.copyOf(nii, 352 + 4000)));
        ReadException e = assertThrows(ReadException.class, () -> NiftiReader.read(f));
        assertEquals(f + ": truncated data: expected 9840960 bytes, got 4000", e.getMessage());
    }

    @Test
    void gzipStreamCutShort() throws IOException {
        byte[] gz = Files.readAllBytes(testdata("ibsi1/ct_phantom/nifti/mask.nii.gz"));
        Path f = tmp.resolve("mask.nii.gz");
        Files.write(f, Arrays.copyOf(gz, gz.length / 2));
        ReadException e = assertThrows(ReadException.class, () -> NiftiReader.read(f));
        assertEquals(f + ": truncated data: gzip stream ended early", e.getMessage());

        Path g = tmp.resolve("tiny.nii.gz");
        Files.write(g, Arrays.copyOf(gz, 12));
        ReadException e2 = assertThrows(ReadException.class, () -> NiftiReader.read(g));
        assertEquals(g + ": truncated header: gzip stream ended early", e2.getMessage());
    }

    @Test
    void wrongMagicAndHeaderSize() throws IOException {
        Path f = tmp.resolve("hello.nii");
        Files.writeString(f, "hello, this is not an image at all");
        int size = ByteBuffer.wrap("hell".getBytes(StandardCharsets.US_ASCII)).order(ByteOrder.LITTLE_ENDIAN).getInt();
        ReadException e = assertThrows(ReadException.class, () -> NiftiReader.read(f));
        assertEquals(f + ": not a NIfTI file (bad header size " + size + ")", e.getMessage());

        Path nrrd = testdata("pyradiomics/breast1_label.nrrd");
        ReadException e2 = assertThrows(ReadException.class, () -> NiftiReader.read(nrrd));
        assertEquals(nrrd + ": not a NIfTI file (bad header size 1146245710)", e2.getMessage());

        byte[] nii = gunzip(testdata("ibsi1/digital_phantom/image.nii.gz"));
        nii[345] = 'X';
        Path m = tmp.resolve("magic.nii");
        Files.write(m, nii);
        ReadException e3 = assertThrows(ReadException.class, () -> NiftiReader.read(m));
        assertEquals(m + ": not a NIfTI file (bad magic)", e3.getMessage());
    }

    @Test
    void unsupportedDatatypeAnd4d() throws IOException {
        byte[] nii = gunzip(testdata("ibsi1/digital_phantom/image.nii.gz"));
        ByteBuffer.wrap(nii).order(ByteOrder.LITTLE_ENDIAN).putShort(70, (short) 128);
        Path f = tmp.resolve("rgb.nii");
        Files.write(f, nii);
        ReadException e = assertThrows(ReadException.class, () -> NiftiReader.read(f));
        assertEquals(f + ": unsupported NIfTI datatype 128", e.getMessage());

        byte[] four = gunzip(testdata("ibsi1/digital_phantom/image.nii.gz"));
        ByteBuffer.wrap(four).order(ByteOrder.LITTLE_ENDIAN).putShort(40, (short) 4).putShort(48, (short) 2);
        Path g = tmp.resolve("4d.nii");
        Files.write(g, four);
        ReadException e2 = assertThrows(ReadException.class, () -> NiftiReader.read(g));
        assertEquals(g + ": unsupported NIfTI dim[4] 2: only 3D volumes are read", e2.getMessage());
    }

    private static byte[] gunzip(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
