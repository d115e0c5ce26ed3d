package org.radspark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.image.Geometry;
import org.radspark.image.Image;

class NrrdReaderTest {
    private static final double EPS = 1e-12;

    @TempDir
    Path tmp;

    static Path testdata(String relative) {
        return Path.of(System.getProperty("radspark.testdata", "../testdata")).resolve(relative);
    }

    @Test
    void brain1ImageGeometryAndValues() {
        Image img = NrrdReader.read(testdata("pyradiomics/brain1_image.nrrd"));
        Geometry g = img.geometry();
        assertArrayEquals(new int[] {256, 256, 25}, g.size());
        // header: space directions (0.78124999999999989,0,0) (0,-0.78124999999999989,0) (0,0,6.4999999999999982)
        assertArrayEquals(new double[] {0.78124999999999989, 0.78124999999999989, 6.4999999999999982}, g.spacing(), EPS);
        assertArrayEquals(new double[] {1, 0, 0, 0, -1, 0, 0, 0, 1}, g.direction(), EPS);
        assertArrayEquals(new double[] {-99.609374999999986, 99.609374999999986, -77.999999999999957}, g.origin(), EPS);
        // reference values from a throwaway numpy script (gzip-decompressed payload read as '<i2')
        double[] v = img.voxels();
        assertEquals(0, min(v));
        assertEquals(3057, max(v));
        assertEquals(631859459.0, sum(v));
        assertEquals(526, img.get(128, 128, 12));
    }

    @Test
    void brain1LabelCount() {
        Image label = NrrdReader.read(testdata("pyradiomics/brain1_label.nrrd"));
        assertArrayEquals(new int[] {256, 256, 25}, label.geometry().size());
        assertEquals(-1, label.geometry().direction()[4], EPS);
        // 4137 voxels == 1 (and no other non-zero value), counted once with numpy on the
        // gzip-decompressed payload read as '<i4' (type: int)
        assertEquals(4137, count(label.voxels(), 1));
        assertEquals(4137, count(label.voxels(), v -> v != 0));
    }

    @Test
    void breast1ImageAndLabel() {
        Image img = NrrdReader.read(testdata("pyradiomics/breast1_image.nrrd"));
        Geometry g = img.geometry();
        assertArrayEquals(new int[] {45, 120, 21}, g.size());
        // header: space directions (0.66406200000000004,0,0) (0,0.66406200000000004,0) (0,0,2.1000000000000001)
        assertArrayEquals(new double[] {0.66406200000000004, 0.66406200000000004, 2.1000000000000001}, g.spacing(), EPS);
        assertArrayEquals(Geometry.identityDirection(), g.direction(), EPS);
        assertArrayEquals(new double[] {-116.54304, -48.14465400000001, 9.4500000000000295}, g.origin(), EPS);
        // numpy reference: min 6, max 248, sum 7187342
        assertEquals(6, min(img.voxels()));
        assertEquals(248, max(img.voxels()));
        assertEquals(7187342.0, sum(img.voxels()));

        Image label = NrrdReader.read(testdata("pyradiomics/breast1_label.nrrd"));
        assertEquals(g.toString(), label.geometry().toString());
        // 143 voxels == 1 (only non-zero value), counted once with numpy ('<i2' payload)
        assertEquals(143, count(label.voxels(), 1));
        assertEquals(143, count(label.voxels(), v -> v != 0));
    }

