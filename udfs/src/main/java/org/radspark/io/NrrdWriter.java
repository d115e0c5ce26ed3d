package org.radspark.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.params.PythonText;

// Follows the NRRD format definition of Teem 1.9+ (http://teem.sourceforge.net/nrrd/format.html).
/**
 * Writes an {@link Image} as a single-file NRRD of little-endian float64 voxels, gzip-encoded, in LPS world
 * space: the header fields SimpleITK writes for a compressed double image (what pyradiomics' voxel maps are),
 * with every number written exactly (Python's float repr), so a map read back has the image's geometry and values.
 */
public final class NrrdWriter {
    private NrrdWriter() {
    }

    /** Writes {@code image} to {@code file} (created or replaced). */
    public static void write(Image image, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(image, out);
        }
    }

    /** Writes {@code image} to {@code out}, which stays open. */
    public static void write(Image image, OutputStream out) throws IOException {
        Geometry g = image.geometry();
        double[] s = g.spacing();
        double[] d = g.direction();
        double[] o = g.origin();
        StringBuilder h = new StringBuilder("NRRD0004\n");
        h.append("# Complete NRRD file format specification at:\n");
        h.append("# http://teem.sourceforge.net/nrrd/format.html\n");
        h.append("type: double\ndimension: 3\nspace: left-posterior-superior\n");
        h.append("sizes: ").append(g.nx()).append(' ').append(g.ny()).append(' ').append(g.nz()).append('\n');
        h.append("space directions:");
        for (int axis = 0; axis < 3; axis++) {
            h.append(" (").append(number(d[axis] * s[axis])).append(',').append(number(d[3 + axis] * s[axis]))
                .append(',').append(number(d[6 + axis] * s[axis])).append(')');
        }
        h.append("\nkinds: domain domain domain\nendian: little\nencoding: gzip\n");
        h.append("space origin: (").append(number(o[0])).append(',').append(number(o[1])).append(',')
            .append(number(o[2])).append(")\n\n");
        out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
        BufferedOutputStream body = new BufferedOutputStream(gz, 1 << 16);
        ByteBuffer buf = ByteBuffer.allocate(8 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        double[] v = image.voxels();
        for (int i = 0; i < v.length; i++) {
            buf.putDouble(v[i]);
            if (!buf.hasRemaining()) {
                body.write(buf.array(), 0, buf.position());
                buf.clear();
            }
        }
        body.write(buf.array(), 0, buf.position());
        body.flush();
        gz.finish();
    }

    private static String number(double x) {
        return PythonText.repr(x);
    }
}
