package org.radspark.io.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CompressedFrameDecoder;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.TransferSyntaxFromName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.radspark.io.ReadException;

/**
 * {@link DicomToolkit} on the pixelmed library: PS3.10 files in the PS3.5 transfer syntaxes pixelmed knows,
 * encapsulated pixel data decoded through pixelmed's RLE decoder and the ImageIO readers it finds.
 */
public final class PixelmedToolkit implements DicomToolkit {
    /** Implicit VR Little Endian, the default when a file has no meta header (PS3.5 10.1). */
    private static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";

    // pixelmed logs parse errors and returns a partial data set; this class turns those into ReadExceptions,
    // so pixelmed's java.util.logging output (its SLF4J binding in Debian's jar) is switched off. The logger is
    // kept in a field because java.util.logging holds loggers weakly.
    private static final Logger PIXELMED_LOG = Logger.getLogger("com.pixelmed");

    static {
        PIXELMED_LOG.setLevel(Level.OFF);
    }

    @Override
    public DicomAttributes readAttributes(Path file) {
        Header header = readHeader(file);
        return header == null ? null : header.attributes;
    }

    @Override
    public DicomInstance read(Path file) {
        Header header = readHeader(file);
        if (header == null) {
            throw new ReadException(file + ": not a DICOM file");
        }
        DicomAttributes attrs = header.attributes;
        String tsUid = attrs.string(DicomTags.TRANSFER_SYNTAX_UID);
        if (tsUid == null) {
            tsUid = IMPLICIT_VR_LITTLE_ENDIAN;
        }
        TransferSyntax syntax = new TransferSyntax(tsUid);
        // pixelmed inflates Deflated Explicit VR Little Endian although TransferSyntax calls it unrecognised
        if (!(syntax.isRecognized() || syntax.isDeflated())
            || (syntax.isEncapsulated() && !CompressedFrameDecoder.canDecompress(file.toString()))) {
            throw unsupported(file, tsUid, syntax);
        }
        AttributeList list = new AttributeList();
        long end;
        try {
            end = list.read(file.toFile());
        } catch (DicomException e) {
            if (syntax.isEncapsulated()) {
                throw unsupported(file, tsUid, syntax);
            }
            throw corrupt(file, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw corrupt(file, String.valueOf(e.getMessage()), e);
        }
        if (!syntax.isEncapsulated() && !syntax.isDeflated()) {
            checkEnd(file, end, header.size);
        }
        Attribute pixelData = list.getPixelData();
        if (pixelData == null) {
            if (syntax.isEncapsulated()) {
                throw corrupt(file, "compressed pixel data could not be decoded", null);
            }
            return new DicomInstance(file, attrs, null);
        }
        return new DicomInstance(file, attrs, decode(file, attrs, pixelData));
    }

    private static final class Header {
        final DicomAttributes attributes;
        final long size;

        Header(DicomAttributes attributes, long size) {
            this.attributes = attributes;
            this.size = size;
        }
    }

    private static Header readHeader(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ReadException(file + ": no such file");
        }
        long size;
        boolean preamble;
        try {
            size = Files.size(file);
            preamble = hasPreamble(file);
        } catch (IOException e) {
            throw new ReadException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        AttributeList list = new AttributeList();
        long end;
        try {
            end = list.read(file.toFile(), TagFromName.PixelData);
        } catch (IOException | DicomException | RuntimeException e) {
            if (!preamble) {
                return null;
            }
            throw corrupt(file, String.valueOf(e.getMessage()), e);
        }
        if (list.get(TagFromName.SOPClassUID) == null) {
            if (!preamble) {
                return null;
            }
            throw corrupt(file, "no SOP Class UID could be read", null);
        }
        String tsUid = Attribute.getSingleStringValueOrNull(list, TagFromName.TransferSyntaxUID);
        boolean deflated = tsUid != null && new TransferSyntax(tsUid.trim()).isDeflated();
        if (!deflated && end > size) {
            checkEnd(file, end, size);
        }
        try {
            return new Header(convert(list), size);
        } catch (DicomException e) {
            throw corrupt(file, e.getMessage(), e);
        }
    }

    /** True when the file starts with the 128-byte preamble and "DICM" of PS3.10 7.1. */
    private static boolean hasPreamble(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(132);
            return head.length == 132
                && "DICM".equals(new String(head, 128, 4, StandardCharsets.US_ASCII));
        }
    }

    private static void checkEnd(Path file, long end, long size) {
        if (end > size) {
            throw corrupt(file, "file ends after " + size + " bytes, its data set needs " + end, null);
        }
        if (end < size) {
            throw corrupt(file, "unreadable data after byte " + end + " of " + size, null);
        }
    }

