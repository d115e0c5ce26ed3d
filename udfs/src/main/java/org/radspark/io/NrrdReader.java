package org.radspark.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.io.VolumeIo.ScalarType;

// Follows the NRRD format definition of Teem 1.9+ (http://teem.sourceforge.net/nrrd/format.html).
/**
 * Reads a 3D (or 2D, as one slice) scalar NRRD volume into an LPS {@link Image}: attached or single
 * detached data file, raw or gzip encoding, all NRRD scalar types and both endiannesses.
 */
public final class NrrdReader {
    private static final int MAX_LINE = 1 << 16;
    private static final Pattern MAGIC = Pattern.compile("NRRD000[1-9]");
    private static final Pattern VECTOR = Pattern.compile("\\(([^)]*)\\)|none");
    private static final Pattern MULTI_FILE = Pattern.compile(".*%.*\\s+-?\\d+\\s+-?\\d+\\s+-?\\d+(\\s+\\d+)?");
    private static final Map<String, ScalarType> TYPES = new HashMap<>();

    static {
        for (String s : new String[] {"signed char", "int8", "int8_t"}) {
            TYPES.put(s, ScalarType.INT8);
        }
        for (String s : new String[] {"uchar", "unsigned char", "uint8", "uint8_t"}) {
            TYPES.put(s, ScalarType.UINT8);
        }
        for (String s : new String[] {"short", "short int", "signed short", "signed short int", "int16", "int16_t"}) {
            TYPES.put(s, ScalarType.INT16);
        }
        for (String s : new String[] {"ushort", "unsigned short", "unsigned short int", "uint16", "uint16_t"}) {
            TYPES.put(s, ScalarType.UINT16);
        }
        for (String s : new String[] {"int", "signed int", "int32", "int32_t"}) {
            TYPES.put(s, ScalarType.INT32);
        }
        for (String s : new String[] {"uint", "unsigned int", "uint32", "uint32_t"}) {
            TYPES.put(s, ScalarType.UINT32);
        }
        for (String s : new String[] {"longlong", "long long", "long long int", "signed long long",
            "signed long long int", "int64", "int64_t"}) {
            TYPES.put(s, ScalarType.INT64);
        }
        for (String s : new String[] {"ulonglong", "unsigned long long", "unsigned long long int", "uint64",
            "uint64_t"}) {
            TYPES.put(s, ScalarType.UINT64);
        }
        TYPES.put("float", ScalarType.FLOAT32);
        TYPES.put("double", ScalarType.FLOAT64);
    }

    private NrrdReader() {
    }

