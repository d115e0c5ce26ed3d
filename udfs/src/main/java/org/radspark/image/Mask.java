package org.radspark.image;

/** Label map on a {@link Geometry}: one int label per voxel (0 = background), i fastest. */
public final class Mask {
    private final Geometry geometry;
    private final int[] labels;

    public Mask(Geometry geometry, int[] labels) {
        if (labels.length != geometry.voxelCount()) {
            throw new IllegalArgumentException("label array has " + labels.length + " values, grid needs "
                + geometry.voxelCount());
        }
        this.geometry = geometry;
        this.labels = labels;
    }

    public Geometry geometry() { return geometry; }

    /** The backing array (not copied). */
    public int[] labels() { return labels; }

    public int get(int i, int j, int k) { return labels[geometry.index(i, j, k)]; }

    /** Number of voxels carrying {@code label}. */
    public long count(int label) {
        long n = 0;
        for (int v : labels) {
            if (v == label) {
                n++;
            }
        }
        return n;
    }

    /** The voxels of {@code label} as label 1, the rest 0 (IBSI mode reads label 1; N4 fits on a 0/1 mask). */
    public Mask only(int label) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] == label ? 1 : 0;
        }
        return new Mask(geometry, out);
    }
}
