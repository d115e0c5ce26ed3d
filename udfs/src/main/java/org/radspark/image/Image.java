package org.radspark.image;

/**
 * Scalar 3D image: a {@link Geometry} and one double per voxel (i fastest). Intensities are kept
 * as doubles so that rescaled DICOM, normalised and resampled values keep full precision.
 */
public final class Image {
    private final Geometry geometry;
    private final double[] voxels;

    public Image(Geometry geometry, double[] voxels) {
        if (voxels.length != geometry.voxelCount()) {
            throw new IllegalArgumentException("voxel array has " + voxels.length + " values, grid needs "
                + geometry.voxelCount());
        }
        this.geometry = geometry;
        this.voxels = voxels;
    }

    public Geometry geometry() { return geometry; }

    /** The backing array (not copied): callers that change it own the image. */
    public double[] voxels() { return voxels; }

    public double get(int i, int j, int k) { return voxels[geometry.index(i, j, k)]; }
}
