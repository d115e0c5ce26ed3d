package org.radspark.io.dicom;

import java.io.ByteArrayOutputStream;

/** Test helper: RLE Lossless frames (PS3.5 G.3) for 16-bit single-sample pixels. */
final class RleEncoder {
    private RleEncoder() { }

    /** One frame: 64-byte header, then the high-byte segment, then the low-byte segment. */
    static byte[] encode16(short[] pixels) {
        byte[] high = new byte[pixels.length], low = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            high[i] = (byte) (pixels[i] >> 8);
            low[i] = (byte) pixels[i];
        }
        byte[] s1 = packBits(high), s2 = packBits(low);
        byte[] out = new byte[64 + s1.length + s2.length];
        putInt(out, 0, 2);
        putInt(out, 4, 64);
        putInt(out, 8, 64 + s1.length);
        System.arraycopy(s1, 0, out, 64, s1.length);
        System.arraycopy(s2, 0, out, 64 + s1.length, s2.length);
        return out;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
        b[at + 2] = (byte) (v >> 16);
        b[at + 3] = (byte) (v >> 24);
    }

    /** PackBits: runs of 2..128 equal bytes as (1 - n, byte), other bytes as literals (n - 1, bytes); even length. */
    private static byte[] packBits(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            int run = 1;
            while (i + run < in.length && run < 128 && in[i + run] == in[i]) {
                run++;
            }
            if (run >= 2) {
                out.write(1 - run);
                out.write(in[i]);
                i += run;
                continue;
            }
            int start = i;
            while (i < in.length && i - start < 128 && (i + 1 >= in.length || in[i + 1] != in[i])) {
                i++;
            }
            if (i == start) {
                i++;
            }
            out.write(i - start - 1);
            out.write(in, start, i - start);
        }
        if (out.size() % 2 != 0) {
            out.write(0x80);   // no-op code, pads the segment to even length
        }
        return out.toByteArray();
    }
}
