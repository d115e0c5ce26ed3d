package org.radspark.extract;

import java.util.Locale;
import java.util.Map;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.image.PixelType;
import org.radspark.preprocess.BoundingBox;
import org.radspark.preprocess.Cropper;

/**
 * pyradiomics-style diagnostics (generalinfo.py): image and mask geometry and statistics at each
 * processing step ("original", "interpolated", "resegmented"), formatted as pyradiomics prints them.
 * Contains no patient attributes: only geometry and intensity statistics.
 */
public final class Diagnostics {
    private Diagnostics() {
    }

    static void addImage(Map<String, String> out, Image image, String step) {
        Geometry g = image.geometry();
        String p = "diagnostics_Image-" + step + "_";
        double[] range = minMeanMax(image.voxels());
        if (step.equals("original")) {
            out.put(p + "Hash", sha1(image));
        }
        out.put(p + "Dimensionality", g.nz() > 1 ? "3D" : "2D");
        out.put(p + "Spacing", tuple(g.spacing()));
        out.put(p + "Size", tuple(g.size()));
        out.put(p + "Mean", num(range[1]));
        out.put(p + "Minimum", num(range[0]));
        out.put(p + "Maximum", num(range[2]));
    }

    /**
     * SimpleITK's {@code Hash} of an image as pyradiomics records it: SHA-1 over the pixel buffer in the
     * pixel type it was read as, little-endian, x fastest.
     */
    static String sha1(Image image) {
        PixelType t = image.pixelType();
        double[] v = image.voxels();
        int width = switch (t) {
            case INT8, UINT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32, FLOAT32 -> 4;
            default -> 8;
        };
        java.security.MessageDigest sha = sha1();
        // converted and digested a chunk at a time: no image-sized byte copy
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(CHUNK).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int perChunk = CHUNK / width;
        for (int from = 0; from < v.length; from += perChunk) {
            int to = Math.min(v.length, from + perChunk);
            b.clear();
            switch (t) {
                case INT8, UINT8 -> {
                    for (int n = from; n < to; n++) {
                        b.put((byte) (long) v[n]);
                    }
                }
                case INT16, UINT16 -> {
                    // the commonest CT/MR type: bytes written directly (little-endian), no buffer bookkeeping
                    byte[] a = b.array();
                    int o = 0;
                    for (int n = from; n < to; n++) {
                        int x = (int) v[n];
                        a[o++] = (byte) x;
                        a[o++] = (byte) (x >> 8);
                    }
                    b.position(o);
                }
                case INT32, UINT32 -> {
                    for (int n = from; n < to; n++) {
                        b.putInt((int) (long) v[n]);
                    }
                }
                case INT64 -> {
                    for (int n = from; n < to; n++) {
                        b.putLong((long) v[n]);
                    }
                }
                case UINT64 -> {
                    for (int n = from; n < to; n++) {
                        b.putLong(new java.math.BigDecimal(v[n]).toBigInteger().longValue());
                    }
                }
                case FLOAT32 -> {
                    for (int n = from; n < to; n++) {
                        b.putFloat((float) v[n]);
                    }
                }
                default -> {
                    for (int n = from; n < to; n++) {
                        b.putDouble(v[n]);
                    }
                }
            }
            sha.update(b.array(), 0, b.position());
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    /** pyradiomics' mask hash: SHA-1 of the labels cast to UInt32 (its getMask casts every mask so). */
    static String sha1(Mask mask) {
        int[] labels = mask.labels();
        java.security.MessageDigest sha = sha1();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(CHUNK).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < labels.length; from += CHUNK / 4) {
            int to = Math.min(labels.length, from + CHUNK / 4);
            b.clear();
            b.asIntBuffer().put(labels, from, to - from);
            sha.update(b.array(), 0, (to - from) * 4);
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    private static final int CHUNK = 1 << 13;

    private static java.security.MessageDigest sha1() {
        try {
            return java.security.MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    /** Minimum, mean and maximum of an image's voxels (pyradiomics' diagnostics_Image-*_Minimum/Mean/Maximum). */
    public static double[] minMeanMax(double[] voxels) {
        // four partial sums: one running sum is a chain of dependent additions, four run side by side (integer
        // intensities, the usual case, sum exactly in any order)
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int n = voxels.length, i = 0;
        for (; i + 3 < n; i += 4) {
            double a = voxels[i], b = voxels[i + 1], c = voxels[i + 2], d = voxels[i + 3];
            s0 += a;
            s1 += b;
            s2 += c;
            s3 += d;
            if (a < min) min = a;
            if (a > max) max = a;
            if (b < min) min = b;
            if (b > max) max = b;
            if (c < min) min = c;
            if (c > max) max = c;
            if (d < min) min = d;
            if (d > max) max = d;
        }
        for (; i < n; i++) {
            double v = voxels[i];
            s0 += v;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return new double[] {min, ((s0 + s1) + (s2 + s3)) / n, max};
    }

    /** Adds the mask's diagnostics; returns the label's bounding box (null when absent), which callers reuse. */
    static BoundingBox addMask(Map<String, String> out, Mask mask, int label, String step) {
        Geometry g = mask.geometry();
        String p = "diagnostics_Mask-" + step + "_";
        if (step.equals("original")) {
            out.put(p + "Hash", sha1(mask));
        }
        out.put(p + "Spacing", tuple(g.spacing()));
        out.put(p + "Size", tuple(g.size()));
        BoundingBox box = Cropper.boundingBox(mask, label);
        if (box == null) {
            return null;
        }
        out.put(p + "BoundingBox", tuple(new int[] {box.lower()[0], box.lower()[1], box.lower()[2],
            box.size(0), box.size(1), box.size(2)}));
        int[] labels = mask.labels();
        long n = 0;
        double si = 0, sj = 0, sk = 0;
        // the label's voxels all lie in its bounding box; sums run in the same (k, j, i) order as over the grid
        for (int k = box.lower()[2]; k <= box.upper()[2]; k++) {
            for (int j = box.lower()[1]; j <= box.upper()[1]; j++) {
                int v = g.index(box.lower()[0], j, k);
                for (int i = box.lower()[0]; i <= box.upper()[0]; i++, v++) {
                    if (labels[v] == label) {
                        n++;
                        si += i;
                        sj += j;
                        sk += k;
                    }
                }
            }
        }
        out.put(p + "VoxelNum", Long.toString(n));
        out.put(p + "VolumeNum", Integer.toString(countComponents(Cropper.crop(mask, box), label)));
        double[] com = {si / n, sj / n, sk / n};
        out.put(p + "CenterOfMassIndex", tuple(com));
        out.put(p + "CenterOfMass", tuple(g.indexToPhysical(com[0], com[1], com[2])));
        return box;
    }

    /** Connected components of the label with face connectivity (ITK ConnectedComponentImageFilter's default). */
    public static int countComponents(Mask mask, int label) {
        Geometry g = mask.geometry();
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        int[] labels = mask.labels();
        boolean[] seen = new boolean[labels.length];
        int[] stack = new int[64];
        int count = 0;
        for (int s = 0; s < labels.length; s++) {
            if (labels[s] != label || seen[s]) {
                continue;
            }
            count++;
            int top = 0;
            stack[top++] = s;
            seen[s] = true;
            while (top > 0) {
                int v = stack[--top];
                int i = v % nx, j = (v / nx) % ny, k = v / (nx * ny);
                for (int d = 0; d < 6; d++) {
                    int w = switch (d) {
                        case 0 -> i > 0 ? v - 1 : -1;
                        case 1 -> i < nx - 1 ? v + 1 : -1;
                        case 2 -> j > 0 ? v - nx : -1;
                        case 3 -> j < ny - 1 ? v + nx : -1;
                        case 4 -> k > 0 ? v - nx * ny : -1;
                        default -> k < nz - 1 ? v + nx * ny : -1;
                    };
                    if (w >= 0 && !seen[w] && labels[w] == label) {
                        seen[w] = true;
                        if (top == stack.length) {
                            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                        }
                        stack[top++] = w;
                    }
                }
            }
        }
        return count;
    }

    static String tuple(double[] a) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < a.length; i++) {
            b.append(i > 0 ? ", " : "").append(num(a[i]));
        }
        return b.append(')').toString();
    }

    static String tuple(int[] a) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < a.length; i++) {
            b.append(i > 0 ? ", " : "").append(a[i]);
        }
        return b.append(')').toString();
    }

    /** A value as pyradiomics' diagnostics print it: Python's repr of a float ({@code 0.0}, {@code 385.65...}). */
    static String num(double d) {
        return org.radspark.params.PythonText.repr(d);
    }
}