    @Test
    void bigEndianTypesAndAliases() throws IOException {
        double[] values = {-3, 0, 7, 100, -128, 127, 1, 2, 3, 4, 5, -6};
        String[][] types = {{"signed char", "1"}, {"int8_t", "1"}, {"unsigned char", "1"}, {"uchar", "1"},
            {"short", "2"}, {"signed short", "2"}, {"short int", "2"}, {"ushort", "2"}, {"unsigned short int", "2"},
            {"int", "4"}, {"int32", "4"}, {"uint", "4"}, {"unsigned int", "4"}, {"longlong", "8"}, {"int64", "8"},
            {"unsigned long long", "8"}, {"float", "4"}, {"double", "8"}};
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            for (String[] t : types) {
                boolean unsigned = t[0].startsWith("u");
                double[] expect = values.clone();
                if (unsigned) {
                    for (int i = 0; i < expect.length; i++) {
                        expect[i] = Math.abs(expect[i]);
                    }
                }
                byte[] data = encode(expect, t[0], Integer.parseInt(t[1]), order);
                String endian = order == ByteOrder.BIG_ENDIAN ? "big" : "little";
                Path f = tmp.resolve("t_" + t[0].replace(' ', '_') + "_" + endian + ".nrrd");
                write(f, "NRRD0005\ntype: " + t[0] + "\ndimension: 3\nsizes: 3 2 2\nendian: " + endian
                    + "\nencoding: raw\nspacings: 0.5 2 nan\n\n", data);
                Image img = NrrdReader.read(f);
                assertArrayEquals(expect, img.voxels(), 0, t[0] + " " + endian);
                assertArrayEquals(new double[] {0.5, 2, 1}, img.geometry().spacing(), 0);
                assertArrayEquals(new double[] {0, 0, 0}, img.geometry().origin(), 0);
            }
        }
    }

    @Test
    void unsignedExtremesDecodeAsUnsigned() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 8 + 8).order(ByteOrder.BIG_ENDIAN);
        Path f = tmp.resolve("u32.nrrd");
        b.putInt(0xFFFFFFFF).putInt(0x80000000);
        write(f, "NRRD0004\ntype: uint32\ndimension: 3\nsizes: 2 1 1\nendian: big\nencoding: raw\n\n",
            Arrays.copyOf(b.array(), 8));
        assertArrayEquals(new double[] {4294967295.0, 2147483648.0}, NrrdReader.read(f).voxels(), 0);

        ByteBuffer l = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).putLong(1L << 63);
        Path g = tmp.resolve("u64.nrrd");
        write(g, "NRRD0004\ntype: uint64\ndimension: 3\nsizes: 1 2 1\nendian: little\nencoding: raw\n\n", l.array());
        assertArrayEquals(new double[] {18446744073709551615.0, 9223372036854775808.0}, NrrdReader.read(g).voxels(), 0);
    }

    @Test
    void rasSpaceIsConvertedToLps() throws IOException {
        Path f = tmp.resolve("ras.nrrd");
        byte[] data = encode(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, "short", 2, ByteOrder.BIG_ENDIAN);
        write(f, "NRRD0004\r\n# comment\r\ntype: int16\r\ndimension: 3\r\nspace: right-anterior-superior\r\n"
            + "sizes: 2 2 2\r\nspace directions: (-2,0,0) (0,0,3) (0,-1.5,0)\r\nkinds: domain domain domain\r\n"
            + "endian: big\r\nencoding: raw\r\nspace origin: (10,-20,30)\r\nkey:=value\r\n\r\n", data);
        Image img = NrrdReader.read(f);
        Geometry g = img.geometry();
        assertArrayEquals(new double[] {2, 3, 1.5}, g.spacing(), 0);
        // columns in LPS: i -> (2,0,0), j -> (0,0,3), k -> (0,1.5,0)
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 0, 1, 0}, g.direction(), 0);
        assertArrayEquals(new double[] {-10, 20, 30}, g.origin(), 0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, img.voxels(), 0);
        assertArrayEquals(new double[] {-8, 21.5, 36}, g.indexToPhysical(1, 2, 1), 1e-12);
    }

    @Test
    void detachedGzipDataFileAnd2d() throws IOException {
        double[] values = {1.5, -2.25, 3, 4, 5, 6};
        byte[] raw = encode(values, "float", 4, ByteOrder.LITTLE_ENDIAN);
        Files.write(tmp.resolve("img.raw.gz"), gzip(raw));
        Path header = tmp.resolve("img.nhdr");
        Files.writeString(header, "NRRD0004\ntype: float\ndimension: 2\nspace: left-posterior-superior\n"
            + "sizes: 3 2\nspace directions: (0,1,0) (-2,0,0)\nendian: little\nencoding: gz\n"
            + "space origin: (1,2,3)\ndata file: img.raw.gz\n");
        Image img = NrrdReader.read(header);
        Geometry g = img.geometry();
        assertArrayEquals(new int[] {3, 2, 1}, g.size());
        assertArrayEquals(new double[] {1, 2, 1}, g.spacing(), 0);
        // third axis completes a right-handed frame: (0,1,0) x (-1,0,0) = (0,0,1)
        assertArrayEquals(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, g.direction(), 0);
        assertArrayEquals(new double[] {1, 2, 3}, g.origin(), 0);
        assertArrayEquals(values, img.voxels(), 0);
    }

    @Test
    void lineAndByteSkipInDetachedRawFile() throws IOException {
        double[] values = {10, 20, 30, 40};
        byte[] payload = encode(values, "ushort", 2, ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("P5 junk line\n".getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] {9, 9, 9});
        out.write(payload);
        Files.write(tmp.resolve("d.bin"), out.toByteArray());
        Path header = tmp.resolve("d.nhdr");
        Files.writeString(header, "NRRD0004\ntype: uint16\ndimension: 3\nsizes: 2 2 1\nendian: little\n"
            + "encoding: raw\nline skip: 1\nbyte skip: 3\ndata file: ./d.bin\n");
        assertArrayEquals(values, NrrdReader.read(header).voxels(), 0);

        Path tail = tmp.resolve("tail.nhdr");
        Files.writeString(tail, "NRRD0004\ntype: uint16\ndimension: 3\nsizes: 2 2 1\nendian: little\n"
            + "encoding: raw\nbyte skip: -1\ndata file: d.bin\n");
        assertArrayEquals(values, NrrdReader.read(tail).voxels(), 0);
    }

    @Test
    void truncatedRawData() throws IOException {
        byte[] payload = decompressedPayload(testdata("pyradiomics/brain1_image.nrrd"));
        assertEquals(3276800, payload.length);
        Path f = tmp.resolve("brain1_image.nrrd");
        write(f, rawHeaderOfBrain1(), Arrays.copyOf(payload, 1000));
        ReadException e = assertThrows(ReadException.class, () -> NrrdReader.read(f));
        assertEquals(f + ": truncated data: expected 3276800 bytes, got 1000", e.getMessage());
    }

    @Test
    void gzipStreamCutShort() throws IOException {
        byte[] file = Files.readAllBytes(testdata("pyradiomics/brain1_image.nrrd"));
        Path f = tmp.resolve("brain1_image.nrrd");
        Files.write(f, Arrays.copyOf(file, 50_000));
        ReadException e = assertThrows(ReadException.class, () -> NrrdReader.read(f));
        assertEquals(f + ": truncated data: gzip stream ended early", e.getMessage());
    }

    @Test
    void completeGzipStreamWithTooFewBytes() throws IOException {
        Path f = tmp.resolve("short.nrrd");
        write(f, "NRRD0004\ntype: short\ndimension: 3\nsizes: 256 256 25\nendian: little\nencoding: gzip\n\n",
            gzip(new byte[1000]));
        ReadException e = assertThrows(ReadException.class, () -> NrrdReader.read(f));
        assertEquals(f + ": truncated data: expected 3276800 bytes, got 1000", e.getMessage());
    }

    @Test
    void headerCutBeforeBlankLine() throws IOException {
        byte[] file = Files.readAllBytes(testdata("pyradiomics/brain1_image.nrrd"));
        Path f = tmp.resolve("cut.nrrd");
        Files.write(f, Arrays.copyOf(file, 150));
        ReadException e = assertThrows(ReadException.class, () -> NrrdReader.read(f));
        assertEquals(f + ": truncated header: end of file before the blank line", e.getMessage());
    }

    @Test
    void wrongMagic() throws IOException {
        Path f = tmp.resolve("not.nrrd");
        Files.writeString(f, "P5\n2 2\n255\n");
        ReadException e = assertThrows(ReadException.class, () -> NrrdReader.read(f));
        assertEquals(f + ": not a NRRD file (missing NRRD magic)", e.getMessage());

        Path nifti = testdata("ibsi1/digital_phantom/image.nii.gz");
        ReadException e2 = assertThrows(ReadException.class, () -> NrrdReader.read(nifti));
        assertEquals(nifti + ": not a NRRD file (missing NRRD magic)", e2.getMessage());
    }

    @Test
    void unsupportedTypeAndEncoding() throws IOException {
        Path f = tmp.resolve("block.nrrd");
        write(f, "NRRD0004\ntype: block\nblock size: 4\ndimension: 3\nsizes: 1 1 1\nencoding: raw\n\n", new byte[4]);
        ReadException e = assertThrows(ReadException.class, () -> NrrdReader.read(f));
        assertEquals(f + ": unsupported NRRD type 'block'", e.getMessage());

        Path g = tmp.resolve("bz.nrrd");
        write(g, "NRRD0004\ntype: uchar\ndimension: 3\nsizes: 1 1 1\nencoding: bzip2\n\n", new byte[4]);
        ReadException e2 = assertThrows(ReadException.class, () -> NrrdReader.read(g));
        assertEquals(g + ": unsupported NRRD encoding 'bzip2'", e2.getMessage());
    }

    @Test
    void missingFile() {
        Path f = tmp.resolve("absent.nrrd");
        ReadException e = assertThrows(ReadException.class, () -> NrrdReader.read(f));
        assertEquals(f + ": file not found", e.getMessage());
    }

    // ---- helpers ----

    private static String rawHeaderOfBrain1() {
        return "NRRD0004\ntype: short\ndimension: 3\nspace: left-posterior-superior\nsizes: 256 256 25\n"
            + "space directions: (0.78124999999999989,0,0) (0,-0.78124999999999989,0) (0,0,6.4999999999999982)\n"
            + "kinds: domain domain domain\nendian: little\nencoding: raw\n"
            + "space origin: (-99.609374999999986,99.609374999999986,-77.999999999999957)\n\n";
    }

    private static byte[] decompressedPayload(Path nrrd) throws IOException {
        byte[] all = Files.readAllBytes(nrrd);
        int start = -1;
        for (int i = 0; i + 1 < all.length; i++) {
            if (all[i] == '\n' && all[i + 1] == '\n') {
                start = i + 2;
                break;
            }
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(all, start, all.length - start))) {
            return in.readAllBytes();
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static void write(Path f, String header, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        Files.write(f, out.toByteArray());
    }

    private static byte[] encode(double[] values, String type, int size, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(order);
        for (double v : values) {
            if (type.equals("float")) {
                b.putFloat((float) v);
            } else if (type.equals("double")) {
                b.putDouble(v);
            } else if (size == 1) {
                b.put((byte) v);
            } else if (size == 2) {
                b.putShort((short) v);
            } else if (size == 4) {
                b.putInt((int) v);
            } else {
                b.putLong((long) v);
            }
        }
        return b.array();
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    static long count(double[] v, double value) {
        return count(v, x -> x == value);
    }

    static long count(double[] v, java.util.function.DoublePredicate p) {
        return Arrays.stream(v).filter(p).count();
    }
}
