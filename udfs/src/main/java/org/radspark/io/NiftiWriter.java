package org.radspark.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.radspark.image.Geometry;
import org.radspark.image.Image;

// Writes the NIfTI-1 single-file format (nifti1.h, DFWG 2004).
/**
 * Writes an {@link Image} as a little-endian NIfTI-1 volume of float32 (or float64) voxels: gzip-compressed when the
 * file name ends in {@code .gz}. The LPS geometry becomes a RAS+ voxel-to-world affine (first two rows
 * negated), stored both as the sform and as the qform (sform_code = qform_code = 1, scanner anatomical).
 */
public final class NiftiWriter {
    private static final int HEADER = 348;
    private static final int VOX_OFFSET = 352;

    private NiftiWriter() {
    }

    /** Writes {@code image} to {@code file}; values are narrowed to float32. */
    public static void write(Image image, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        boolean gzip = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            write(image, out, false, file.toString());
        }
    }

    /**
     * Writes {@code image} as an uncompressed NIfTI-1 stream to {@code out} (the caller compresses and closes):
     * float64 voxels when {@code float64}, else float32. {@code name} is used in error messages.
     */
    public static void write(Image image, OutputStream out, boolean float64, String name) throws IOException {
        Geometry g = image.geometry();
        double[] v = image.voxels();
        ByteBuffer h = ByteBuffer.allocate(VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, HEADER);
        h.put(39, (byte) 0); // dim_info
        short[] dim = {3, (short) g.nx(), (short) g.ny(), (short) g.nz(), 1, 1, 1, 1};
        if (g.nx() > Short.MAX_VALUE || g.ny() > Short.MAX_VALUE || g.nz() > Short.MAX_VALUE) {
            throw new IOException(name + ": grid " + g + " is too large for NIfTI-1");
        }
        for (int i = 0; i < 8; i++) {
            h.putShort(40 + 2 * i, dim[i]);
        }
        h.putShort(70, (short) (float64 ? 64 : 16)); // datatype FLOAT64 or FLOAT32
        h.putShort(72, (short) (float64 ? 64 : 32)); // bitpix

        // RAS affine: columns = direction * spacing with x, y negated
        double[] d = g.direction();
        double[] s = g.spacing();
        double[] o = g.origin();
        double[][] a = new double[3][4];
        for (int r = 0; r < 3; r++) {
            double sign = r < 2 ? -1 : 1;
            for (int c = 0; c < 3; c++) {
                a[r][c] = sign * d[3 * r + c] * s[c];
            }
            a[r][3] = sign * o[r];
        }
        // qform: rotation R with columns = unit axis directions (RAS); a reflection goes into qfac
        double[][] rot = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                rot[r][c] = a[r][c] / s[c];
            }
        }
        double det = rot[0][0] * (rot[1][1] * rot[2][2] - rot[1][2] * rot[2][1])
            - rot[0][1] * (rot[1][0] * rot[2][2] - rot[1][2] * rot[2][0])
            + rot[0][2] * (rot[1][0] * rot[2][1] - rot[1][1] * rot[2][0]);
        double qfac = det < 0 ? -1 : 1;
        if (qfac < 0) {
            for (int r = 0; r < 3; r++) {
                rot[r][2] = -rot[r][2];
            }
        }
        double[] q = quaternion(rot);
        h.putFloat(76, (float) qfac);
        for (int i = 0; i < 3; i++) {
            h.putFloat(80 + 4 * i, (float) s[i]);
        }
        h.putFloat(108, VOX_OFFSET);
        h.putFloat(112, 1f); // scl_slope
        h.putFloat(116, 0f); // scl_inter
        h.put(123, (byte) 2); // xyzt_units: mm
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (double x : v) {
            float f = (float) x;
            if (f < min) {
                min = f;
            }
            if (f > max) {
                max = f;
            }
        }
        h.putFloat(124, max); // cal_max
        h.putFloat(128, min); // cal_min
        byte[] descrip = "radspark".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < descrip.length; i++) {
            h.put(148 + i, descrip[i]);
        }
        h.putShort(252, (short) 1); // qform_code: scanner
        h.putShort(254, (short) 1); // sform_code: scanner
        h.putFloat(256, (float) q[1]);
        h.putFloat(260, (float) q[2]);
        h.putFloat(264, (float) q[3]);
        h.putFloat(268, (float) a[0][3]);
        h.putFloat(272, (float) a[1][3]);
        h.putFloat(276, (float) a[2][3]);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                h.putFloat(280 + 16 * r + 4 * c, (float) a[r][c]);
            }
        }
        byte[] magic = {'n', '+', '1', 0};
        for (int i = 0; i < 4; i++) {
            h.put(344 + i, magic[i]);
        }
        // bytes 348..351: no extensions

        out.write(h.array());
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            if (chunk.remaining() < 8) {
                out.write(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
            if (float64) {
                chunk.putDouble(x);
            } else {
                chunk.putFloat((float) x);
            }
        }
        out.write(chunk.array(), 0, chunk.position());
        out.flush();
    }

    /** Unit quaternion (a, b, c, d) with a &gt;= 0 of a proper rotation matrix. */
    static double[] quaternion(double[][] r) {
        double trace = r[0][0] + r[1][1] + r[2][2];
        double a, b, c, d;
        if (trace > 0) {
            double t = Math.sqrt(trace + 1) * 2;
            a = 0.25 * t;
            b = (r[2][1] - r[1][2]) / t;
            c = (r[0][2] - r[2][0]) / t;
            d = (r[1][0] - r[0][1]) / t;
        } else if (r[0][0] > r[1][1] && r[0][0] > r[2][2]) {
            double t = Math.sqrt(1 + r[0][0] - r[1][1] - r[2][2]) * 2;
            a = (r[2][1] - r[1][2]) / t;
            b = 0.25 * t;
            c = (r[0][1] + r[1][0]) / t;
            d = (r[0][2] + r[2][0]) / t;
        } else if (r[1][1] > r[2][2]) {
            double t = Math.sqrt(1 + r[1][1] - r[0][0] - r[2][2]) * 2;
            a = (r[0][2] - r[2][0]) / t;
            b = (r[0][1] + r[1][0]) / t;
            c = 0.25 * t;
            d = (r[1][2] + r[2][1]) / t;
        } else {
            double t = Math.sqrt(1 + r[2][2] - r[0][0] - r[1][1]) * 2;
            a = (r[1][0] - r[0][1]) / t;
            b = (r[0][2] + r[2][0]) / t;
            c = (r[1][2] + r[2][1]) / t;
            d = 0.25 * t;
        }
        if (a < 0) {
            a = -a;
            b = -b;
            c = -c;
            d = -d;
        }
        return new double[] {a, b, c, d};
    }
}
