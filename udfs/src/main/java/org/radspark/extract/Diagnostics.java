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
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * width).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            switch (t) {
                case INT8, UINT8 -> b.put((byte) (long) x);
                case INT16, UINT16 -> b.putShort((short) (long) x);
                case INT32, UINT32 -> b.putInt((int) (long) x);
                case INT64 -> b.putLong((long) x);
                case UINT64 -> b.putLong(new java.math.BigDecimal(x).toBigInteger().longValue());
                case FLOAT32 -> b.putFloat((float) x);
                default -> b.putDouble(x);
            }
        }
        return hex(b.array());
    }

    /** pyradiomics' mask hash: SHA-1 of the labels cast to UInt32 (its getMask casts every mask so). */
    static String sha1(Mask mask) {
        int[] labels = mask.labels();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(labels.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int x : labels) {
            b.putInt(x);
        }
        return hex(b.array());
    }

    private static String hex(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    /** Minimum, mean and maximum of an image's voxels (pyradiomics' diagnostics_Image-*_Minimum/Mean/Maximum). */
    public static double[] minMeanMax(double[] voxels) {
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : voxels) {
            sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return new double[] {min, sum / voxels.length, max};
    }

    static void addMask(Map<String, String> out, Mask mask, int label, String step) {
        Geometry g = mask.geometry();
        String p = "diagnostics_Mask-" + step + "_";
        if (step.equals("original")) {
            out.put(p + "Hash", sha1(mask));
        }
        out.put(p + "Spacing", tuple(g.spacing()));
        out.put(p + "Size", tuple(g.size()));
        BoundingBox box = Cropper.boundingBox(mask, label);
        if (box == null) {
            return;
        }
        out.put(p + "BoundingBox", tuple(new int[] {box.lower()[0], box.lower()[1], box.lower()[2],
            box.size(0), box.size(1), box.size(2)}));
        int[] labels = mask.labels();
        long n = 0;
        double si = 0, sj = 0, sk = 0;
        int v = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++, v++) {
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
        out.put(p + "VolumeNum", Integer.toString(countComponents(mask, label)));
        double[] com = {si / n, sj / n, sk / n};
        out.put(p + "CenterOfMassIndex", tuple(com));
        out.put(p + "CenterOfMass", tuple(g.indexToPhysical(com[0], com[1], com[2])));
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