    /** Reads {@code file}; failures are {@link ReadException}s whose message is {@code "<file>: <cause>"}. */
    public static Image read(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Header h = readHeader(file, in);
            return readVolume(file, in, h);
        } catch (NoSuchFileException e) {
            throw VolumeIo.error(file, "file not found", e);
        } catch (IOException e) {
            throw VolumeIo.ioError(file, "data", e);
        }
    }

    /** Parsed header fields (keys lower-cased) and whether the blank line ending the header was seen. */
    private static final class Header {
        final Map<String, String> fields = new HashMap<>();
        boolean blankLineSeen;
    }

    private static Header readHeader(Path file, InputStream in) throws IOException {
        // check the first bytes before reading a line, so a large binary file is not scanned for a newline
        in.mark(4);
        byte[] start = new byte[4];
        int n = VolumeIo.readUpTo(in, start, 0, 4);
        in.reset();
        if (n < 4 || !new String(start, StandardCharsets.ISO_8859_1).equals("NRRD")) {
            throw VolumeIo.error(file, "not a NRRD file (missing NRRD magic)");
        }
        String magic = readLine(in);
        if (magic == null) {
            throw VolumeIo.error(file, "not a NRRD file (missing NRRD magic)");
        }
        if (!MAGIC.matcher(magic.trim()).matches()) {
            throw VolumeIo.error(file, "unsupported NRRD version '" + shorten(magic.trim()) + "'");
        }
        Header h = new Header();
        String line;
        while ((line = readLine(in)) != null) {
            if (line.isEmpty()) {
                h.blankLineSeen = true;
                break;
            }
            int colon = line.indexOf(": ");
            int keyValue = line.indexOf(":=");
            if (line.startsWith("#") || (keyValue >= 0 && (colon < 0 || keyValue < colon))) {
                continue; // comment or key/value pair
            }
            if (colon <= 0) {
                throw VolumeIo.error(file, "bad NRRD header line '" + shorten(line) + "'");
            }
            h.fields.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 2).trim());
        }
        return h;
    }

    private static Image readVolume(Path file, InputStream attached, Header h) throws IOException {
        Map<String, String> f = h.fields;
        String dataFile = f.containsKey("data file") ? f.get("data file") : f.get("datafile");
        if (dataFile == null && !h.blankLineSeen) {
            throw VolumeIo.error(file, "truncated header: end of file before the blank line");
        }
        String typeName = require(file, f, "type");
        ScalarType type = TYPES.get(typeName.toLowerCase(Locale.ROOT));
        if (type == null) {
            throw VolumeIo.error(file, "unsupported NRRD type '" + typeName + "'");
        }
        int dimension = parseInt(file, "dimension", require(file, f, "dimension"));
        if (dimension != 2 && dimension != 3) {
            throw VolumeIo.error(file, "unsupported NRRD dimension " + dimension + " (need 2 or 3)");
        }
        String[] sizeTokens = require(file, f, "sizes").split("\\s+");
        if (sizeTokens.length != dimension) {
            throw VolumeIo.error(file, "'sizes' has " + sizeTokens.length + " values, dimension is " + dimension);
        }
        int[] size = {1, 1, 1};
        for (int a = 0; a < dimension; a++) {
            size[a] = parseInt(file, "sizes", sizeTokens[a]);
            if (size[a] <= 0) {
                throw VolumeIo.error(file, "bad NRRD size " + size[a]);
            }
        }
        String encoding = require(file, f, "encoding").toLowerCase(Locale.ROOT);
        boolean gzip;
        if (encoding.equals("raw")) {
            gzip = false;
        } else if (encoding.equals("gzip") || encoding.equals("gz")) {
            gzip = true;
        } else {
            throw VolumeIo.error(file, "unsupported NRRD encoding '" + encoding + "'");
        }
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (type.bytes > 1) {
            String endian = require(file, f, "endian").toLowerCase(Locale.ROOT);
            if (endian.equals("big")) {
                order = ByteOrder.BIG_ENDIAN;
            } else if (!endian.equals("little")) {
                throw VolumeIo.error(file, "bad NRRD endian '" + endian + "'");
            }
        }
        Geometry geometry = geometry(file, f, dimension, size);

        long voxels = geometry.voxelCount();
        int nBytes = VolumeIo.byteCount(file, voxels, type);
        int lineSkip = f.containsKey("line skip") ? parseInt(file, "line skip", f.get("line skip"))
            : f.containsKey("lineskip") ? parseInt(file, "lineskip", f.get("lineskip")) : 0;
        long byteSkip = f.containsKey("byte skip") ? parseLong(file, "byte skip", f.get("byte skip"))
            : f.containsKey("byteskip") ? parseLong(file, "byteskip", f.get("byteskip")) : 0;
        if (lineSkip < 0 || byteSkip < -1) {
            throw VolumeIo.error(file, "bad NRRD line skip " + lineSkip + " or byte skip " + byteSkip);
        }
        if (byteSkip == -1 && gzip) {
            throw VolumeIo.error(file, "'byte skip: -1' needs raw encoding");
        }

        byte[] data = new byte[nBytes];
        int got;
        if (dataFile == null) {
            got = readData(file, attached, null, gzip, lineSkip, byteSkip, data);
        } else {
            if (dataFile.equals("LIST") || MULTI_FILE.matcher(dataFile).matches()) {
                throw VolumeIo.error(file, "unsupported multi-file 'data file'");
            }
            Path parent = file.toAbsolutePath().getParent();
            Path dataPath = parent == null ? Path.of(dataFile) : parent.resolve(dataFile);
            if (!Files.isRegularFile(dataPath)) {
                throw VolumeIo.error(file, "data file not found: " + dataFile);
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(dataPath), 1 << 16)) {
                got = readData(file, in, dataPath, gzip, lineSkip, byteSkip, data);
            }
        }
        if (got < nBytes) {
            throw VolumeIo.error(file, "truncated data: expected " + nBytes + " bytes, got " + got);
        }
        return new Image(geometry, VolumeIo.toDoubles(data, type, order, (int) voxels), type.pixelType());
    }

    /** Fills {@code data} from {@code in} after the skips; returns the number of data bytes obtained. */
    private static int readData(Path file, InputStream in, Path dataPath, boolean gzip, int lineSkip, long byteSkip,
        byte[] data) throws IOException {
        if (byteSkip == -1) {
            // raw data occupies the last data.length bytes of the (data) file; line skip is moot
            if (dataPath == null) {
                byte[] rest = in.readAllBytes();
                int n = Math.min(rest.length, data.length);
                System.arraycopy(rest, rest.length - n, data, 0, n);
                return n;
            }
            long total = Files.size(dataPath);
            VolumeIo.skipUpTo(in, Math.max(0, total - data.length));
            return VolumeIo.readUpTo(in, data, 0, data.length);
        }
        for (int i = 0; i < lineSkip; i++) {
            if (readLine(in) == null) {
                return 0;
            }
        }
        InputStream src = in;
        if (gzip) {
            try {
                src = new GZIPInputStream(in, 1 << 16);
            } catch (java.util.zip.ZipException e) {
                throw VolumeIo.error(file, "corrupt gzip data: " + e.getMessage(), e);
            } catch (java.io.EOFException e) {
                return 0;
            }
        }
        if (VolumeIo.skipUpTo(src, byteSkip) < byteSkip) {
            return 0;
        }
        return VolumeIo.readUpTo(src, data, 0, data.length);
    }

    /** Builds the LPS grid from the space fields, or from 'spacings' when there is no space information. */
    private static Geometry geometry(Path file, Map<String, String> f, int dimension, int[] size) {
        double[][] columns = new double[3][3];
        double[] origin = new double[3];
        String space = f.get("space");
        String directions = f.get("space directions");
        if (directions != null && (space != null || f.containsKey("space dimension"))) {
            int spaceDim;
            double flipX = 1, flipY = 1;
            if (space != null) {
                switch (space.toLowerCase(Locale.ROOT)) {
                    case "left-posterior-superior":
                    case "lps":
                    case "scanner-xyz":
                        break;
                    case "right-anterior-superior":
                    case "ras":
                        flipX = -1;
                        flipY = -1;
                        break;
                    case "left-anterior-superior":
                    case "las":
                        flipY = -1;
                        break;
                    default:
                        throw VolumeIo.error(file, "unsupported NRRD space '" + space + "'");
                }
                spaceDim = 3;
            } else {
                spaceDim = parseInt(file, "space dimension", f.get("space dimension"));
                if (spaceDim != 2 && spaceDim != 3) {
                    throw VolumeIo.error(file, "unsupported NRRD space dimension " + spaceDim);
                }
            }
            Matcher m = VECTOR.matcher(directions);
            int axis = 0;
            while (m.find()) {
                if (axis >= dimension) {
                    throw VolumeIo.error(file, "'space directions' has more than " + dimension + " vectors");
                }
                if (m.group(1) == null) {
                    throw VolumeIo.error(file, "'space directions' is 'none' for spatial axis " + axis);
                }
                double[] v = parseVector(file, "space directions", m.group(1), spaceDim);
                columns[axis][0] = flipX * v[0];
                columns[axis][1] = flipY * v[1];
                columns[axis][2] = v[2];
                axis++;
            }
            if (axis != dimension) {
                throw VolumeIo.error(file, "'space directions' has " + axis + " vectors, dimension is " + dimension);
            }
            String o = f.get("space origin");
            if (o != null) {
                Matcher om = VECTOR.matcher(o);
                if (!om.find() || om.group(1) == null) {
                    throw VolumeIo.error(file, "bad 'space origin' '" + shorten(o) + "'");
                }
                double[] v = parseVector(file, "space origin", om.group(1), spaceDim);
                origin[0] = flipX * v[0];
                origin[1] = flipY * v[1];
                origin[2] = v[2];
            }
        } else {
            double[] sp = {1, 1, 1};
            String spacings = f.get("spacings");
            if (spacings != null) {
                String[] t = spacings.split("\\s+");
                if (t.length != dimension) {
                    throw VolumeIo.error(file, "'spacings' has " + t.length + " values, dimension is " + dimension);
                }
                for (int a = 0; a < dimension; a++) {
                    double s = parseDouble(file, "spacings", t[a]);
                    sp[a] = Double.isNaN(s) ? 1 : Math.abs(s);
                }
            }
            for (int a = 0; a < 3; a++) {
                columns[a][a] = sp[a];
            }
        }
        return VolumeIo.geometry(file, size[0], size[1], size[2], columns, origin);
    }

    private static double[] parseVector(Path file, String field, String text, int n) {
        String[] t = text.split(",");
        if (t.length != n) {
            throw VolumeIo.error(file, "bad '" + field + "' vector '(" + shorten(text) + ")'");
        }
        double[] v = new double[3];
        for (int i = 0; i < n; i++) {
            v[i] = parseDouble(file, field, t[i].trim());
        }
        return v;
    }

    private static String require(Path file, Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) {
            throw VolumeIo.error(file, "missing NRRD field '" + key + "'");
        }
        return v;
    }

    private static int parseInt(Path file, String field, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw VolumeIo.error(file, "bad '" + field + "' value '" + shorten(text) + "'");
        }
    }

    private static long parseLong(Path file, String field, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw VolumeIo.error(file, "bad '" + field + "' value '" + shorten(text) + "'");
        }
    }

    private static double parseDouble(Path file, String field, String text) {
        String s = text.trim();
        if (s.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw VolumeIo.error(file, "bad '" + field + "' value '" + shorten(text) + "'");
        }
    }

    /** One header line without its terminator (LF or CRLF), or null at end of file; long lines are cut. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int c;
        boolean any = false;
        while ((c = in.read()) >= 0) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (line.size() < MAX_LINE) {
                line.write(c);
            }
        }
        if (!any) {
            return null;
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
