package org.radspark.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.radspark.image.PixelType;
import org.radspark.image.Geometry;

/** Shared helpers of the NRRD and NIfTI readers: scalar decoding, stream reading and geometry building. */
final class VolumeIo {
    private VolumeIo() {
    }

    /** On-disk scalar types, with their size in bytes. */
    enum ScalarType {
        INT8(1), UINT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), INT64(8), UINT64(8), FLOAT32(4), FLOAT64(8);

        final int bytes;

        ScalarType(int bytes) {
            this.bytes = bytes;
        }

        /** The image model's name for this type (same constant names). */
        PixelType pixelType() {
            return PixelType.valueOf(name());
        }
    }

    static ReadException error(Path file, String cause) {
        return new ReadException(file + ": " + cause);
    }

    static ReadException error(Path file, String cause, Throwable t) {
        return new ReadException(file + ": " + cause, t);
    }

    /** Maps a low-level I/O failure to a one-line cause; gzip truncation shows up as an EOFException. */
    static ReadException ioError(Path file, String what, IOException e) {
        if (e instanceof EOFException) {
            return error(file, "truncated " + what + ": gzip stream ended early", e);
        }
        if (e instanceof java.util.zip.ZipException) {
            return error(file, "corrupt gzip data: " + e.getMessage(), e);
        }
        return error(file, "cannot read: " + e.getMessage(), e);
    }

    /** Number of bytes needed for {@code count} voxels of {@code type}, which must fit in one array. */
    static int byteCount(Path file, long count, ScalarType type) {
        long n = count * type.bytes;
        if (count <= 0 || n > Integer.MAX_VALUE - 8) {
            throw error(file, "volume too large: " + count + " voxels of " + type.bytes + " bytes");
        }
        return (int) n;
    }

    /** Reads until {@code len} bytes are read or the stream ends; returns the number read. */
    static int readUpTo(InputStream in, byte[] buf, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int r = in.read(buf, off + total, len - total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }

    /** Skips {@code n} bytes (reading them if the stream cannot skip); returns the number skipped. */
    static long skipUpTo(InputStream in, long n) throws IOException {
        long done = 0;
        byte[] scratch = null;
        while (done < n) {
            long s = in.skip(n - done);
            if (s > 0) {
                done += s;
                continue;
            }
            if (scratch == null) {
                scratch = new byte[8192];
            }
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    /** Scalars decoded per bulk read in {@link #toDoubles}. */
    private static final int CHUNK = 1 << 14;

    /**
     * Decodes {@code count} scalars of {@code type} in byte order {@code order} from {@code data}. Multi-byte
     * types go through the buffer's bulk gets, chunk by chunk: per-element ByteBuffer calls made a cold
     * command's image and mask decoding several times slower before the JIT had compiled them.
     */
    static double[] toDoubles(byte[] data, ScalarType type, ByteOrder order, int count) {
        ByteBuffer b = ByteBuffer.wrap(data).order(order);
        double[] out = new double[count];
        switch (type) {
            case INT8:
                for (int i = 0; i < count; i++) {
                    out[i] = data[i];
                }
                break;
            case UINT8:
                for (int i = 0; i < count; i++) {
                    out[i] = data[i] & 0xFF;
                }
                break;
            case INT16:
            case UINT16: {
                java.nio.ShortBuffer in = b.asShortBuffer();
                short[] chunk = new short[Math.min(count, CHUNK)];
                int mask = type == ScalarType.UINT16 ? 0xFFFF : -1;
                for (int off = 0; off < count; off += chunk.length) {
                    int len = Math.min(chunk.length, count - off);
                    in.get(chunk, 0, len);
                    for (int t = 0; t < len; t++) {
                        out[off + t] = chunk[t] & mask;
                    }
                }
                break;
            }
            case INT32:
            case UINT32: {
                java.nio.IntBuffer in = b.asIntBuffer();
                int[] chunk = new int[Math.min(count, CHUNK)];
                boolean unsigned = type == ScalarType.UINT32;
                for (int off = 0; off < count; off += chunk.length) {
                    int len = Math.min(chunk.length, count - off);
                    in.get(chunk, 0, len);
                    if (unsigned) {
                        for (int t = 0; t < len; t++) {
                            out[off + t] = chunk[t] & 0xFFFFFFFFL;
                        }
                    } else {
                        for (int t = 0; t < len; t++) {
                            out[off + t] = chunk[t];
                        }
                    }
                }
                break;
            }
            case INT64:
            case UINT64: {
                java.nio.LongBuffer in = b.asLongBuffer();
                long[] chunk = new long[Math.min(count, CHUNK)];
                boolean unsigned = type == ScalarType.UINT64;
                for (int off = 0; off < count; off += chunk.length) {
                    int len = Math.min(chunk.length, count - off);
                    in.get(chunk, 0, len);
                    for (int t = 0; t < len; t++) {
                        long v = chunk[t];
                        out[off + t] = !unsigned || v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
                    }
                }
                break;
            }
            case FLOAT32: {
                java.nio.FloatBuffer in = b.asFloatBuffer();
                float[] chunk = new float[Math.min(count, CHUNK)];
                for (int off = 0; off < count; off += chunk.length) {
                    int len = Math.min(chunk.length, count - off);
                    in.get(chunk, 0, len);
                    for (int t = 0; t < len; t++) {
                        out[off + t] = chunk[t];
                    }
                }
                break;
            }
            case FLOAT64:
                b.asDoubleBuffer().get(out, 0, count);
                break;
            default:
                throw new IllegalStateException("unhandled scalar type " + type);
        }
        return out;
    }

    /**
     * Builds a grid from an LPS affine given as axis columns (each the LPS step of one index, mm) and an
     * origin: spacing = column norms, direction = normalised columns. A zero third column (2D data)
     * becomes the unit normal of the first two with spacing 1.
     */
    static Geometry geometry(Path file, int nx, int ny, int nz, double[][] columns, double[] origin) {
        double[] spacing = new double[3];
        double[][] unit = new double[3][];
        for (int a = 0; a < 3; a++) {
            double[] c = columns[a];
            double norm = Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
            if (norm > 0 && Double.isFinite(norm)) {
                spacing[a] = norm;
                unit[a] = new double[] {c[0] / norm, c[1] / norm, c[2] / norm};
            } else if (a == 2 && nz == 1 && unit[0] != null && unit[1] != null) {
                double[] u = unit[0], v = unit[1];
                double[] w = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
                double wn = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
                if (!(wn > 0)) {
                    throw error(file, "degenerate axis directions");
                }
                spacing[a] = 1;
                unit[a] = new double[] {w[0] / wn, w[1] / wn, w[2] / wn};
            } else {
                throw error(file, "invalid voxel spacing on axis " + a + ": " + norm);
            }
        }
        for (double o : origin) {
            if (!Double.isFinite(o)) {
                throw error(file, "invalid origin: not finite");
            }
        }
        double[] dir = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int a = 0; a < 3; a++) {
                dir[3 * r + a] = unit[a][r];
            }
        }
        return new Geometry(nx, ny, nz, spacing, origin, dir);
    }
}
