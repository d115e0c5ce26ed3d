package org.radspark.preprocess;

import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;

/** Crops images and masks to a bounding box (pyradiomics imageoperations.cropToTumorMask). */
public final class Cropper {
    private Cropper() {
    }

    /** Bounding box of {@code label} in {@code mask}, or null when the label is absent. One pass over the mask. */
    public static BoundingBox boundingBox(Mask mask, int label) {
        Geometry g = mask.geometry();
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        int[] labels = mask.labels();
        int v = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++, v++) {
                    if (labels[v] == label) {
                        if (i < lo[0]) lo[0] = i;
                        if (i > hi[0]) hi[0] = i;
                        if (j < lo[1]) lo[1] = j;
                        if (j > hi[1]) hi[1] = j;
                        if (k < lo[2]) lo[2] = k;
                        if (k > hi[2]) hi[2] = k;
                    }
                }
            }
        }
        return hi[0] < 0 ? null : new BoundingBox(lo, hi);
    }

    public static Image crop(Image image, BoundingBox box) {
        Geometry g = image.geometry();
        return new Image(cropGeometry(g, box), copyBox(image.voxels(), g, box), image.pixelType());
    }

    public static Mask crop(Mask mask, BoundingBox box) {
        Geometry g = mask.geometry();
        int sx = box.size(0), sy = box.size(1), sz = box.size(2);
        int[] src = mask.labels();
        int[] out = new int[sx * sy * sz];
        int o = 0;
        for (int k = 0; k < sz; k++) {
            for (int j = 0; j < sy; j++) {
                int from = g.index(box.lower()[0], box.lower()[1] + j, box.lower()[2] + k);
                System.arraycopy(src, from, out, o, sx);
                o += sx;
            }
        }
        return new Mask(cropGeometry(g, box), out);
    }

    /** The sub-grid of {@code g} covered by {@code box}. */
    public static Geometry cropGeometry(Geometry g, BoundingBox box) {
        return g.crop(box.lower()[0], box.lower()[1], box.lower()[2], box.size(0), box.size(1), box.size(2));
    }

    /** The voxels of {@code src} (on grid {@code g}) inside {@code box}, i fastest. */
    public static double[] copyBox(double[] src, Geometry g, BoundingBox box) {
        int sx = box.size(0), sy = box.size(1), sz = box.size(2);
        double[] out = new double[sx * sy * sz];
        int o = 0;
        for (int k = 0; k < sz; k++) {
            for (int j = 0; j < sy; j++) {
                int from = g.index(box.lower()[0], box.lower()[1] + j, box.lower()[2] + k);
                System.arraycopy(src, from, out, o, sx);
                o += sx;
            }
        }
        return out;
    }
}
