package org.radspark.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.PixelType;
import org.radspark.io.VolumeIo.ScalarType;

// Follows the NIfTI-1 (nifti1.h, DFWG 2004) and NIfTI-2 (nifti2.h, 2011) header definitions.
/**
 * Reads a single-file NIfTI-1 or NIfTI-2 volume ({@code .nii}, optionally gzip-compressed) into an LPS
 * {@link Image}: both byte orders, integer and floating-point datatypes, scl_slope/scl_inter scaling, and
 * orientation from the sform, else the qform, else pixdim, with NIfTI's RAS+ world converted to LPS.
 */
public final class NiftiReader {
    private static final int NIFTI1_HEADER = 348;
    private static final int NIFTI2_HEADER = 540;

    private NiftiReader() {
    }

    /** Reads {@code file}; failures are {@link ReadException}s whose message is {@code "<file>: <cause>"}. */
    public static Image read(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            InputStream in = raw;
            if (b0 == 0x1f && b1 == 0x8b) {
                try {
                    in = new GZIPInputStream(raw, 1 << 16);
                } catch (java.io.EOFException e) {
                    throw VolumeIo.ioError(file, "header", e);
                }
            }
            return read(file, in);
        } catch (NoSuchFileException e) {
            throw VolumeIo.error(file, "file not found", e);
        } catch (IOException e) {
            throw VolumeIo.ioError(file, "data", e);
        }
    }

    /** Header fields the reader uses, widened to the NIfTI-2 types. */
    private static final class Header {
        ByteOrder order;
        int headerSize;
        long[] dim = new long[8];
        int datatype;
        double[] pixdim = new double[8];
        long voxOffset;
        double sclSlope, sclInter;
        int qformCode, sformCode;
        double qb, qc, qd, qx, qy, qz;
        double[][] srow = new double[3][4];
    }

    private static Image read(Path file, InputStream in) throws IOException {
        Header h;
        try {
            h = readHeader(file, in);
        } catch (java.io.EOFException e) {
            throw VolumeIo.ioError(file, "header", e);
        }
        int[] n = {1, 1, 1};
        int rank = (int) h.dim[0];
        if (rank < 1 || rank > 7) {
            throw VolumeIo.error(file, "bad NIfTI dim[0] " + h.dim[0]);
        }
        for (int a = 1; a <= rank; a++) {
            if (h.dim[a] <= 0 || h.dim[a] > Integer.MAX_VALUE) {
                throw VolumeIo.error(file, "bad NIfTI dim[" + a + "] " + h.dim[a]);
            }
            if (a <= 3) {
                n[a - 1] = (int) h.dim[a];
            } else if (h.dim[a] > 1) {
                throw VolumeIo.error(file, "unsupported NIfTI dim[" + a + "] " + h.dim[a] + ": only 3D volumes are read");
            }
        }
        ScalarType type = scalarType(h.datatype);
        if (type == null) {
            throw VolumeIo.error(file, "unsupported NIfTI datatype " + h.datatype);
        }
        Geometry geometry = geometry(file, h, n);
        long voxels = geometry.voxelCount();
        int nBytes = VolumeIo.byteCount(file, voxels, type);
        if (h.voxOffset < h.headerSize) {
            throw VolumeIo.error(file, "bad NIfTI vox_offset " + h.voxOffset);
        }
        byte[] data = new byte[nBytes];
        long gap = h.voxOffset - h.headerSize;
        int got = VolumeIo.skipUpTo(in, gap) < gap ? 0 : VolumeIo.readUpTo(in, data, 0, nBytes);
        if (got < nBytes) {
            throw VolumeIo.error(file, "truncated data: expected " + nBytes + " bytes, got " + got);
        }
        double[] v = VolumeIo.toDoubles(data, type, h.order, (int) voxels);
        double slope = h.sclSlope, inter = h.sclInter;
        if (slope != 0 && Double.isFinite(slope) && Double.isFinite(inter) && !(slope == 1 && inter == 0)) {
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i] * slope + inter;
            }
            return new Image(geometry, v, PixelType.FLOAT64);
        }
        return new Image(geometry, v, type.pixelType());
    }

    private static Header readHeader(Path file, InputStream in) throws IOException {
        byte[] first = new byte[4];
        int got = VolumeIo.readUpTo(in, first, 0, 4);
        if (got < 4) {
            throw VolumeIo.error(file, "truncated header: expected " + NIFTI1_HEADER + " bytes, got " + got);
        }
        Header h = new Header();
        int little = ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int big = ByteBuffer.wrap(first).order(ByteOrder.BIG_ENDIAN).getInt();
        if (little == NIFTI1_HEADER || little == NIFTI2_HEADER) {
            h.order = ByteOrder.LITTLE_ENDIAN;
            h.headerSize = little;
        } else if (big == NIFTI1_HEADER || big == NIFTI2_HEADER) {
            h.order = ByteOrder.BIG_ENDIAN;
            h.headerSize = big;
        } else {
            throw VolumeIo.error(file, "not a NIfTI file (bad header size " + little + ")");
        }
        byte[] bytes = new byte[h.headerSize];
        System.arraycopy(first, 0, bytes, 0, 4);
        got = 4 + VolumeIo.readUpTo(in, bytes, 4, h.headerSize - 4);
        if (got < h.headerSize) {
            throw VolumeIo.error(file, "truncated header: expected " + h.headerSize + " bytes, got " + got);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(h.order);
        if (h.headerSize == NIFTI1_HEADER) {
            checkMagic(file, new String(bytes, 344, 4, StandardCharsets.ISO_8859_1), "n+1\0", "ni1\0");
            for (int i = 0; i < 8; i++) {
                h.dim[i] = b.getShort(40 + 2 * i);
                h.pixdim[i] = b.getFloat(76 + 4 * i);
            }
            h.datatype = b.getShort(70);
            h.voxOffset = (long) Math.floor(b.getFloat(108));
            h.sclSlope = b.getFloat(112);
            h.sclInter = b.getFloat(116);
            h.qformCode = b.getShort(252);
            h.sformCode = b.getShort(254);
            h.qb = b.getFloat(256);
            h.qc = b.getFloat(260);
            h.qd = b.getFloat(264);
            h.qx = b.getFloat(268);
            h.qy = b.getFloat(272);
            h.qz = b.getFloat(276);
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    h.srow[r][c] = b.getFloat(280 + 16 * r + 4 * c);
                }
            }
        } else {
            checkMagic(file, new String(bytes, 4, 4, StandardCharsets.ISO_8859_1), "n+2\0", "ni2\0");
            h.datatype = b.getShort(12);
            for (int i = 0; i < 8; i++) {
                h.dim[i] = b.getLong(16 + 8 * i);
                h.pixdim[i] = b.getDouble(104 + 8 * i);
            }
            h.voxOffset = b.getLong(168);
            h.sclSlope = b.getDouble(176);
            h.sclInter = b.getDouble(184);
            h.qformCode = b.getInt(344);
            h.sformCode = b.getInt(348);
            h.qb = b.getDouble(352);
            h.qc = b.getDouble(360);
            h.qd = b.getDouble(368);
            h.qx = b.getDouble(376);
            h.qy = b.getDouble(384);
            h.qz = b.getDouble(392);
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    h.srow[r][c] = b.getDouble(400 + 32 * r + 8 * c);
                }
            }
        }
        return h;
    }

    private static void checkMagic(Path file, String magic, String single, String pair) {
        if (magic.equals(single)) {
            return;
        }
        if (magic.equals(pair)) {
            throw VolumeIo.error(file, "unsupported two-file NIfTI (.hdr/.img)");
        }
        throw VolumeIo.error(file, "not a NIfTI file (bad magic)");
    }

    private static ScalarType scalarType(int datatype) {
        switch (datatype) {
            case 2: return ScalarType.UINT8;
            case 4: return ScalarType.INT16;
            case 8: return ScalarType.INT32;
            case 16: return ScalarType.FLOAT32;
            case 64: return ScalarType.FLOAT64;
            case 256: return ScalarType.INT8;
            case 512: return ScalarType.UINT16;
            case 768: return ScalarType.UINT32;
            case 1024: return ScalarType.INT64;
            case 1280: return ScalarType.UINT64;
            default: return null;
        }
    }

    /**
     * Voxel-to-world affine in NIfTI's RAS+ space (sform if sform_code &gt; 0, else qform if qform_code &gt;
     * 0, else pixdim scaling), converted to LPS by negating its first two rows.
     */
    private static Geometry geometry(Path file, Header h, int[] n) {
        double[][] m = new double[3][4]; // rows x, y, z; columns i, j, k, offset
        if (h.sformCode > 0) {
            for (int r = 0; r < 3; r++) {
                m[r] = h.srow[r].clone();
            }
        } else if (h.qformCode > 0) {
            double b = h.qb, c = h.qc, d = h.qd;
            double a = 1.0 - (b * b + c * c + d * d);
            if (a < 1e-7) {
                // b, c, d describe a 180 degree rotation (a = 0): renormalise them
                double s = 1.0 / Math.sqrt(b * b + c * c + d * d);
                b *= s;
                c *= s;
                d *= s;
                a = 0;
            } else {
                a = Math.sqrt(a);
            }
            double[][] rot = {
                {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
                {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
                {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - b * b - c * c}};
            double qfac = h.pixdim[0] < 0 ? -1 : 1;
            double[] step = {positive(h.pixdim[1]), positive(h.pixdim[2]), positive(h.pixdim[3]) * qfac};
            for (int r = 0; r < 3; r++) {
                for (int col = 0; col < 3; col++) {
                    m[r][col] = rot[r][col] * step[col];
                }
            }
            m[0][3] = h.qx;
            m[1][3] = h.qy;
            m[2][3] = h.qz;
        } else {
            for (int r = 0; r < 3; r++) {
                m[r][r] = positive(h.pixdim[r + 1]);
            }
        }
        for (int col = 0; col < 4; col++) {
            m[0][col] = -m[0][col];
            m[1][col] = -m[1][col];
        }
        double[][] columns = new double[3][3];
        for (int col = 0; col < 3; col++) {
            for (int r = 0; r < 3; r++) {
                columns[col][r] = m[r][col];
            }
        }
        return VolumeIo.geometry(file, n[0], n[1], n[2], columns, new double[] {m[0][3], m[1][3], m[2][3]});
    }

    /** A pixdim used as a step: non-positive or non-finite values (unset in many files) count as 1. */
    private static double positive(double v) {
        return v > 0 && Double.isFinite(v) ? v : 1.0;
    }
}