    private static DicomAttributes convert(AttributeList list) throws DicomException {
        Map<Integer, String[]> values = new HashMap<>();
        Map<Integer, List<DicomAttributes>> sequences = new HashMap<>();
        for (Attribute a : list.values()) {
            int tag = (a.getGroup() << 16) | a.getElement();
            if (!DicomTags.NEEDED.contains(tag)) {
                continue;
            }
            if (a instanceof SequenceAttribute) {
                SequenceAttribute seq = (SequenceAttribute) a;
                List<DicomAttributes> items = new ArrayList<>(seq.getNumberOfItems());
                for (int i = 0; i < seq.getNumberOfItems(); i++) {
                    SequenceItem item = seq.getItem(i);
                    items.add(convert(item.getAttributeList()));
                }
                sequences.put(tag, items);
            } else {
                String[] v = a.getStringValues();
                values.put(tag, v == null ? new String[0] : v);
            }
        }
        return new DicomAttributes(values, sequences);
    }

    private static PixelFrames decode(Path file, DicomAttributes attrs, Attribute pixelData) {
        int rows = attrs.integer(DicomTags.ROWS, 0);
        int columns = attrs.integer(DicomTags.COLUMNS, 0);
        int frames = attrs.integer(DicomTags.NUMBER_OF_FRAMES, 1);
        int samples = attrs.integer(DicomTags.SAMPLES_PER_PIXEL, 1);
        int bitsAllocated = attrs.integer(DicomTags.BITS_ALLOCATED, 0);
        int bitsStored = attrs.integer(DicomTags.BITS_STORED, bitsAllocated);
        boolean signed = attrs.integer(DicomTags.PIXEL_REPRESENTATION, 0) == 1;
        if (rows <= 0 || columns <= 0 || frames <= 0) {
            throw corrupt(file, "pixel data without valid Rows, Columns and NumberOfFrames", null);
        }
        if (samples != 1) {
            throw new ReadException(file + ": colour images (SamplesPerPixel " + samples + ") are not supported");
        }
        long count = (long) rows * columns * frames;
        if (count > Integer.MAX_VALUE - 8) {
            throw new ReadException(file + ": image too large (" + count + " pixels)");
        }
        int n = (int) count;
        int[] out = new int[n];
        try {
            switch (bitsAllocated) {
                case 1: {
                    byte[] packed = bytes(pixelData);
                    need(file, packed.length, (n + 7) / 8, "bytes");
                    for (int i = 0; i < n; i++) {
                        out[i] = (packed[i >>> 3] >> (i & 7)) & 1;
                    }
                    return new PixelFrames(rows, columns, frames, out);
                }
                case 8: {
                    byte[] b = bytes(pixelData);
                    need(file, b.length, n, "bytes");
                    for (int i = 0; i < n; i++) {
                        out[i] = b[i] & 0xFF;
                    }
                    break;
                }
                case 16: {
                    short[] s = pixelData.getShortValues();
                    need(file, s.length, n, "16-bit values");
                    for (int i = 0; i < n; i++) {
                        out[i] = s[i] & 0xFFFF;
                    }
                    break;
                }
                default:
                    throw new ReadException(file + ": BitsAllocated " + bitsAllocated + " is not supported");
            }
        } catch (DicomException e) {
            throw corrupt(file, e.getMessage(), e);
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw corrupt(file, "BitsStored " + bitsStored + " with BitsAllocated " + bitsAllocated, null);
        }
        int valueMask = (int) ((1L << bitsStored) - 1);
        int signBit = 1 << (bitsStored - 1);
        for (int i = 0; i < n; i++) {
            int v = out[i] & valueMask;
            out[i] = signed && (v & signBit) != 0 ? v - (valueMask + 1) : v;
        }
        return new PixelFrames(rows, columns, frames, out);
    }

    /** Pixel data as bytes in stream order; OW words are little-endian (PS3.5 8.1.1). */
    private static byte[] bytes(Attribute pixelData) throws DicomException {
        if ("OW".equals(pixelData.getVRAsString())) {
            short[] words = pixelData.getShortValues();
            byte[] b = new byte[words.length * 2];
            for (int i = 0; i < words.length; i++) {
                b[2 * i] = (byte) words[i];
                b[2 * i + 1] = (byte) (words[i] >> 8);
            }
            return b;
        }
        return pixelData.getByteValues();
    }

    private static void need(Path file, int have, int needed, String unit) {
        if (have < needed) {
            throw corrupt(file, "pixel data holds " + have + " " + unit + ", " + needed + " needed", null);
        }
    }

    private static ReadException corrupt(Path file, String cause, Throwable e) {
        String message = file + ": truncated or corrupt DICOM (" + cause + ")";
        return e == null ? new ReadException(message) : new ReadException(message, e);
    }

    private static ReadException unsupported(Path file, String uid, TransferSyntax syntax) {
        String keyword = TransferSyntaxFromName.getKeywordFromUID(uid);
        String name = syntax.isRecognized() ? syntax.getDescription()
            : keyword != null && !keyword.isEmpty() ? keyword : "unknown";
        return new ReadException(file + ": unsupported transfer syntax " + uid + " (" + name + ")");
    }
}
